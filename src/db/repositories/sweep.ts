import type { Provider } from "../provider.js";
import { decode, joinSql, sql, sqlIdentifier, type DirectReads, type RawRow, type Sql } from "../direct-reads.js";
import { alertFromRow, ALERT_COLUMNS, ALERT_JOINS, type AlertRow } from "./alerts.js";

/** Which customers a sweep step covers: a few by id (after a write), or a slice of ids from `gte` up to `lt` (a full sweep). */
export type CustomerFilter = { in: number[] } | { gte: number; lt: number };

/** A time range as the rules name it: from (inclusive), and up to `lt` or to `lte`. */
export interface TimeRange {
  gte?: Date;
  lt?: Date;
  lte?: Date;
}

/** A ledger whose amounts the rules sum per customer. */
export type Ledger = "order" | "payment" | "expense";

const LEDGERS: Record<Ledger, { table: Sql; date: Sql }> = {
  order: { table: sql`"Order"`, date: sql`"orderedAt"` },
  payment: { table: sql`"Payment"`, date: sql`"paidAt"` },
  expense: { table: sql`"Expense"`, date: sql`"spentAt"` },
};

/** A customer's entries in a time range: how many, the first and the last. */
export interface Span {
  count: number;
  first: Date;
  last: Date;
}

/** The time ranges a ledger is read over, by name: summed, counted, or counted with their first and last dates. */
export interface Windows {
  totals: Record<string, TimeRange>;
  counts: Record<string, TimeRange>;
  spans: Record<string, TimeRange>;
}

/** Per window, each customer with an entry in it and what they come to. */
export interface Figures<W extends Windows> {
  totals: Record<keyof W["totals"], Map<number, bigint>>;
  counts: Record<keyof W["counts"], Map<number, number>>;
  spans: Record<keyof W["spans"], Map<number, Span>>;
}

type Kind = keyof Windows;
/** One window, numbered within its read: its columns are named by the number (`total0`, `count1`…). */
type Numbered = { kind: Kind; name: string; range: TimeRange; i: number };

/** An alert holding an episode, as a sweep compares it with its rule's hits. */
export type Episode = Pick<AlertRow, "id" | "rule" | "severity" | "status" | "facts" | "snoozedUntil"> & {
  activeKey: string;
};

/** What an alert shows of its customer. */
export type CustomerCard = NonNullable<AlertRow["customer"]>;

/**
 * What the early-warning rules read, straight on the connection (see DirectReads): a sweep of
 * 100,000 customers reads a few million aggregated rows, and the Prisma client's mapping of them,
 * with its garbage, was most of a first sweep's time. Each read covers one step's customers of
 * one workspace; sums come back as exact bigints.
 */
export class SweepReads {
  constructor(
    private readonly reads: DirectReads,
    private readonly provider: Provider,
  ) {}

  /**
   * A ledger's entries per customer over each of `windows`. A customer without an entry in a
   * window is not in its map.
   *
   * PostgreSQL reads them all in one pass over the step's entries, each window an aggregate
   * `FILTER`: the rules' seven windows of the orders took 40 ms a slice of 2,000 customers read one
   * by one, 14 ms at once. SQLite evaluates every filter on every entry, comparing dates as text
   * (51 ms a slice), and reads each window on its own (4 ms each).
   */
  async windows<W extends Windows>(
    workspaceId: number,
    customers: CustomerFilter,
    ledger: Ledger,
    windows: W,
  ): Promise<Figures<W>> {
    const numbered = (Object.keys(windows) as Kind[])
      .flatMap((kind) => Object.entries(windows[kind]).map(([name, range]) => ({ kind, name, range })))
      .map((w, i): Numbered => ({ ...w, i }));
    const figures: Record<Kind, Record<string, Map<number, unknown>>> = { totals: {}, counts: {}, spans: {} };
    for (const { kind, name } of numbered) figures[kind][name] = new Map();
    const collect = (rows: RawRow[], these: readonly Numbered[]) => {
      for (const row of rows) {
        const id = decode.number(row.id);
        for (const w of these) {
          const value = figureOf(row, w);
          if (value !== undefined) figures[w.kind][w.name]!.set(id, value);
        }
      }
    };
    const column = sql`t.${LEDGERS[ledger].date}`;
    if (numbered.length === 0) return figures as unknown as Figures<W>;
    if (this.provider === "sqlite") {
      for (const w of numbered) {
        const bounded = w.range.gte || w.range.lt || w.range.lte ? w.range : undefined;
        collect(await this.perCustomer(workspaceId, customers, ledger, bounded, aggregatesOf(column, w)), [w]);
      }
    } else {
      const aggregates = numbered.map((w) => aggregatesOf(column, w, sql`FILTER (WHERE ${within(column, w.range)})`));
      // Entries older than every window are not read at all, when no window reaches back to the start.
      const from = numbered.every(({ range }) => range.gte)
        ? new Date(Math.min(...numbered.map(({ range }) => range.gte!.getTime())))
        : undefined;
      const range = from ? { gte: from } : undefined;
      collect(await this.perCustomer(workspaceId, customers, ledger, range, joinSql(aggregates, ", ")), numbered);
    }
    return figures as unknown as Figures<W>;
  }

