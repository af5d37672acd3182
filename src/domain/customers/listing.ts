import type { Paging } from "../../core/paging.js";
import type { WorkspaceDb } from "../../db/scope.js";
import { STANDING } from "../trading/entries.js";

export const CUSTOMER_SORTS = ["name", "due", "recent", "owed"] as const;
export type CustomerSort = (typeof CUSTOMER_SORTS)[number];

/** Which customers `/customer list` shows: whose, and narrowed by tier, region, status, overdue, owing. */
export interface CustomerFilter {
  /** Owners whose customers are listed; null: everyone's. */
  ownerIds: number[] | null;
  tier?: string;
  region?: string;
  status?: string;
  /** Only those past the date their next visit was due. */
  due?: boolean;
  /** Only those with an outstanding balance (orders less payments above zero). */
  owes?: boolean;
}

export interface CustomerListRow {
  id: number;
  code: string;
  name: string;
  type: string;
  tier: string | null;
  status: string;
  lastVisitAt: Date | null;
  visitDueAt: Date | null;
  owner: string | null;
  outstanding: bigint;
}

const ROW = {
  id: true,
  code: true,
  name: true,
  type: true,
  tier: true,
  status: true,
  lastVisitAt: true,
  visitDueAt: true,
  owner: { select: { name: true } },
} as const;

/**
 * A page of customers. Filters and orders the database can apply page in the query; owing and
 * "most owed first" need every matching customer's balance, summed per customer in two grouped
 * queries, then paged here.
 */
export async function listCustomers(
  db: WorkspaceDb,
  now: Date,
  filter: CustomerFilter,
  sort: CustomerSort,
  at: Paging,
): Promise<{ total: number; rows: CustomerListRow[] }> {
  const where = {
    ...(filter.ownerIds === null ? {} : { ownerId: { in: filter.ownerIds } }),
    ...(filter.tier === undefined ? {} : { tier: filter.tier === "none" ? null : filter.tier }),
    ...(filter.region === undefined ? {} : { region: filter.region }),
    ...(filter.status === undefined ? {} : { status: filter.status }),
    ...(filter.due ? { visitDueAt: { lt: now } } : {}),
  };
  if (filter.owes || sort === "owed") {
    const owed = await balances(db, where);
    const ids = [...owed.entries()]
      .filter(([, amount]) => !filter.owes || amount > 0n)
      .sort(([a, x], [b, y]) => (y > x ? 1 : y < x ? -1 : a - b))
      .map(([id]) => id);
    const page = ids.slice(at.skip, at.skip + at.take);
    const rows = await db.customer.findMany({ where: { id: { in: page } }, select: ROW });
    const byId = new Map(rows.map((r) => [r.id, r]));
    return {
      total: ids.length,
      rows: page.map((id) => shape(byId.get(id)!, owed.get(id) ?? 0n)),
    };
  }
  const orderBy =
    sort === "due"
      ? [{ visitDueAt: { sort: "asc" as const, nulls: "last" as const } }, { id: "asc" as const }]
      : sort === "recent"
        ? [{ lastVisitAt: { sort: "desc" as const, nulls: "last" as const } }, { id: "asc" as const }]
        : [{ name: "asc" as const }, { id: "asc" as const }];
  const [total, rows] = await Promise.all([
    db.customer.count({ where }),
    db.customer.findMany({ where, select: ROW, orderBy, skip: at.skip, take: at.take }),
  ]);
  const owed = await balances(db, { id: { in: rows.map((r) => r.id) } });
  return { total, rows: rows.map((r) => shape(r, owed.get(r.id) ?? 0n)) };
}

/** Orders less payments of each customer the filter selects (every one of them, zero included). */
async function balances(db: WorkspaceDb, customer: object): Promise<Map<number, bigint>> {
  const [customers, orders, payments] = await Promise.all([
    db.customer.findMany({ where: customer, select: { id: true } }),
    db.order.groupBy({ by: ["customerId"], where: { customer, ...STANDING }, _sum: { amount: true } }),
    db.payment.groupBy({ by: ["customerId"], where: { customer, ...STANDING }, _sum: { amount: true } }),
  ]);
  const owed = new Map(customers.map((c) => [c.id, 0n]));
  for (const o of orders) owed.set(o.customerId, (owed.get(o.customerId) ?? 0n) + (o._sum.amount ?? 0n));
  for (const p of payments) owed.set(p.customerId, (owed.get(p.customerId) ?? 0n) - (p._sum.amount ?? 0n));
  return owed;
}

function shape(
  row: Omit<CustomerListRow, "owner" | "outstanding"> & { owner: { name: string } | null },
  outstanding: bigint,
): CustomerListRow {
  return { ...row, owner: row.owner?.name ?? null, outstanding };
}
