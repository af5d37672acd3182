import { DomainService } from "../context.js";
import { UserError } from "../../core/errors.js";
import type { Paging } from "../../core/paging.js";
import type { WorkspaceTx } from "../../db/scope.js";
import type { Customer } from "../../db/repositories/customers.js";
import { canSee, visibleOwnerIds } from "../access.js";
import { formatId, kindOfId, parseId } from "../ids.js";
import { recordCustomerChange } from "../customers/history.js";

/** Entries that count: every balance, report, tier and rule reads only these. */
export const STANDING = { voidedAt: null } as const;

export type LedgerEntryKind = "order" | "payment" | "expense";
/** Everything a user records that can be voided. */
export type EntryKind = LedgerEntryKind | "visit";

/** Who voided an entry, when and why; null while it stands. */
export interface VoidMark {
  at: Date;
  by: string | null;
  reason: string;
}

/** One order, payment or expense as lists and statements show it. */
export interface LedgerEntry {
  kind: LedgerEntryKind;
  number: number;
  at: Date;
  amount: bigint;
  /** Orders: product, spec, quantity and whether it is settled. */
  product: string | null;
  spec: string | null;
  quantity: number | null;
  settled: boolean | null;
  /** Expenses: the category. */
  category: string | null;
  note: string | null;
  voided: VoidMark | null;
}

/** The date column each ledger is kept by. */
const DATE_OF = { order: "orderedAt", payment: "paidAt", expense: "spentAt" } as const;

const VOID_COLUMNS = { voidedAt: true, voidReason: true, voidedBy: { select: { name: true } } } as const;
const COLUMNS = {
  order: { number: true, orderedAt: true, amount: true, product: true, spec: true, quantity: true, settled: true },
  payment: { number: true, paidAt: true, amount: true, note: true },
  expense: { number: true, spentAt: true, amount: true, category: true, note: true },
} as const;

interface EntryRow {
  number: number;
  amount: bigint;
  orderedAt?: Date;
  paidAt?: Date;
  spentAt?: Date;
  product?: string | null;
  spec?: string | null;
  quantity?: number | null;
  settled?: boolean;
  category?: string;
  note?: string | null;
  voidedAt: Date | null;
  voidReason: string | null;
  voidedBy: { name: string } | null;
}

/** The three ledgers read alike; their Prisma delegates differ only in their columns. */
interface LedgerDelegate {
  count(args: object): Promise<number>;
  findMany(args: object): Promise<EntryRow[]>;
  findFirst(args: object): Promise<(EntryRow & { id: number; customerId: number }) | null>;
  aggregate(args: object): Promise<{ _sum: { amount: bigint | null } }>;
  updateMany(args: object): Promise<{ count: number }>;
}

function ledger(db: object, kind: LedgerEntryKind): LedgerDelegate {
  return (db as Record<LedgerEntryKind, LedgerDelegate>)[kind];
}

export function voidMark(row: Pick<EntryRow, "voidedAt" | "voidReason" | "voidedBy">): VoidMark | null {
  return row.voidedAt ? { at: row.voidedAt, by: row.voidedBy?.name ?? null, reason: row.voidReason ?? "" } : null;
}

function toEntry(kind: LedgerEntryKind, row: EntryRow): LedgerEntry {
  return {
    kind,
    number: row.number,
    at: (row.orderedAt ?? row.paidAt ?? row.spentAt)!,
    amount: row.amount,
    product: row.product ?? null,
    spec: row.spec ?? null,
    quantity: row.quantity ?? null,
    settled: row.settled ?? null,
    category: row.category ?? null,
    note: row.note ?? null,
    voided: voidMark(row),
  };
}

/** A time range of entries: from a day (inclusive) until a day (exclusive). */
export interface EntryRange {
  from?: Date | undefined;
  until?: Date | undefined;
}

/**
 * Orders, payments and expenses once recorded: listed by customer, and voided (作废) when they
 * were wrong. A voided entry is never deleted; it keeps its id and stays in every list, marked.
 */
export class EntryService extends DomainService {
  /** A customer's entries of one ledger in a range, newest first, with the total of those that stand. */
  async list(kind: LedgerEntryKind, customer: Customer, range: EntryRange, at: Paging) {
    const date = DATE_OF[kind];
    const where = { customerId: customer.id, [date]: { gte: range.from, lt: range.until } };
    const db = ledger(this.db, kind);
    const [total, rows, sum] = await Promise.all([
      db.count({ where }),
      db.findMany({
        where,
        select: { ...COLUMNS[kind], ...VOID_COLUMNS },
        orderBy: [{ [date]: "desc" }, { number: "desc" }],
        skip: at.skip,
        take: at.take,
      }),
      db.aggregate({ where: { ...where, ...STANDING }, _sum: { amount: true } }),
    ]);
    return { total, rows: rows.map((r) => toEntry(kind, r)), sum: sum._sum.amount ?? 0n };
  }