  /**
   * `aggregates` of a ledger's entries `t` per customer (`id`), over `range` or all time. On
   * SQLite a slice of customers over a range of time is read customer by customer: the index
   * leads with the customer, then the date, and SQLite walks every entry of a range of customers
   * where one seek per customer finds only those in the range (a month: 1.6 ms a slice of 2,000
   * customers instead of 3). PostgreSQL checks the date inside the index scan itself (1.6 ms), and
   * joined to the customers it hashed every order of the range instead (180 ms).
   */
  private perCustomer(
    workspaceId: number,
    customers: CustomerFilter,
    ledger: Ledger,
    range: TimeRange | undefined,
    aggregates: Sql,
  ) {
    const { table, date } = LEDGERS[ledger];
    if (!range || "in" in customers || this.provider === "postgresql")
      return this.reads.rows(sql`SELECT t."customerId" AS "id", ${aggregates} FROM ${table} t
        WHERE t."workspaceId" = ${workspaceId} AND ${ofCustomers(sql`t."customerId"`, customers)} AND t."voidedAt" IS NULL
        ${range ? sql`AND ${within(sql`t.${date}`, range)}` : sql``} GROUP BY t."customerId"`);
    return this.reads.rows(sql`SELECT c."id" AS "id", ${aggregates} FROM "Customer" c
      JOIN ${table} t ON t."workspaceId" = ${workspaceId} AND t."customerId" = c."id" AND ${within(sql`t.${date}`, range)} AND t."voidedAt" IS NULL
      WHERE c."workspaceId" = ${workspaceId} AND ${ofCustomers(sql`c."id"`, customers)} GROUP BY c."id"`);
  }

  /** The customers whose status is not one of `inactive`, with what their credit limit depends on. */
  async activeCustomers(workspaceId: number, customers: CustomerFilter, inactive: readonly string[]) {
    const rows = await this.reads.rows(sql`SELECT c."id", c."tier", c."creditLimit",
        COALESCE(c."relationSince", c."createdAt") AS "since" FROM "Customer" c
      WHERE c."workspaceId" = ${workspaceId} AND ${ofCustomers(sql`c."id"`, customers)} AND c."status" NOT IN (${inactive})`);
    return new Map(
      rows.map((r) => [
        decode.number(r.id),
        {
          tier: r.tier as string | null,
          creditLimit: decode.optionalBigint(r.creditLimit),
          /** Since when the customer has been in business with us: its history starts there. */
          since: decode.date(r.since),
        },
      ]),
    );
  }

  /** The month's sales plans of customers whose status is not one of `inactive`. */
  async plans(workspaceId: number, customers: CustomerFilter, month: string, inactive: readonly string[]) {
    const rows = await this.reads.rows(sql`SELECT p."customerId", p."amount" FROM "SalesPlan" p
      JOIN "Customer" c ON c."id" = p."customerId"
      WHERE p."workspaceId" = ${workspaceId} AND p."month" = ${month} AND ${ofCustomers(sql`p."customerId"`, customers)}
        AND c."status" NOT IN (${inactive})`);
    return rows.map((r) => ({ customerId: decode.number(r.customerId), amount: decode.bigint(r.amount) }));
  }

