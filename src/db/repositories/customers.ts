import type { Customer } from "../../generated/sqlite/client.js";
import { decode, joinSql, sql, type DirectReads, type RawRow } from "../direct-reads.js";
import type { Provider } from "../provider.js";

export type { Customer };

/** The Customer columns that are not text or whole numbers; a test holds this against the client's own reading. */
const DATES = [
  "relationSince",
  "tierComputedAt",
  "lastVisitAt",
  "visitDueAt",
  "lastOrderAt",
  "profileUpdatedAt",
  "createdAt",
  "updatedAt",
] as const;
const BOOLEANS = ["keyAccount", "keyAccountManual"] as const;

/** A whole Customer row read directly, as the Prisma client would have returned it. */
export function customerFromRow(row: RawRow): Customer {
  const customer: Record<string, unknown> = { ...row };
  for (const field of DATES) customer[field] = decode.optionalDate(row[field]);
  for (const field of BOOLEANS) customer[field] = decode.boolean(row[field]);
  customer.creditLimit = decode.optionalBigint(row.creditLimit);
  return customer as unknown as Customer;
}

export interface SearchHit {
  id: number;
  code: string;
  name: string;
  type: string;
  region: string | null;
  ownerId: number | null;
  score: number;
}

/** What a search looks for, worked out from the typed text by the domain's search keys. */
export interface CustomerQuery {
  /** The text as typed, trimmed. */
  text: string;
  /** Search keys (name, pinyin, initials, code, phone digits) it may start. */
  keys: readonly string[];
  /** The key prefix ranges: every term from `from` up to (not including) `to`; no `to` = no upper end. */
  ranges: readonly { from: string; to: string | null }[];
  /** The text holds Chinese characters: names holding them rank first. */
  typedCharacters: boolean;
}

/** How many matching keys to rank before cutting to the limit. */
const CANDIDATE_KEYS = 300;

export interface CustomerCardRows {
  owner: string | null;
  outstanding: bigint;
  openComplaints: { number: number; category: string; status: string; stepDueAt: Date | null }[];
  openAlerts: { number: number; rule: string; severity: string }[];
  contacts: { name: string; title: string | null; phone: string | null; role: string | null; stance: string | null }[];
  lastVisits: {
    visitedAt: Date;
    channel: string;
    purpose: string | null;
    notes: string | null;
    outcome: string | null;
    user: { name: string };
  }[];
  nextFollowUp: { number: number; kind: string; text: string | null; dueAt: Date } | null;
}

const text = (value: unknown) => value as string | null;

/**
 * The customer reads every rep's commands repeat (`/customer show`, every command naming a
 * customer, the search behind autocomplete), straight on the connection (see DirectReads).
 */
export class CustomerReads {
  constructor(
    private readonly reads: DirectReads,
    private readonly provider: Provider,
  ) {}

  /**
   * The customer a code names: its own, or that of a duplicate merged into it (/customer merge).
   * A code is never both, since a merged duplicate's code cannot be given to another customer.
   */
  async byCode(workspaceId: number, code: string): Promise<Customer | undefined> {
    const [row] = await this.reads.rows(
      sql`SELECT * FROM "Customer" WHERE "workspaceId" = ${workspaceId} AND "code" = ${code}
        UNION ALL
        SELECT c.* FROM "CustomerAlias" a JOIN "Customer" c ON c."id" = a."customerId" WHERE a."workspaceId" = ${workspaceId} AND a."code" = ${code}`,
    );
    return row && customerFromRow(row);
  }

  /** Up to `limit` customers of exactly this name. */
  async byName(workspaceId: number, name: string, limit: number): Promise<Customer[]> {
    const rows = await this.reads.rows(
      sql`SELECT * FROM "Customer" WHERE "workspaceId" = ${workspaceId} AND "name" = ${name} LIMIT ${limit}`,
    );
    return rows.map(customerFromRow);
  }

  async byId(workspaceId: number, id: number): Promise<Customer | undefined> {
    const [row] = await this.reads.rows(
      sql`SELECT * FROM "Customer" WHERE "workspaceId" = ${workspaceId} AND "id" = ${id}`,
    );
    return row && customerFromRow(row);
  }

