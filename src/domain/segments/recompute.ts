import { subMonths } from "date-fns/subMonths";
import { writeWhileReading } from "../../core/write-while-reading.js";
import type { BulkWrites } from "../../db/bulk.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { SegmentCustomer } from "../../db/repositories/segments.js";
import type { WorkspaceDb } from "../../db/scope.js";
import { readSetting, type VisitSettings } from "../settings.js";
import type { TierMove } from "../alerts/rules.js";
import { visitDueAt } from "../visits/cadence.js";
import { rankCustomers, type Ranked, type Tier } from "./abc.js";

const BATCH = 5_000;
/** Batches written at once, each in its own transaction, while the next is read (see writeWhileReading). */
const WRITES_AT_ONCE = 2;

export interface SegmentRun {
  customers: number;
  buying: number;
  totalSales: bigint;
  tiers: Record<Tier, number>;
  keyAccounts: number;
  /** Customers whose tier changed in this run. */
  changed: number;
}

/** Each customer's orders over the ranking window ending `now`: one aggregate over the orders. */
export function windowSales(
  data: Pick<Repositories, "segments">,
  workspaceId: number,
  windowMonths: number,
  now: Date,
  ownerIds: readonly number[] | null = null,
): Promise<{ customerId: number; sales: bigint }[]> {
  return data.segments.windowSales(workspaceId, subMonths(now, windowMonths), now, ownerIds);
}

/**
 * Recomputes every customer's ABC tier and key-account flag from the sales of the window: one
 * aggregate over the orders, then the customers read in batches and only the changed ones
 * written, thousands per statement. A tier change goes into the customer's history, and moves its
 * next-visit date, since the visit cadence follows the tier. Answers the run and its tier
 * changes, which may move the customers' alerts.
 *
 * Each batch is written in a transaction of its own, while the next batches are read: a
 * customer's tier, next visit and history row change together, and a rep editing a customer
 * waits for one batch, not for the whole run. A run that fails midway leaves the batches it wrote,
 * each whole; the next run, which ranks from the same orders, writes the rest.
 */
export async function recomputeSegments(
  db: WorkspaceDb,
  workspaceId: number,
  data: Pick<Repositories, "bulk" | "segments">,
  now: Date,
  /** Customers per batch (tests cut a small workspace into several). */
  batchSize = BATCH,
): Promise<{ run: SegmentRun; moves: TierMove[] }> {
  const [settings, visits] = await Promise.all([readSetting(db, "segments"), readSetting(db, "visits")]);
  const ranked = new Map(
    rankCustomers(await windowSales(data, workspaceId, settings.windowMonths, now), settings).map((r) => [
      r.customerId,
      r,
    ]),
  );

  const moves: TierMove[] = [];
  const tiers: Record<Tier, number> = { A: 0, B: 0, C: 0 };
  let customers = 0;
  async function* batches(): AsyncGenerator<TierChanges> {
    for (let after = 0; ; ) {
      const rows = await data.segments.customers(workspaceId, after, batchSize);
      const batch = tierChanges(rows, ranked, visits, now);
      for (const tier of batch.tiers) tiers[tier]++;
      for (const move of batch.moves) moves.push(move);
      customers += rows.length;
      if (batch.changes.length > 0) yield batch;
      if (rows.length < batchSize) return;
      after = rows.at(-1)!.id;
    }
  }
  await writeWhileReading(batches(), (batch) => writeBatch(db, data.bulk, workspaceId, batch, now), WRITES_AT_ONCE);
  return {
    run: {
      customers,
      buying: ranked.size,
      totalSales: [...ranked.values()].reduce((sum, r) => sum + r.sales, 0n),
      tiers,
      keyAccounts: [...ranked.values()].filter((r) => r.keyAccount).length,
      changed: moves.length,
    },
    moves,
  };
}

/** What a batch of customers' new tiers change: each changed customer's columns, and the tier moves among them. */
interface TierChanges {
  tiers: Tier[];
  changes: [id: number, tier: Tier, keyAccount: boolean, visitDueAt: Date | null, computedAt: Date][];
  moves: TierMove[];
}

function tierChanges(
  rows: readonly SegmentCustomer[],
  ranked: ReadonlyMap<number, Ranked>,
  visits: VisitSettings,
  now: Date,
): TierChanges {
  const batch: TierChanges = { tiers: [], changes: [], moves: [] };
  for (const c of rows) {
    const r = ranked.get(c.id);
    const tier: Tier = r?.tier ?? "C";
    const key = r?.keyAccount ?? false;
    batch.tiers.push(tier);
    if (c.tier === tier && c.keyAccount === key) continue;
    const due = c.tier === tier ? c.visitDueAt : visitDueAt({ ...c, tier }, visits);
    if (c.tier !== tier)
      batch.moves.push({
        customerId: c.id,
        from: c.tier,
        to: tier,
        creditLimit: c.creditLimit,
        visitDueMoved: due?.getTime() !== c.visitDueAt?.getTime(),
      });
    batch.changes.push([c.id, tier, key, due, now]);
  }
  return batch;
}

/**
 * One write of each changed customer and none of the others: on PostgreSQL every write of a row
 * is a new version of it, in each of the customer's indexes too unless its page has room (see the
 * customer_pages_leave_room migration). A statement per column took a first run at 100,000
 * customers 13.6 s; stamping the unchanged ones too, 9 s a night.
 */
function writeBatch(
  db: WorkspaceDb,
  bulk: BulkWrites,
  workspaceId: number,
  { changes, moves }: TierChanges,
  now: Date,
): Promise<void> {
  return db.$transaction(async (tx) => {
    await bulk.setColumns(tx, "Customer", ["tier", "keyAccount", "visitDueAt", "tierComputedAt"], changes);
    await bulk.insertRows(
      tx,
      "CustomerChange",
      ["workspaceId", "customerId", "action", "changes", "at"],
      moves.map((m) => [
        workspaceId,
        m.customerId,
        "tier",
        JSON.stringify([{ field: "tier", from: m.from, to: m.to }]),
        now,
      ]),
    );
  });
}