  /** The expense budgets of these periods. */
  async budgets(workspaceId: number, customers: CustomerFilter, periods: readonly string[]) {
    const rows = await this.reads.rows(sql`SELECT b."customerId", b."period", b."amount" FROM "ExpenseBudget" b
      WHERE b."workspaceId" = ${workspaceId} AND b."period" IN (${periods}) AND ${ofCustomers(sql`b."customerId"`, customers)}`);
    return rows.map((r) => ({
      customerId: decode.number(r.customerId),
      period: r.period as string,
      amount: decode.bigint(r.amount),
    }));
  }

  /** Incidents reported since `since`. */
  async incidents(workspaceId: number, customers: CustomerFilter, since: Date) {
    const rows =
      await this.reads.rows(sql`SELECT e."id", e."customerId", e."incidentType", e."description", e."occurredAt"
      FROM "KeyEvent" e WHERE e."workspaceId" = ${workspaceId} AND e."kind" = 'incident'
        AND ${ofCustomers(sql`e."customerId"`, customers)} AND e."occurredAt" >= ${since}`);
    return rows.map((r) => ({
      id: decode.number(r.id),
      customerId: decode.number(r.customerId),
      incidentType: r.incidentType as string | null,
      description: r.description as string,
      occurredAt: decode.date(r.occurredAt),
    }));
  }

  /** Customers whose next visit was due before `before`. */
  async visitsDueBefore(workspaceId: number, customers: CustomerFilter, before: Date) {
    const rows = await this.reads.rows(sql`SELECT c."id", c."tier", c."visitDueAt", c."lastVisitAt" FROM "Customer" c
      WHERE c."workspaceId" = ${workspaceId} AND ${ofCustomers(sql`c."id"`, customers)} AND c."visitDueAt" < ${before}`);
    return rows.map((r) => ({
      id: decode.number(r.id),
      tier: r.tier as string | null,
      visitDueAt: decode.date(r.visitDueAt),
      lastVisitAt: decode.optionalDate(r.lastVisitAt),
    }));
  }

  /** Complaints in one of `statuses` whose step was due before `before`. */
  async complaintsDueBefore(workspaceId: number, customers: CustomerFilter, statuses: readonly string[], before: Date) {
    const rows =
      await this.reads.rows(sql`SELECT k."id", k."number", k."customerId", k."status", k."stepDueAt", k."escalationLevel"
      FROM "Complaint" k WHERE k."workspaceId" = ${workspaceId} AND ${ofCustomers(sql`k."customerId"`, customers)}
        AND k."status" IN (${statuses}) AND k."stepDueAt" < ${before}`);
    return rows.map((r) => ({
      id: decode.number(r.id),
      number: decode.number(r.number),
      customerId: decode.number(r.customerId),
      status: r.status as string,
      stepDueAt: decode.date(r.stepDueAt),
      escalationLevel: decode.number(r.escalationLevel),
    }));
  }

  /** Customers whose status is not one of `inactive` and whose profile was last touched before `before`. */
  async profilesUntouchedSince(
    workspaceId: number,
    customers: CustomerFilter,
    inactive: readonly string[],
    before: Date,
  ) {
    const rows = await this.reads.rows(sql`SELECT c."id", c."profileUpdatedAt" FROM "Customer" c
      WHERE c."workspaceId" = ${workspaceId} AND ${ofCustomers(sql`c."id"`, customers)}
        AND c."status" NOT IN (${inactive}) AND c."profileUpdatedAt" < ${before}`);
    return rows.map((r) => ({ id: decode.number(r.id), profileUpdatedAt: decode.date(r.profileUpdatedAt) }));
  }

