import { chunks } from "../../core/chunks.js";
import { ALERT_VIEW, type AlertRow } from "../../db/repositories/alerts.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { WorkspaceDb } from "../../db/scope.js";
import { enqueueMany, HELD, MERGED } from "../../outbound/outbox.js";
import { parseRecipientKey } from "../../outbound/port.js";
import { encodePayload } from "../../outbound/payload.js";
import { alertPostView, alertView } from "../notifications.js";

/** How many of a storm's alerts its summary shows, the most serious first. */
const SUMMARY_TOP = 5;
/** Most serious first. */
const SEVERITIES = ["critical", "warning", "info"];
/**
 * Held posts settled per statement, by ranges of ids. A first sweep holds tens of thousands;
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
  data: Pick<Repositories, "bulk" | "heldPosts">,
  threshold: number,
  now: Date,
): Promise<{ released: number; merged: number; summaries: number }> {
  const { bulk, heldPosts } = data;
  // Only what this read sees: a post another sweep holds meanwhile is settled by that sweep.
  const last = await heldPosts.lastHeld(workspaceId);
  if (last === null) return { released: 0, merged: 0, summaries: 0 };
  const held = await heldPosts.byTarget(workspaceId, last);
  const storms = held.filter((t) => t.total > threshold);
  const stormTargets = storms.map((t) => t.target);
  const serious =
    storms.length > 0
      ? await heldPosts.mostSerious(workspaceId, last, stormTargets, SEVERITIES, SUMMARY_TOP)
      : new Map<string, number[]>();
  const first = Math.min(...held.map((t) => t.firstId));
  const merged = storms.reduce((n, t) => n + t.total, 0);
  const total = held.reduce((n, t) => n + t.total, 0);

  await db.$transaction(
    async (tx) => {
      // From held post to held post: those a crashed sweep left behind may lie far before the rest.
      for (
        let from: number | null = first;
        from !== null;
        from = await heldPosts.firstHeld(workspaceId, from + PAGE, last)
      ) {
        const seen = { status: HELD, id: { gte: from, lt: from + PAGE, lte: last } };
        const released = { ...seen, target: { notIn: stormTargets } };
        // Held posts were queued without their data (see enqueueMany): those released get it now.
        const posts = await tx.outboxMessage.findMany({
          where: released,
          select: { id: true, alert: { select: ALERT_VIEW } },
        });
        await bulk.setColumn(
          tx,
          "OutboxMessage",
          "payload",
          "text",
          posts.flatMap(({ id, alert }) => (alert ? [[id, encodePayload(alertPostView(alert))] as const] : [])),
        );
        // A post whose alert is gone has nothing left to say.
        const orphans = posts.filter((p) => !p.alert).map((p) => p.id);
        if (orphans.length > 0)
          await tx.outboxMessage.updateMany({ where: { id: { in: orphans } }, data: { status: MERGED } });
        await tx.outboxMessage.updateMany({ where: released, data: { status: "pending" } });
        if (stormTargets.length > 0)
          await tx.outboxMessage.updateMany({
            where: { ...seen, target: { in: stormTargets } },
            data: { status: MERGED },
          });
      }
      // Read together: every rep is a storm's target after a first sweep, and a read each was a
      // quarter of the sweep.
      const alerts = new Map<number, AlertRow>();
      for (const ids of chunks([...new Set([...serious.values()].flat())], 500))
        for (const alert of await tx.alert.findMany({ where: { id: { in: ids } }, select: ALERT_VIEW }))
          alerts.set(alert.id, alert);
      const summaries = storms.map((storm) => ({
        dedupeKey: `storm:${storm.firstId}`,
        kind: "alert" as const,
        recipients: [parseRecipientKey(storm.target)],
        at: now,
        view: {
          view: "alertStorm" as const,
          total: storm.total,
          byRule: [...storm.byRule].map(([rule, count]) => ({ rule, count })).sort((a, b) => b.count - a.count),
          top: (serious.get(storm.target) ?? []).flatMap((id) => alerts.get(id) ?? []).map(alertView),
        },
      }));
      await enqueueMany(tx, bulk, workspaceId, summaries);
    },
    { timeout: 10 * 60_000 },
  );
  return { released: total - merged, merged, summaries: storms.length };
}
