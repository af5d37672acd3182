import { joinSql, sql, type DirectReads } from "../../db/direct-reads.js";
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
 */
export async function searchCustomers(reads: DirectReads, workspaceId: number, query: string, limit: number, ownerIds: number[] | null): Promise<SearchHit[]> {
  const q = query.trim();
  const keys = new Set(queryKeys(q));
  const digits = digitsOf(q);
  if (digits.length >= 3 && digits.length === q.replace(/[\s-]/g, "").length) keys.add(digits);
  if (keys.size === 0) return [];

  const ranges = [...keys].map((key) => {
    const upper = prefixUpperBound(key);
    return upper ? sql`(t."term" >= ${key} AND t."term" < ${upper})` : sql`t."term" >= ${key}`;
  });
  const owned = ownerIds === null ? sql`` : sql`AND c."ownerId" IN (${ownerIds})`;
  const rows = await reads.rows(
    sql`SELECT t."customerId", t."weight", t."term" FROM "CustomerSearchTerm" t ${ownerIds === null ? sql`` : sql`JOIN "Customer" c ON c."id" = t."customerId"`}
      WHERE t."workspaceId" = ${workspaceId} AND (${joinSql(ranges, " OR ")}) ${owned} ORDER BY t."weight" DESC LIMIT ${CANDIDATE_KEYS}`,
  );

  const best = new Map<number, number>();
  for (const row of rows) {
    // A key that is exactly what was typed beats one that merely starts with it.
    const score = (row.weight as number) + (keys.has(row.term as string) ? 5 : 0);
    const id = row.customerId as number;
    if ((best.get(id) ?? -Infinity) < score) best.set(id, score);
  }
  if (best.size === 0) return [];

  const customers = (await reads.rows(
    sql`SELECT "id", "code", "name", "type", "region", "ownerId" FROM "Customer" WHERE "workspaceId" = ${workspaceId} AND "id" IN (${[...best.keys()]})`,
  )) as unknown as Omit<SearchHit, "score">[];
  const typedHan = hasHan(q);
  return customers
    .map((c) => {
      let score = best.get(c.id)!;
      if (c.name === q) score += 200;
      else if (typedHan && c.name.includes(q)) score += c.name.startsWith(q) ? 60 : 40;
      if (c.code.toLowerCase() === q.toLowerCase()) score += 150;
      return { ...c, score };
    })
    .sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.code.localeCompare(b.code))
    .slice(0, limit);
}
