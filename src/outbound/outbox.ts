import type { Locale } from "../core/locale.js";
import { chunks } from "../core/chunks.js";
import type { Reply } from "../core/reply.js";
import { insertRows } from "../db/bulk.js";
import type { Provider } from "../db/provider.js";
import type { WorkspaceDb, WorkspaceTx } from "../db/scope.js";
import { formatterFor, type Formatter } from "../i18n/format.js";
import { translator } from "../i18n/index.js";
import type { Translate } from "../core/messages.js";
import { parseRecipientKey, recipientKey, type Recipient } from "./port.js";

export interface Notification {
  /** The same key never produces a second message to the same recipient. */
  dedupeKey: string;
  kind: "alert" | "escalation" | "digest" | "followups" | "complaint";
  recipients: Recipient[];
  /** The message in one recipient's language. */
  build(t: Translate, fmt: Formatter): Reply;
  alertId?: number;
  /** When it was raised (the bot's clock): it is due to be sent from then on. */
  at: Date;
}

type Db = WorkspaceDb | WorkspaceTx;

/** Each recipient's language, and the workspace's for channels and users who chose none. */
async function languages(db: Db, workspaceId: number, userIds: number[]) {
  const workspace = await db.workspace.findUniqueOrThrow({
    where: { id: workspaceId },
    select: { locale: true, timezone: true, currency: true },
  });
  const locales = new Map<number, string | null>();
  for (const chunk of chunks([...new Set(userIds)], 500)) {
    for (const u of await db.user.findMany({ where: { id: { in: chunk } }, select: { id: true, locale: true } }))
      locales.set(u.id, u.locale);
  }
  const tools = new Map<string, { t: Translate; fmt: Formatter }>();
  return (recipient: Recipient) => {
    const locale = ((recipient.kind === "user" ? locales.get(recipient.userId) : null) ?? workspace.locale) as Locale;
    if (!tools.has(locale))
      tools.set(locale, { t: translator(locale), fmt: formatterFor(locale, workspace.timezone, workspace.currency) });
    return tools.get(locale)!;
  };
}

/**
 * Records notifications in the outbox, inside the caller's transaction: a message exists once the
 * change that caused it is committed, and is sent after (by the dispatcher), so a crash or an
 * outage loses nothing. Each recipient gets the message in their own language.
 */
export async function enqueueMany(
  tx: Db,
  provider: Provider,
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
  const existing = new Set<string>();
  for (const chunk of chunks(
    messages.map((m) => m.dedupeKey),
    500,
  )) {
    for (const row of await tx.outboxMessage.findMany({
      where: { dedupeKey: { in: chunk } },
      select: { dedupeKey: true },
    }))
      existing.add(row.dedupeKey);
  }
  const fresh = messages.filter((m) => !existing.has(m.dedupeKey));
  const languageOf = await languages(
    tx,
    workspaceId,
    fresh.flatMap((m) => (m.recipient.kind === "user" ? [m.recipient.userId] : [])),
  );
  // Inserted in bulk, not with createMany: Prisma compiles a createMany of 500 rows anew every
  // time (30 ms), which was a third of a first sweep that queues 40,000 posts.
  for (const chunk of chunks(fresh, 500)) {
    const rows = chunk.map(({ n, recipient, dedupeKey }) => {
      const { t, fmt } = languageOf(recipient);
      return [
        workspaceId,
        dedupeKey,
        n.kind,
        recipientKey(recipient),
        JSON.stringify(n.build(t, fmt)),
        n.alertId ?? null,
        n.at,
        n.at,
      ];
    });
    await insertRows(
      tx,
      provider,
      "OutboxMessage",
      ["workspaceId", "dedupeKey", "kind", "target", "payload", "alertId", "createdAt", "nextAttemptAt"],
      rows,
    );
  }
  return fresh.length;
}

export function enqueue(tx: Db, provider: Provider, workspaceId: number, notification: Notification): Promise<number> {
  return enqueueMany(tx, provider, workspaceId, [notification]);
}

/**
 * The message about an alert changed (acknowledged, snoozed, resolved…): every post of it is
 * rewritten, in its reader's language, and queued again; the dispatcher then edits the post in
 * place instead of posting anew. The version makes a send of the old text still under way count
 * for the post, not for the new text.
 */
export async function requeueAlert(
  tx: Db,
  workspaceId: number,
  alertId: number,
  build: Notification["build"],
  at: Date,
): Promise<number> {
  const rows = (await tx.outboxMessage.findMany({ where: { alertId }, select: { id: true, target: true } })).map(
    (r) => ({ id: r.id, recipient: parseRecipientKey(r.target) }),
  );
  const languageOf = await languages(
    tx,
    workspaceId,
    rows.flatMap((r) => (r.recipient.kind === "user" ? [r.recipient.userId] : [])),
  );
  for (const row of rows) {
    const { t, fmt } = languageOf(row.recipient);
    await tx.outboxMessage.update({
      where: { id: row.id },
      data: {
        payload: JSON.stringify(build(t, fmt)),
        status: "pending",
        attempts: 0,
        nextAttemptAt: at,
        version: { increment: 1 },
      },
    });
  }
  return rows.length;
}
