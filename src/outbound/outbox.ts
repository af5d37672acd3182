import { chunks } from "../core/chunks.js";
import type { BulkWrites } from "../db/bulk.js";
import type { WorkspaceDb, WorkspaceTx } from "../db/scope.js";
import { encodePayload } from "./payload.js";
import { recipientKey, type Recipient } from "./port.js";

export interface Notification<View = unknown> {
  /** The same key never produces a second message to the same recipient. */
  dedupeKey: string;
  kind: "alert" | "escalation" | "digest" | "followups" | "complaint" | "delivery";
  recipients: Recipient[];
  /** What the message is about, as data: it is written in each recipient's language when delivered. */
  view: View;
  alertId?: number;
  /** When it was raised (the bot's clock): it is due to be sent from then on. */
  at: Date;
}

type Db = WorkspaceDb | WorkspaceTx;

/**
 * A message's states: pending (due at nextAttemptAt), sending (claimed; taken up again when its
 * lease runs out), sent, failed (for good, after its attempts or a refusal retrying cannot fix),
 * waiting (the bot is not allowed into the channel yet; it goes out once it is) and merged (an
 * alert's post told by a storm's summary instead, as sweeps before 2026-12-03 recorded it: never
 * posted by itself; see settleHeldAlerts for how they are told now).
 */
export const WAITING = "waiting";
export const MERGED = "merged";

/**
 * Records notifications in the outbox, inside the caller's transaction: a message exists once the
 * change that caused it is committed, and is sent after (by the dispatcher), so a crash or an
 * outage loses nothing. The message is written in each recipient's language when it is delivered.
 */
export async function enqueueMany(
  tx: Db,
  bulk: BulkWrites,
  workspaceId: number,
  notifications: Notification[],
): Promise<number> {
  const messages = notifications.flatMap((n) =>
    [...new Map(n.recipients.map((r) => [recipientKey(r), r])).values()].map((recipient) => ({
      n,
      recipient,
      dedupeKey: `${n.dedupeKey}>${recipientKey(recipient)}`,
    })),
  );
  if (messages.length === 0) return 0;
  // One notification's data is the same for all its recipients: encoded once.
  const payloads = new Map(notifications.map((n) => [n, encodePayload(n.view)]));
  // Inserted in bulk, not with createMany: Prisma compiles a createMany of 500 rows anew every
  // time (30 ms), which was a third of a first sweep that queues 40,000 posts. A message already
  // queued under its key is left out by the unique key itself, not looked up first (a tenth of a
  // first sweep on PostgreSQL went on looking up keys no post had).
  const inserted = await bulk.insertRowsReturning(
    tx,
    "OutboxMessage",
    ["workspaceId", "dedupeKey", "kind", "target", "payload", "alertId", "createdAt", "nextAttemptAt", "status"],
    messages.map(({ n, recipient, dedupeKey }) => [
      workspaceId,
      dedupeKey,
      n.kind,
      recipientKey(recipient),
      payloads.get(n)!,
      n.alertId ?? null,
      n.at,
      n.at,
      "pending",
    ]),
    ["id"],
    { ignoreConflicts: true },
  );
  return inserted.length;
}

export function enqueue(tx: Db, bulk: BulkWrites, workspaceId: number, notification: Notification): Promise<number> {
  return enqueueMany(tx, bulk, workspaceId, [notification]);
}

/**
 * The messages about alerts changed (acknowledged, snoozed, resolved…): every post of each gets
 * its alert's new data and is queued again; the dispatcher then edits the post in place instead
 * of posting anew. The version makes a send of the old text still under way count for the post,
 * not for the new text. A few statements per 500 alerts, however many posts they have: a sweep
 * closes thousands at once.
 */
export async function requeueAlerts(
  tx: Db,
  bulk: BulkWrites,
  changed: readonly { alertId: number; view: unknown }[],
  at: Date,
): Promise<void> {
  const payloads = new Map(changed.map((c) => [c.alertId, encodePayload(c.view)]));
  for (const alertIds of chunks([...payloads.keys()], 500)) {
    // One told by a summary stays told.
    const posts = await tx.outboxMessage.findMany({
      where: { alertId: { in: alertIds }, status: { not: MERGED } },
      select: { id: true, alertId: true },
    });
    if (posts.length === 0) continue;
    const ids = posts.map((p) => p.id);
    await bulk.setColumn(
      tx,
      "OutboxMessage",
      "payload",
      posts.map((p) => [p.id, payloads.get(p.alertId!)]),
    );
    await tx.outboxMessage.updateMany({ where: { id: { in: ids } }, data: { version: { increment: 1 } } });
    // A post waiting for the bot to be let into its channel keeps waiting with the new data.
    await tx.outboxMessage.updateMany({
      where: { id: { in: ids }, status: { notIn: [WAITING, MERGED] } },
      data: { status: "pending", attempts: 0, nextAttemptAt: at },
    });
  }
}
