import type { Provider } from "../provider.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { decode, sql, sqlText, type DirectReads, type RawRow, type Sql } from "../direct-reads.js";

/** What every alert list, card and notice reads of an alert. */
export const ALERT_VIEW = {
  id: true,
  number: true,
  rule: true,
  severity: true,
  status: true,
  facts: true,
  subject: true,
  activeKey: true,
  openedAt: true,
  resolvedAt: true,
  snoozedUntil: true,
  customerId: true,
  assigneeId: true,
  sweepId: true,
  customer: { select: { name: true, code: true, region: true, ownerId: true, owner: { select: { name: true } } } },
  assignee: { select: { name: true } },
} as const;

export type AlertRow = Prisma.AlertGetPayload<{ select: typeof ALERT_VIEW }>;

export interface AlertListFilter {
  /** "active" = not resolved, "all", or one status. */
  status: string;
  rule?: string | undefined;
  severity?: string | undefined;
}

/** The columns of an ALERT_VIEW read directly, from the Alert `a` and the ALERT_JOINS. */
export const ALERT_COLUMNS = sql`a."id", a."number", a."rule", a."severity", a."status", a."facts", a."subject", a."activeKey", a."openedAt", a."resolvedAt", a."snoozedUntil", a."customerId", a."assigneeId", a."sweepId",
  c."name" AS "customerName", c."code" AS "customerCode", c."region" AS "customerRegion", c."ownerId" AS "customerOwnerId", o."name" AS "ownerName", s."name" AS "assigneeName"`;

/** The alert's customer `c`, its owner `o` and the alert's assignee `s`. */
export const ALERT_JOINS = sql`LEFT JOIN "Customer" c ON c."id" = a."customerId"
  LEFT JOIN "User" o ON o."id" = c."ownerId" LEFT JOIN "User" s ON s."id" = a."assigneeId"`;

/** An ALERT_VIEW read directly, in the shape the client gives it. */
export function alertFromRow(row: RawRow): AlertRow {
  return {
    id: row.id as number,
    number: row.number as number,
    rule: row.rule as string,
    severity: row.severity as string,
    status: row.status as string,
    facts: row.facts as string,
    subject: row.subject as string,
    activeKey: row.activeKey as string | null,
    openedAt: decode.date(row.openedAt),
    resolvedAt: decode.optionalDate(row.resolvedAt),
    snoozedUntil: decode.optionalDate(row.snoozedUntil),
    customerId: row.customerId as number | null,
    assigneeId: row.assigneeId as number | null,
    sweepId: row.sweepId as number | null,
    customer:
      row.customerId === null
        ? null
        : {
            name: row.customerName as string,
            code: row.customerCode as string,
            region: row.customerRegion as string | null,
            ownerId: row.customerOwnerId as number | null,
            owner: row.ownerName === null ? null : { name: row.ownerName as string },
          },
    assignee: row.assigneeName === null ? null : { name: row.assigneeName as string },
  };
}

/** An id or a page's number about to be written into SQL text: a whole number, or a bug. */
function integer(value: number): number {
  if (!Number.isSafeInteger(value)) throw new Error(`not an id: ${value}`);
  return value;
}

/** A rep's or a manager's alert list, among the commands run most, read directly (see DirectReads). */
export class AlertReads {
  constructor(
    private readonly reads: DirectReads,
    private readonly provider: Provider,
  ) {}