  /**
   * These rules' alerts about these customers that hold an episode, by rule, with what a sweep
   * compares of them. A few customers' alerts are found through the customer index, past
   * episodes filtered out afterwards: a condition on activeKey would lure SQLite, until its
   * statistics catch up with a first big sweep, into walking every active alert of the workspace
   * (15 ms a rule at 42k alerts). A slice of customers has years of past episodes, and there the
   * condition pays.
   */
  async episodes(workspaceId: number, customers: CustomerFilter, rules: readonly string[]) {
    const rows =
      await this.reads.rows(sql`SELECT a."id", a."rule", a."severity", a."status", a."facts", a."activeKey", a."snoozedUntil"
      FROM "Alert" a WHERE a."workspaceId" = ${workspaceId} AND a."rule" IN (${rules}) AND ${ofCustomers(sql`a."customerId"`, customers)}
        ${"in" in customers ? sql`` : sql`AND a."activeKey" IS NOT NULL`}`);
    const byRule = new Map<string, Episode[]>();
    for (const row of rows) {
      if (row.activeKey === null) continue;
      const episode: Episode = {
        id: decode.number(row.id),
        rule: row.rule as string,
        severity: row.severity as string,
        status: row.status as string,
        facts: row.facts as string,
        activeKey: row.activeKey as string,
        snoozedUntil: decode.optionalDate(row.snoozedUntil),
      };
      const these = byRule.get(episode.rule);
      if (these) these.push(episode);
      else byRule.set(episode.rule, [episode]);
    }
    return byRule;
  }

  /**
   * These alerts as every list and post shows them. A sweep reads them only for the alerts it
   * changes: the joins to their customers and users, for every open alert of a full sweep, were
   * a quarter of its reading.
   */
  async alerts(workspaceId: number, ids: readonly number[]): Promise<AlertRow[]> {
    const rows = await this.reads.rows(sql`SELECT ${ALERT_COLUMNS} FROM "Alert" a ${ALERT_JOINS}
      WHERE a."workspaceId" = ${workspaceId} AND a."id" IN (${ids})`);
    return rows.map(alertFromRow);
  }

  /** What alerts show of these customers. */
  async cards(workspaceId: number, ids: readonly number[]): Promise<Map<number, CustomerCard>> {
    const rows =
      await this.reads.rows(sql`SELECT c."id", c."name", c."code", c."region", c."ownerId", o."name" AS "ownerName"
      FROM "Customer" c LEFT JOIN "User" o ON o."id" = c."ownerId" WHERE c."workspaceId" = ${workspaceId} AND c."id" IN (${ids})`);
    return new Map(rows.map((r) => [decode.number(r.id), cardFromRow(r)]));
  }
}

function cardFromRow(row: RawRow): CustomerCard {
  return {
    name: row.name as string,
    code: row.code as string,
    region: row.region as string | null,
    ownerId: row.ownerId === null ? null : decode.number(row.ownerId),
    owner: row.ownerName === null ? null : { name: row.ownerName as string },
  };
}

/** A window's columns, over the entries `filter` lets through. */
function aggregatesOf(column: Sql, { kind, i }: Numbered, filter: Sql = sql``): Sql {
  const as = (figure: string) => sqlIdentifier(`${figure}${i}`);
  if (kind === "totals") return sql`CAST(SUM(t."amount") ${filter} AS TEXT) AS ${as("total")}`;
  const count = sql`COUNT(*) ${filter} AS ${as("count")}`;
  if (kind === "counts") return count;
  return sql`${count}, MIN(${column}) ${filter} AS ${as("first")}, MAX(${column}) ${filter} AS ${as("last")}`;
}

/** A window's figure in a row, or undefined when the customer has no entry in it. */
function figureOf(row: RawRow, { kind, i }: Numbered): bigint | number | Span | undefined {
  if (kind === "totals") {
    const total = row[`total${i}`];
    return total === null ? undefined : decode.bigint(total);
  }
  const count = decode.number(row[`count${i}`]);
  if (count === 0) return undefined;
  if (kind === "counts") return count;
  return { count, first: decode.date(row[`first${i}`]), last: decode.date(row[`last${i}`]) };
}

function ofCustomers(column: Sql, customers: CustomerFilter): Sql {
  if ("in" in customers) return sql`${column} IN (${customers.in})`;
  return sql`${column} >= ${customers.gte} AND ${column} < ${customers.lt}`;
}

function within(column: Sql, range: TimeRange): Sql {
  return sql`1 = 1 ${range.gte ? sql`AND ${column} >= ${range.gte}` : sql``}
    ${range.lt ? sql`AND ${column} < ${range.lt}` : sql``} ${range.lte ? sql`AND ${column} <= ${range.lte}` : sql``}`;
}
