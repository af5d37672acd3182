import type { BulkWrites } from "../../db/bulk.js";
import { ALERT_VIEW } from "../../db/repositories/alerts.js";
import type { WorkspaceDb } from "../../db/scope.js";
import { enqueueMany, HELD, MERGED } from "../../outbound/outbox.js";
import { parseRecipientKey } from "../../outbound/port.js";
import { alertView } from "../notifications.js";

/** How many of a storm's alerts its summary shows, the most serious first. */
const SUMMARY_TOP = 5;
const SEVERITY_ORDER: Record<string, number> = { critical: 0, warning: 1, info: 2 };
const rank = (severity: string) => SEVERITY_ORDER[severity] ?? 3;
/**
 * Held posts read, and settled, per statement. A first sweep holds tens of thousands; read or
 * updated in one statement they held the event loop for a quarter of a second after a large import.
 */
const PAGE = 2_000;

/**
 * The end of a full sweep: the alerts it opened are held in the outbox until now. A recipient (a
 * person or a channel) that would get more than `threshold` of them gets one summary instead:
 * counts by rule, the most serious few, a button to list them all; those alerts are then marked
 * told, and their later changes post nothing. Everyone else gets their alerts one by one. Every
 * held post is settled, those of a sweep that died half-way included, so that a crash delays
 * posts (to the next full sweep) but loses none.
 */
export async function settleHeldAlerts(
  db: WorkspaceDb,
  workspaceId: number,
  bulk: BulkWrites,
  threshold: number,
  now: Date,
): Promise<{ released: number; merged: number; summaries: number }> {
  const held = await heldPosts(db);
  if (held.length === 0) return { released: 0, merged: 0, summaries: 0 };
  const byTarget = new Map<string, typeof held>();
  for (const m of held) {
    const messages = byTarget.get(m.target);
    if (messages) messages.push(m);
    else byTarget.set(m.target, [m]);
  }
  const storms = [...byTarget].filter(([, messages]) => messages.length > threshold);
  const stormTargets = storms.map(([target]) => target);
  const merged = storms.reduce((n, [, messages]) => n + messages.length, 0);

  await db.$transaction(
    async (tx) => {
      // Set-based, by ranges of ids: a first sweep holds a hundred thousand posts, and a statement
      // per thousand listed ids cost more than the sweep itself. Only what the read saw: a message
      // another sweep holds meanwhile is settled by that sweep.
      for (let from = 0; from < held.length; from += PAGE) {
        const page = held.slice(from, from + PAGE);
        const seen = { status: HELD, id: { gte: page[0]!.id, lte: page.at(-1)!.id } };
        await tx.outboxMessage.updateMany({
          where: { ...seen, target: { notIn: stormTargets } },
          data: { status: "pending" },
        });
        if (stormTargets.length > 0)
          await tx.outboxMessage.updateMany({
            where: { ...seen, target: { in: stormTargets } },
            data: { status: MERGED },
          });
      }
      const summaries = [];
      for (const [target, messages] of storms) {
        const byRule = new Map<string, number>();
        for (const m of messages) if (m.alert) byRule.set(m.alert.rule, (byRule.get(m.alert.rule) ?? 0) + 1);
        const serious = messages
          .filter((m) => m.alert && m.alertId !== null)
          .sort((a, b) => rank(a.alert!.severity) - rank(b.alert!.severity) || a.alertId! - b.alertId!)
          .slice(0, SUMMARY_TOP)
          .map((m) => m.alertId!);
        const top = await tx.alert.findMany({ where: { id: { in: serious } }, select: ALERT_VIEW });
        top.sort((a, b) => rank(a.severity) - rank(b.severity) || a.id - b.id);
        summaries.push({
          dedupeKey: `storm:${messages[0]!.id}`,
          kind: "alert" as const,
          recipients: [parseRecipientKey(target)],
          at: now,
          view: {
            view: "alertStorm" as const,
            total: messages.length,
            byRule: [...byRule].map(([rule, count]) => ({ rule, count })).sort((a, b) => b.count - a.count),
            top: top.map(alertView),
          },
        });
      }
      await enqueueMany(tx, bulk, workspaceId, summaries);
    },
    { timeout: 10 * 60_000 },
  );
  return { released: held.length - merged, merged, summaries: storms.length };
}

/** Every held post, oldest first, a page at a time. */
async function heldPosts(db: WorkspaceDb) {
  const select = { id: true, target: true, alertId: true, alert: { select: { rule: true, severity: true } } };
  const read = (afterId: number) =>
    db.outboxMessage.findMany({
      where: { status: HELD, id: { gt: afterId } },
      select,
      orderBy: { id: "asc" },
      take: PAGE,
    });
  const held: Awaited<ReturnType<typeof read>> = [];
  for (;;) {
    const page = await read(held.at(-1)?.id ?? 0);
    held.push(...page);
    if (page.length < PAGE) return held;
  }
}
