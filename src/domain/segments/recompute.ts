import { subMonths } from "date-fns/subMonths";
import { chunks } from "../../core/chunks.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { WorkspaceDb } from "../../db/scope.js";
import { readSetting } from "../settings.js";
import { visitDueAt } from "../visits/cadence.js";
import { rankCustomers, type Tier } from "./abc.js";

const BATCH = 5_000;
const IDS_PER_UPDATE = 1_000;

export interface SegmentRun {
  customers: number;
  buying: number;
  totalSales: bigint;
  tiers: Record<Tier, number>;
  keyAccounts: number;
  /** Customers whose tier changed in this run. */
  changed: number;
}

/**
 * Recomputes every customer's ABC tier and key-account flag from the sales of the window: one
 * aggregate over the orders, then the customers read in batches and only the changed ones
 * written, a statement per tier rather than per customer. A tier change goes into the customer's
 * history, and moves its next-visit date, since the visit cadence follows the tier.
 */
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

export async function recomputeSegments(
  db: WorkspaceDb,
  workspaceId: number,
  data: Pick<Repositories, "bulk" | "segments">,
  now: Date,
): Promise<SegmentRun> {
  const { bulk } = data;
  const [settings, visits] = await Promise.all([readSetting(db, "segments"), readSetting(db, "visits")]);
  const ranked = new Map(
    rankCustomers(await windowSales(data, workspaceId, settings.windowMonths, now), settings).map((r) => [
      r.customerId,
      r,
    ]),
  );

  const moves = new Map<Tier, number[]>([
    ["A", []],
    ["B", []],
    ["C", []],
  ]);
  const keyFlags = new Map<boolean, number[]>([
    [true, []],
    [false, []],
  ]);
  const history: { customerId: number; from: string | null; to: Tier }[] = [];
  const dueDates: [number, Date | null][] = [];
  const tiers: Record<Tier, number> = { A: 0, B: 0, C: 0 };
  let customers = 0;
  for (let after = 0; ; ) {
    const rows = await data.segments.customers(workspaceId, after, BATCH);
    for (const c of rows) {
      const r = ranked.get(c.id);
      const tier: Tier = r?.tier ?? "C";
      const key = r?.keyAccount ?? false;
      tiers[tier]++;
      if (c.tier !== tier) {
        moves.get(tier)!.push(c.id);
        history.push({ customerId: c.id, from: c.tier, to: tier });
        const due = visitDueAt({ ...c, tier }, visits);
        if (due?.getTime() !== c.visitDueAt?.getTime()) dueDates.push([c.id, due]);
      }
      if (c.keyAccount !== key) keyFlags.get(key)!.push(c.id);
    }
    customers += rows.length;
    if (rows.length < BATCH) break;
    after = rows.at(-1)!.id;
  }

  await db.$transaction(
    async (tx) => {
      for (const [tier, ids] of moves)
        for (const chunk of chunks(ids, IDS_PER_UPDATE))
          await tx.customer.updateMany({ where: { id: { in: chunk } }, data: { tier } });
      for (const [keyAccount, ids] of keyFlags)
        for (const chunk of chunks(ids, IDS_PER_UPDATE))
          await tx.customer.updateMany({ where: { id: { in: chunk } }, data: { keyAccount } });
      await tx.customer.updateMany({ data: { tierComputedAt: now } });
      await bulk.insertRows(
        tx,
        "CustomerChange",
        ["workspaceId", "customerId", "action", "changes", "at"],
        history.map((h) => [
          workspaceId,
          h.customerId,
          "tier",
          JSON.stringify([{ field: "tier", from: h.from, to: h.to }]),
          now,
        ]),
      );
      await bulk.setColumn(tx, "Customer", "visitDueAt", "timestamp", dueDates);
    },
    { timeout: 10 * 60_000 },
  );
  return {
    customers,
    buying: ranked.size,
    totalSales: [...ranked.values()].reduce((sum, r) => sum + r.sales, 0n),
    tiers,
    keyAccounts: [...ranked.values()].filter((r) => r.keyAccount).length,
    changed: history.length,
  };
}
