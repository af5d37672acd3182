import { decode, joinSql, sql, type DirectReads } from "../../db/direct-reads.js";
import { digitsOf, hasHan, prefixUpperBound, queryKeys } from "./search-terms.js";

export interface SearchHit {
  id: number;
  code: string;
  name: string;
  type: string;
  region: string | null;
  ownerId: number | null;
  score: number;
}

/** How many matching keys to rank before cutting to the limit. */
const CANDIDATE_KEYS = 300;

/**
 * Customers matching a query by name, pinyin (full or initials, mixed with characters), code or
 * phone, best first. Matching uses prefix ranges on the search-key index; ranking then favours
 * exact names and codes, matches at the start of the name, and characters the user typed as such.
 *
 * One statement ranks and cuts: the candidates' customer rows never leave the database, where
 * reading them into JavaScript to rank them cost twice the SQL.
 */
export async function searchCustomers(
  reads: DirectReads,
  workspaceId: number,
  query: string,
  limit: number,
  ownerIds: number[] | null,
): Promise<SearchHit[]> {
  const q = query.trim();
  const keys = new Set(queryKeys(q));
  const digits = digitsOf(q);
  if (digits.length >= 3 && digits.length === q.replace(/[\s-]/g, "").length) keys.add(digits);
  if (keys.size === 0) return [];

  const ranges = [...keys].map((key) => {
    const upper = prefixUpperBound(key);
    return upper ? sql`(t."term" >= ${key} AND t."term" < ${upper})` : sql`t."term" >= ${key}`;
  });
  const owned =
    ownerIds === null ? sql`` : sql`JOIN "Customer" o ON o."id" = t."customerId" AND o."ownerId" IN (${ownerIds})`;
  // Characters typed as such rank names holding them, first those that start with them. REPLACE
  // and SUBSTR read the same, case and all, on both databases.
  const typedName = hasHan(q)
    ? sql`WHEN SUBSTR(c."name", 1, ${[...q].length}) = ${q} THEN 60 WHEN REPLACE(c."name", ${q}, '') <> c."name" THEN 40`
    : sql``;
  const rows = await reads.rows(sql`
    SELECT c."id", c."code", c."name", c."type", c."region", c."ownerId",
      k."best"
        + CASE WHEN c."name" = ${q} THEN 200 ${typedName} ELSE 0 END
        + CASE WHEN LOWER(c."code") = ${q.toLowerCase()} THEN 150 ELSE 0 END AS "score"
    FROM (
      -- A key that is exactly what was typed beats one that merely starts with it.
      SELECT m."customerId", MAX(m."weight" + CASE WHEN m."term" IN (${[...keys]}) THEN 5 ELSE 0 END) AS "best"
      FROM (
        SELECT t."customerId", t."weight", t."term" FROM "CustomerSearchTerm" t ${owned}
        WHERE t."workspaceId" = ${workspaceId} AND (${joinSql(ranges, " OR ")})
        ORDER BY t."weight" DESC LIMIT ${CANDIDATE_KEYS}
      ) m
      GROUP BY m."customerId"
    ) k
    JOIN "Customer" c ON c."id" = k."customerId"
    ORDER BY "score" DESC, LENGTH(c."name"), c."code", c."id"
    LIMIT ${limit}`);
  return rows.map((row) => ({ ...(row as unknown as Omit<SearchHit, "score">), score: decode.number(row.score) }));
}
