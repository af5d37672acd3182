import type { Reply } from "../core/reply.js";
import type { WorkspaceTx } from "../db/scope.js";
import { Formatter } from "../i18n/format.js";
import { translator, type Translate } from "../i18n/index.js";
import type { Locale } from "../config.js";
import { recipientKey, type Recipient } from "./port.js";

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

/**
 * Records notifications in the outbox, inside the caller's transaction: a message exists once the
 * change that caused it is committed, and is sent after (by the dispatcher), so a crash or an
 * outage loses nothing. Each recipient gets the message in their own language.
 */
export async function enqueue(tx: WorkspaceTx, workspaceId: number, notification: Notification): Promise<number> {
  const workspace = await tx.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { locale: true, timezone: true, currency: true } });
  const userIds = notification.recipients.flatMap((r) => (r.kind === "user" ? [r.userId] : []));
  const users = await tx.user.findMany({ where: { id: { in: userIds } }, select: { id: true, locale: true } });
  let queued = 0;
  for (const recipient of unique(notification.recipients)) {
    const target = recipientKey(recipient);
    const dedupeKey = `${notification.dedupeKey}>${target}`;
    if (await tx.outboxMessage.findFirst({ where: { dedupeKey }, select: { id: true } })) continue;
    const locale = ((recipient.kind === "user" ? users.find((u) => u.id === recipient.userId)?.locale : null) ?? workspace.locale) as Locale;
    const reply = notification.build(translator(locale), new Formatter(locale, workspace.timezone, workspace.currency));
    await tx.outboxMessage.create({
      data: {
        workspaceId, dedupeKey, kind: notification.kind, target, payload: JSON.stringify(reply), alertId: notification.alertId ?? null,
        createdAt: notification.at, nextAttemptAt: notification.at,
      },
    });
    queued++;
  }
  return queued;
}

function unique(recipients: Recipient[]): Recipient[] {
  return [...new Map(recipients.map((r) => [recipientKey(r), r])).values()];
}
