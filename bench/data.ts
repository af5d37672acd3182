import { insertRows } from "../src/db/bulk.js";
import type { Database } from "../src/db/client.js";
import { SETTINGS } from "../src/domain/settings.js";
import { visitDueAt } from "../src/domain/visits/cadence.js";

const YEAR_MS = 365 * 86_400_000;

export interface TradingData {
  /** A customer index with a long tail: a few customers get most orders (Pareto-like). */
  customerIndex(): number;
}

/**
 * Customers and orders loaded with multi-row inserts (createMany would take minutes for a million
 * rows), deterministic for a seed: `orders` spread over the 14 months before `now`, long-tailed in
 * size and in how they fall on customers.
 */
export async function loadTradingData(
  db: Database,
  workspaceId: number,
  ownerId: number,
  options: { customers: number; orders: number; now: Date; seed?: number },
): Promise<TradingData> {
  let seed = options.seed ?? 7;
  const rnd = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const entered = new Date(options.now.getTime() - 2 * YEAR_MS);
  // The next visit the bot gives a customer it enters (none of these was visited since).
  const due = visitDueAt(
    {
      status: "active",
      tier: null,
      visitCadenceDays: null,
      relationSince: null,
      createdAt: entered,
      lastVisitAt: null,
    },
    SETTINGS.visits.defaults,
  );
  await insertRows(
    db.prisma,
    db.provider,
    "Customer",
    ["workspaceId", "code", "name", "type", "ownerId", "createdAt", "updatedAt", "profileUpdatedAt", "visitDueAt"],
    Array.from({ length: options.customers }, (_, i) => [
      workspaceId,
      `K${i}`,
      `客户${i}`,
      "dealer",
      ownerId,
      entered,
      entered,
      options.now,
      due,
    ]),
  );
  const customerIds = (
    await db.prisma.customer.findMany({ where: { workspaceId }, select: { id: true }, orderBy: { id: "asc" } })
  ).map((c) => c.id);
  const customerIndex = () => Math.floor(customerIds.length * rnd() ** 3);
  const insert = async (table: string, columns: string[], count: number, row: () => unknown[]) => {
    for (let offset = 0; offset < count; offset += 100_000) {
      await insertRows(
        db.prisma,
        db.provider,
        table,
        columns,
        Array.from({ length: Math.min(100_000, count - offset) }, row),
      );
    }
  };
  const when = () => new Date(options.now.getTime() - Math.floor(rnd() * 1.2 * YEAR_MS));
  let number = 0;
  await insert("Order", ["workspaceId", "number", "customerId", "orderedAt", "amount"], options.orders, () => [
    workspaceId,
    ++number,
    customerIds[customerIndex()]!,
    when(),
    BigInt(100 + Math.floor(rnd() ** 2 * 5_000_000)),
  ]);
  await insertRows(
    db.prisma,
    db.provider,
    "Counter",
    ["workspaceId", "name", "value"],
    [[workspaceId, "order", number]],
  );
  return { customerIndex };
}