  /**
   * Customers matching a query, best first. Matching uses prefix ranges on the search-key index;
   * ranking then favours exact names and codes, matches at the start of the name, and characters
   * the user typed as such. One statement ranks and cuts: the candidates' customer rows never
   * leave the database, where reading them into JavaScript to rank them cost twice the SQL.
   */
  async search(
    workspaceId: number,
    query: CustomerQuery,
    limit: number,
    ownerIds: readonly number[] | null,
  ): Promise<SearchHit[]> {
    if (query.keys.length === 0) return [];
    const q = query.text;
    // PostgreSQL plans a prepared statement for its values at every call while that looks cheaper
    // than one plan for all values, and a rep's search looked so by a hair: planning it anew was a
    // third of the command (0.3 ms of 1). Bounds given as sub-selects cost every call the same, so
    // PostgreSQL keeps one plan, the same seek through each of the rep's customers' keys.
    const planOnce = this.provider === "postgresql" && ownerIds !== null;
    const bound = (value: string) => (planOnce ? sql`(SELECT ${value}::text)` : sql`${value}`);
    const ranges = query.ranges.map(({ from, to }) =>
      to ? sql`(t."term" >= ${bound(from)} AND t."term" < ${bound(to)})` : sql`t."term" >= ${bound(from)}`,
    );
    // A rep's keys: both databases start from the rep's customers and seek each one's keys in the
    // range (index on customer, term). SQLite does so for a join; PostgreSQL, so joined, fetched
    // the customer of every matching key of the workspace, and given the rep's customers as an
    // array it read every key in the range and checked each against all 200 of them (11 ms for
    // `huada` among 100,000 customers): a lateral join makes it seek (0.9 ms).
    const inRange = joinSql(ranges, " OR ");
    const candidates =
      ownerIds === null
        ? sql`SELECT t."customerId", t."weight", t."term" FROM "CustomerSearchTerm" t
            WHERE t."workspaceId" = ${workspaceId} AND (${inRange})`
        : this.provider === "postgresql"
          ? sql`SELECT t."customerId", t."weight", t."term" FROM "Customer" o CROSS JOIN LATERAL (
              SELECT t."customerId", t."weight", t."term" FROM "CustomerSearchTerm" t
              WHERE t."customerId" = o."id" AND (${inRange})) t
            WHERE o."workspaceId" = ${workspaceId} AND o."ownerId" IN (${ownerIds})`
          : sql`SELECT t."customerId", t."weight", t."term" FROM "CustomerSearchTerm" t
            JOIN "Customer" o ON o."id" = t."customerId" AND o."ownerId" IN (${ownerIds})
            WHERE t."workspaceId" = ${workspaceId} AND (${inRange})`;
    // REPLACE and SUBSTR read the same, case and all, on both databases.
    const typedName = query.typedCharacters
      ? sql`WHEN SUBSTR(c."name", 1, ${[...q].length}) = ${q} THEN 60 WHEN REPLACE(c."name", ${q}, '') <> c."name" THEN 40`
      : sql``;
    const rows = await this.reads.rows(sql`
      SELECT c."id", c."code", c."name", c."type", c."region", c."ownerId",
        k."best"
          + CASE WHEN c."name" = ${q} THEN 200 ${typedName} ELSE 0 END
          + CASE WHEN LOWER(c."code") = ${q.toLowerCase()} THEN 150 ELSE 0 END AS "score"
      FROM (
        -- A key that is exactly what was typed beats one that merely starts with it.
        SELECT m."customerId", MAX(m."weight" + CASE WHEN m."term" IN (${query.keys}) THEN 5 ELSE 0 END) AS "best"
        FROM (${candidates} ORDER BY t."weight" DESC LIMIT ${CANDIDATE_KEYS}) m
        GROUP BY m."customerId"
      ) k
      JOIN "Customer" c ON c."id" = k."customerId"
      ORDER BY "score" DESC, LENGTH(c."name"), c."code", c."id"
      LIMIT ${limit}`);
    return rows.map((row) => ({
      id: row.id as number,
      code: row.code as string,
      name: row.name as string,
      type: row.type as string,
      region: text(row.region),
      ownerId: row.ownerId as number | null,
      score: decode.number(row.score),
    }));
  }

