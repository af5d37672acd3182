import { chunks } from "../../core/chunks.js";
import type { BulkWrites } from "../../db/bulk.js";
import { ALERT_VIEW } from "../../db/repositories/alerts.js";
import type { WorkspaceDb } from "../../db/scope.js";
import { enqueueMany, HELD, MERGED } from "../../outbound/outbox.js";
import { parseRecipientKey } from "../../outbound/port.js";
import { alertView } from "../notifications.js";

/** How many of a storm's alerts its summary shows, the most serious first. */
const SUMMARY_TOP = 5;
const SEVERITY_ORDER: Record<string, number> = { critical: 0, warning: 1, info: 2 };

/**
 * The end of a sweep: the alerts it opened are held in the outbox until now. A recipient (a
 * person or a channel) that would get more than `threshold` of them gets one summary instead:
 * counts by rule, the most serious few, a button to list them all; those alerts are then marked
 * told, and their later changes post nothing. Everyone else gets their alerts one by one.
 * A narrowed sweep settles only its own customers' alerts; a full sweep settles every held one,
 * those of a sweep that died half-way included, so that a crash delays posts but loses none.
 */
export async function settleHeldAlerts(
  db: WorkspaceDb,
  workspaceId: number,
  bulk: BulkWrites,
  threshold: number,
  now: Date,
  customerIds?: number[],
): Promise<{ released: number; merged: number; summaries: number }> {
  const where = { status: HELD, ...(customerIds ? { alert: { customerId: { in: customerIds } } } : {}) };
  const held = await db.outboxMessage.findMany({ where, select: { id: true, target: true, alertId: true } });
  if (held.length === 0) return { released: 0, merged: 0, summaries: 0 };
  const byTarget = new Map<string, typeof held>();
  for (const m of held) byTarget.set(m.target, [...(byTarget.get(m.target) ?? []), m]);
  const storms = [...byTarget].filter(([, messages]) => messages.length > threshold);
  const stormIds = new Set(storms.flatMap(([, messages]) => messages.map((m) => m.id)));
  const release = held.filter((m) => !stormIds.has(m.id)).map((m) => m.id);

  await db.$transaction(
    async (tx) => {
      for (const ids of chunks(release, 1000))
        await tx.outboxMessage.updateMany({ where: { id: { in: ids }, status: HELD }, data: { status: "pending" } });
      for (const ids of chunks([...stormIds], 1000))
        await tx.outboxMessage.updateMany({ where: { id: { in: ids }, status: HELD }, data: { status: MERGED } });
      const summaries = [];
      for (const [target, messages] of storms) {
        const alertIds = messages.flatMap((m) => (m.alertId === null ? [] : [m.alertId]));
        const alerts = [];
        for (const ids of chunks(alertIds, 1000))
          alerts.push(
            ...(await tx.alert.findMany({
              where: { id: { in: ids } },
              select: { rule: true, severity: true, id: true },
            })),
          );
        const byRule = new Map<string, number>();
        for (const a of alerts) byRule.set(a.rule, (byRule.get(a.rule) ?? 0) + 1);
        const serious = alerts
          .sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || a.id - b.id)
          .slice(0, SUMMARY_TOP);
        const top = await tx.alert.findMany({ where: { id: { in: serious.map((a) => a.id) } }, select: ALERT_VIEW });
        top.sort((a, b) => (SEVERITY_ORDER[a.severity] ?? 3) - (SEVERITY_ORDER[b.severity] ?? 3) || a.id - b.id);
        summaries.push({
          dedupeKey: `storm:${messages[0]!.id}`,
          kind: "alert" as const,
          recipients: [parseRecipientKey(target)],
          at: now,
          view: {
            view: "alertStorm" as const,
            total: alerts.length,
            byRule: [...byRule].map(([rule, count]) => ({ rule, count })).sort((a, b) => b.count - a.count),
            top: top.map(alertView),
          },
        });
      }
      await enqueueMany(tx, bulk, workspaceId, summaries);
    },
    { timeout: 10 * 60_000 },
  );
  return { released: release.length, merged: stormIds.size, summaries: storms.length };
}
