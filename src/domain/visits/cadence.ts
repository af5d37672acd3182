import { addDays } from "date-fns/addDays";
import type { WorkspaceTx } from "../../db/scope.js";
import type { VisitSettings } from "../settings.js";

/** The customer fields that decide when the next visit is due. */
export interface CadenceFacts {
  status: string;
  tier: string | null;
  visitCadenceDays: number | null;
  relationSince: Date | null;
  createdAt: Date;
  lastVisitAt: Date | null;
}

export const CADENCE_FIELDS = {
  status: true,
  tier: true,
  visitCadenceDays: true,
  relationSince: true,
  createdAt: true,
  lastVisitAt: true,
} as const;

/** Customers nobody is expected to visit. */
const NOT_VISITED = new Set(["churned", "blacklisted"]);

/** Days between visits for a tier once a customer is past its first period. */
export function tierCadence(tier: string | null, settings: VisitSettings): number {
  return tier === "A" || tier === "B" || tier === "C" ? settings.cadence[tier] : settings.cadence.none;
}

/**
 * When the next visit falls due: the first moment the time since the last visit (or since the
 * customer was entered, if never visited) reaches the cadence in force at that moment. A customer
 * in its first period (counted from the relationship start) is visited at the new-customer
 * cadence, or its tier's if that is shorter; a per-customer cadence overrides both. Because the
 * answer already accounts for the first period ending, it stays right without a daily recompute.
 */
export function visitDueAt(c: CadenceFacts, settings: VisitSettings): Date | null {
  if (NOT_VISITED.has(c.status)) return null;
  const since = c.lastVisitAt ?? c.createdAt;
  if (c.visitCadenceDays !== null) return addDays(since, c.visitCadenceDays);
  const established = tierCadence(c.tier, settings);
  const firstPeriodEnds = addDays(c.relationSince ?? c.createdAt, settings.newPeriodDays);
  // The first-period cadence is never the longer one, so once its due date falls after the first
  // period, the established cadence's does too.
  const early = addDays(since, Math.min(settings.newCustomerDays, established));
  return early < firstPeriodEnds ? early : addDays(since, established);
}

const BATCH = 500;

/**
 * Recomputes the stored due date of the customers matching `where` (all when omitted), in id
 * order and batches so that a whole workspace never sits in memory; only changed rows are written.
 */
export async function refreshVisitDue(
  tx: WorkspaceTx,
  settings: VisitSettings,
  where: { id?: number } = {},
): Promise<number> {
  let changed = 0;
  let after = 0;
  for (;;) {
    const rows = await tx.customer.findMany({
      where: { ...where, id: where.id ?? { gt: after } },
      select: { id: true, visitDueAt: true, ...CADENCE_FIELDS },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    for (const row of rows) {
      const due = visitDueAt(row, settings);
      if (due?.getTime() === row.visitDueAt?.getTime()) continue;
      await tx.customer.update({ where: { id: row.id }, data: { visitDueAt: due } });
      changed++;
    }
    if (rows.length < BATCH || where.id !== undefined) return changed;
    after = rows.at(-1)!.id;
  }
}