  /** A page of the alerts about these owners' customers or assigned to them, newest first, and how many there are. */
  async forOwners(
    workspaceId: number,
    owners: readonly number[],
    filter: AlertListFilter,
    page: { skip: number; take: number },
  ): Promise<{ total: number; rows: AlertRow[] }> {
    const union = scopedUnion(this.provider, workspaceId, owners, filter);
    // The page is cut, and counted, before anything is joined to it: a manager's team has
    // thousands of active alerts, and joining each to its customer and people before keeping ten
    // took PostgreSQL 29 ms of a 29 ms list.
    // SQLite takes the page's numbers written in, as the ids: bound, with the same plan, a rep's
    // list took half again as long (0.36 against 0.24 ms for ten of 87 alerts).
    const cut =
      this.provider === "postgresql"
        ? sql`LIMIT ${page.take} OFFSET ${page.skip}`
        : sqlText(`LIMIT ${integer(page.take)} OFFSET ${integer(page.skip)}`);
    const rows = await this.reads.rows(sql`
      SELECT ${ALERT_COLUMNS}, p."total"
      FROM (SELECT u."id", u."openedAt", u."number", COUNT(*) OVER () AS "total" FROM (${union}) u
        ORDER BY u."openedAt" DESC, u."number" DESC ${cut}) p
        JOIN "Alert" a ON a."id" = p."id" ${ALERT_JOINS}
      ORDER BY p."openedAt" DESC, p."number" DESC`);
    if (rows.length > 0) return { total: decode.number(rows[0]!.total), rows: rows.map(alertFromRow) };
    // A page past the end has no row to carry the count.
    const [counted] = page.skip > 0 ? await this.reads.rows(sql`SELECT COUNT(*) AS "total" FROM (${union}) u`) : [];
    return { total: counted ? decode.number(counted.total) : 0, rows: [] };
  }
}

/**
 * Alerts about the owners' customers, or assigned to them, as the UNION of two index lookups:
 * as one OR over a join (what Prisma writes), SQLite scanned every alert, 140 ms for a rep
 * among 42,000 alerts. On SQLite the ids are written into the SQL, the rest bound: almost
 * no alert has an assignee, so for an unknown `assigneeId = ?` the statistics advise a scan;
 * for a known id SQLite's per-value samples show the index finds almost nothing (4 ms → 0.1 ms).
 * PostgreSQL hash-joined the owners' customers against every active alert of the workspace
 * (13 ms among 28,000); given the customers' ids as an array first, it looks each one up in the
 * customer index instead (1.3 ms). SQLite has no arrays, and takes `IN (SELECT …)` that way.
 */
function scopedUnion(provider: Provider, workspaceId: number, owners: readonly number[], filter: AlertListFilter): Sql {
  const written = owners.map((id) => String(integer(id))).join(", ");
  // PostgreSQL takes the owners as one array value and the workspace bound, so the statement's
  // text is the same for every caller and stays prepared (see DirectReads). A rep's one id is
  // bound alone: PostgreSQL guesses ten owners for an array it cannot see, prices the plan it
  // could keep at seven times one owner's, and so planned each rep's list anew (0.6 ms of a
  // 1.3 ms list); for one id it keeps the plan after five calls.
  const pg = provider === "postgresql";
  const owned = !pg
    ? sql`IN (${sqlText(owners.length ? written : "NULL")})`
    : owners.length === 1
      ? sql`= ${owners[0]!}`
      : sql`= ANY(${`{${written}}`}::int[])`;
  const ws = pg ? sql`${workspaceId}` : sqlText(String(integer(workspaceId)));
  const status =
    filter.status === "active"
      ? sql`AND a."status" <> 'resolved'`
      : filter.status === "all"
        ? sql``
        : sql`AND a."status" = ${filter.status}`;
  const matching = sql`a."workspaceId" = ${ws} ${status} ${filter.rule ? sql`AND a."rule" = ${filter.rule}` : sql``} ${filter.severity ? sql`AND a."severity" = ${filter.severity}` : sql``}`;
  const theirCustomers = sql`SELECT c."id" FROM "Customer" c WHERE c."workspaceId" = ${ws} AND c."ownerId" ${owned}`;
  const ofTheirCustomers = pg
    ? sql`a."customerId" = ANY(ARRAY(${theirCustomers}))`
    : sql`a."customerId" IN (${theirCustomers})`;
  return sql`SELECT a."id", a."openedAt", a."number" FROM "Alert" a WHERE ${matching} AND ${ofTheirCustomers}
    UNION SELECT a."id", a."openedAt", a."number" FROM "Alert" a WHERE ${matching} AND a."assigneeId" ${owned}`;
}
