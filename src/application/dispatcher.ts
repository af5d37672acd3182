import type { Locale } from "../core/locale.js";
import type { Reply } from "../core/reply.js";
import type { PrismaClient } from "../db/client.js";
import type { NotificationView } from "../domain/notifications.js";
import { formatterFor } from "../i18n/format.js";
import { translator } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import { decodePayload } from "../outbound/payload.js";
import { DeliveryRefused, parseRecipientKey, type OutboundPort } from "../outbound/port.js";
import { renderNotification } from "../views/notification.js";

/** A claimed message not confirmed within this time is taken up again (its sender died). */
const LEASE_MS = 60_000;
const MAX_ATTEMPTS = 10;
const BATCH = 50;

/** 2 s, 4 s, 8 s … capped at 15 minutes, unless the platform said how long to wait. */
export function backoffMs(attempts: number): number {
  return Math.min(2 ** attempts * 1_000, 15 * 60_000);
}

/**
 * The message as its recipient reads it: the notification's data written in their language (a
 * user's own, else the workspace's), time zone and currency, now. A payload queued by a version
 * that stored written replies is sent as it was.
 */
function written(payload: string, locale: Locale, workspace: { timezone: string; currency: string }, now: Date): Reply {
  const data = decodePayload(payload) as NotificationView | Reply;
  if ("blocks" in data) return data;
  return renderNotification(
    translator(locale),
    formatterFor(locale, workspace.timezone, workspace.currency),
    data,
    now,
  );
}

export interface DispatchOptions {
  prisma: PrismaClient;
  /** The ports of the platforms this process runs, by workspace platform (console, slack, discord). */
  ports: Partial<Record<string, OutboundPort>>;
  now?: () => Date;
  logger: Logger;
}

/**
 * Sends what the outbox holds for the platforms this process serves. Each message is claimed with
 * a conditional update before it is sent, so two bot instances never send the same message, and
 * marked sent after; a refusal is retried with backoff, and a message claimed by a process that
 * died is retried when its lease runs out. Returns how many messages were sent.
 */
export async function dispatchOutbox(options: DispatchOptions): Promise<number> {
  const { prisma, ports, logger } = options;
  const now = options.now ?? (() => new Date());
  const platforms = Object.keys(ports).filter((p) => ports[p]);
  let sent = 0;
  for (;;) {
    const due = await prisma.outboxMessage.findMany({
      where: {
        status: { in: ["pending", "sending"] },
        nextAttemptAt: { lte: now() },
        workspace: { platform: { in: platforms } },
      },
      include: {
        workspace: {
          select: { id: true, platform: true, externalId: true, locale: true, timezone: true, currency: true },
        },
      },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (due.length === 0) return sent;
    for (const message of due) {
      const claimed = await prisma.outboxMessage.updateMany({
        where: { id: message.id, status: message.status, nextAttemptAt: message.nextAttemptAt },
        data: { status: "sending", nextAttemptAt: new Date(now().getTime() + LEASE_MS) },
      });
      if (claimed.count === 0) continue;
      try {
        const recipient = parseRecipientKey(message.target);
        const user =
          recipient.kind === "user"
            ? await prisma.user.findUniqueOrThrow({
                where: { id: recipient.userId },
                select: { externalId: true, name: true, locale: true },
              })
            : null;
        const to =
          recipient.kind === "channel"
            ? recipient
            : { kind: "user" as const, externalId: user!.externalId, name: user!.name };
        const { id, platform, externalId, locale: workspaceLocale } = message.workspace;
        const locale = (user?.locale ?? workspaceLocale) as Locale;
        const { ref } = await ports[platform]!.send({
          workspace: { id, platform, externalId },
          to,
          reply: written(message.payload, locale, message.workspace, now()),
          ref: message.platformRef,
        });
        // The post exists now, whatever happens next: keep its id so later changes edit it.
        await prisma.outboxMessage.update({ where: { id: message.id }, data: { platformRef: ref } });
        // Rewritten while it was being sent: leave it queued, so the new text goes out too.
        await prisma.outboxMessage.updateMany({
          where: { id: message.id, version: message.version },
          data: { status: "sent", sentAt: now(), lastError: null },
        });
        sent++;
      } catch (error) {
        const attempts = message.attempts + 1;
        const refused = error instanceof DeliveryRefused ? error.options : {};
        const failed = refused.permanent || attempts >= MAX_ATTEMPTS;
        logger.warn({ err: error, outboxId: message.id, attempts, failed }, "outbound message not delivered");
        await prisma.outboxMessage.updateMany({
          where: { id: message.id, version: message.version },
          data: {
            status: failed ? "failed" : "pending",
            attempts,
            lastError: String((error as Error)?.message ?? error).slice(0, 500),
            nextAttemptAt: new Date(now().getTime() + (refused.retryAfterMs ?? backoffMs(attempts))),
          },
        });
      }
    }
  }
}