  /** Everything the profile card shows beyond the customer row itself, in one round of reads. */
  async card(
    workspaceId: number,
    customer: { id: number; ownerId: number | null },
    options: { openComplaintStatuses: readonly string[]; contacts: number },
  ): Promise<CustomerCardRows> {
    const [ws, id] = [workspaceId, customer.id];
    const read = this.reads.rows.bind(this.reads);
    const [owner, [owed], openComplaints, openAlerts, contacts, lastVisits, [nextFollowUp]] = await Promise.all([
      customer.ownerId
        ? read(sql`SELECT "name" FROM "User" WHERE "workspaceId" = ${ws} AND "id" = ${customer.ownerId}`)
        : [],
      read(sql`SELECT (SELECT COALESCE(SUM("amount"), 0) FROM "Order" WHERE "workspaceId" = ${ws} AND "customerId" = ${id} AND "voidedAt" IS NULL)
        - (SELECT COALESCE(SUM("amount"), 0) FROM "Payment" WHERE "workspaceId" = ${ws} AND "customerId" = ${id} AND "voidedAt" IS NULL) AS "owed"`),
      read(sql`SELECT "number", "category", "status", "stepDueAt" FROM "Complaint"
        WHERE "workspaceId" = ${ws} AND "customerId" = ${id} AND "status" IN (${options.openComplaintStatuses}) ORDER BY "receivedAt" DESC LIMIT 5`),
      read(
        sql`SELECT "number", "rule", "severity" FROM "Alert" WHERE "workspaceId" = ${ws} AND "customerId" = ${id} AND "status" <> 'resolved' ORDER BY "openedAt" DESC LIMIT 5`,
      ),
      read(
        sql`SELECT "name", "title", "phone", "role", "stance" FROM "Contact" WHERE "workspaceId" = ${ws} AND "customerId" = ${id} AND "removedAt" IS NULL ORDER BY "role", "id" LIMIT ${options.contacts}`,
      ),
      read(sql`SELECT v."visitedAt", v."channel", v."purpose", v."notes", v."outcome", u."name" AS "userName" FROM "Visit" v JOIN "User" u ON u."id" = v."userId"
        WHERE v."workspaceId" = ${ws} AND v."customerId" = ${id} AND v."voidedAt" IS NULL ORDER BY v."visitedAt" DESC LIMIT 3`),
      read(
        sql`SELECT "number", "kind", "text", "dueAt" FROM "FollowUp" WHERE "workspaceId" = ${ws} AND "customerId" = ${id} AND "doneAt" IS NULL ORDER BY "dueAt", "id" LIMIT 1`,
      ),
    ]);
    return {
      owner: (owner[0]?.name as string | undefined) ?? null,
      outstanding: decode.bigint(owed!.owed),
      openComplaints: openComplaints.map((c) => ({
        number: c.number as number,
        category: c.category as string,
        status: c.status as string,
        stepDueAt: decode.optionalDate(c.stepDueAt),
      })),
      openAlerts: openAlerts.map((a) => ({
        number: a.number as number,
        rule: a.rule as string,
        severity: a.severity as string,
      })),
      contacts: contacts.map((c) => ({
        name: c.name as string,
        title: text(c.title),
        phone: text(c.phone),
        role: text(c.role),
        stance: text(c.stance),
      })),
      lastVisits: lastVisits.map((v) => ({
        visitedAt: decode.date(v.visitedAt),
        channel: v.channel as string,
        purpose: text(v.purpose),
        notes: text(v.notes),
        outcome: text(v.outcome),
        user: { name: v.userName as string },
      })),
      nextFollowUp: nextFollowUp
        ? {
            number: nextFollowUp.number as number,
            kind: nextFollowUp.kind as string,
            text: text(nextFollowUp.text),
            dueAt: decode.date(nextFollowUp.dueAt),
          }
        : null,
    };
  }
}