  /**
   * What a statement of a period (对账单) is made of: the balance of the orders and payments that
   * stand before it, and every order and payment in it, voided ones included. More than `max`
   * entries is refused, with the count.
   */
  async ofPeriod(customer: Customer, period: { from: Date; until: Date }, max: number) {
    const kinds = ["order", "payment"] as const;
    const inPeriod = (kind: LedgerEntryKind) => ({
      customerId: customer.id,
      [DATE_OF[kind]]: { gte: period.from, lt: period.until },
    });
    const counts = await Promise.all(kinds.map((kind) => ledger(this.db, kind).count({ where: inPeriod(kind) })));
    const count = counts.reduce((a, b) => a + b, 0);
    if (count > max) throw new UserError("statement.tooLong", { count, max, customer: customer.name });
    const standingBefore = (kind: LedgerEntryKind) =>
      ledger(this.db, kind)
        .aggregate({
          where: { customerId: customer.id, [DATE_OF[kind]]: { lt: period.from }, ...STANDING },
          _sum: { amount: true },
        })
        .then((sum) => sum._sum.amount ?? 0n);
    const entriesIn = (kind: LedgerEntryKind) =>
      ledger(this.db, kind)
        .findMany({ where: inPeriod(kind), select: { ...COLUMNS[kind], ...VOID_COLUMNS } })
        .then((rows) => rows.map((r) => toEntry(kind, r)));
    const [ordered, paid, orders, payments] = await Promise.all([
      standingBefore("order"),
      standingBefore("payment"),
      entriesIn("order"),
      entriesIn("payment"),
    ]);
    return { opening: ordered - paid, entries: [...orders, ...payments] };
  }

  /**
   * Voids an entry with the reason. The customer's balance, reports and alerts leave it out at
   * once: its last order date is worked out again and its alerts are swept again.
   */
  async void(kind: LedgerEntryKind, ref: string, reason: string) {
    const number = entryNumber(kind, ref);
    const db = ledger(this.db, kind);
    const found = await db.findFirst({
      where: { number },
      select: { id: true, customerId: true, ...COLUMNS[kind], ...VOID_COLUMNS },
    });
    const customer = found && (await this.visibleCustomer(found.customerId));
    if (!found || !customer) throw notFound(kind, number);
    const already = voidMark(found);
    if (already) throw alreadyVoid(kind, number, already);
    const now = this.now();
    await this.db.$transaction(async (tx) => {
      const { count } = await ledger(tx, kind).updateMany({
        where: { id: found.id, ...STANDING },
        data: { voidedAt: now, voidedById: this.actor.id, voidReason: reason },
      });
      if (count === 0) {
        // Voided a moment ago by someone else: theirs stands.
        const theirs = await ledger(tx, kind).findFirst({ where: { id: found.id }, select: VOID_COLUMNS });
        throw alreadyVoid(kind, number, voidMark(theirs!)!);
      }
      if (kind === "order") await refreshLastOrder(tx, customer.id);
      await recordVoid(tx, this.actor, customer.id, formatId(kind, number), reason, now);
    });
    await this.afterChange([customer.id]);
    return { entry: toEntry(kind, found), customer };
  }

  private async visibleCustomer(id: number) {
    const customer = await this.db.customer.findUnique({ where: { id } });
    return customer && canSee(await visibleOwnerIds(this.data.users, this.actor), customer.ownerId) ? customer : null;
  }
}

/** The number in an id a user typed for `kind`; an id of another kind says which command takes it. */
export function entryNumber(kind: EntryKind, ref: string): number {
  const number = parseId(kind, ref);
  if (number !== undefined) return number;
  const other = kindOfId(ref);
  if (other && other !== kind) throw new UserError(`entry.otherKind.${other}`, { id: ref.trim().toUpperCase() });
  throw new UserError("entry.badId", { id: ref, example: formatId(kind, 12) });
}

/** One the actor may not see reads exactly like one that does not exist. */
export function notFound(kind: EntryKind, number: number): UserError {
  return new UserError("entry.notFound", { id: formatId(kind, number), list: `/${kind} list` });
}

export function alreadyVoid(kind: EntryKind, number: number, mark: VoidMark): UserError {
  return new UserError("entry.alreadyVoid", { id: formatId(kind, number), by: mark.by ?? "-", reason: mark.reason });
}

/** The customer's history keeps every void: who, when, which entry and why. */
export async function recordVoid(
  tx: WorkspaceTx,
  actor: { id: number; workspaceId: number },
  customerId: number,
  id: string,
  reason: string,
  at: Date,
): Promise<void> {
  await recordCustomerChange(tx, actor, customerId, "void", [{ field: "voided", from: id, to: reason }], at);
}

/** The customer's last order date, from the orders that stand. */
export async function refreshLastOrder(tx: WorkspaceTx, customerId: number): Promise<void> {
  const last = await tx.order.aggregate({ where: { customerId, ...STANDING }, _max: { orderedAt: true } });
  await tx.customer.update({ where: { id: customerId }, data: { lastOrderAt: last._max.orderedAt } });
}
