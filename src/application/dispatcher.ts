import type { Metrics } from "./metrics.js";
import { setTimeout } from "node:timers/promises";
import type { Locale } from "../core/locale.js";
import type { Reply } from "../core/reply.js";
import type { PrismaClient } from "../db/client.js";
import type { NotificationView } from "../domain/notifications.js";
import { formatterFor } from "../i18n/format.js";
import { translator } from "../i18n/index.js";
import type { Logger } from "../logger.js";
import { Pacer } from "../outbound/pacer.js";
import { decodePayload } from "../outbound/payload.js";
import { WAITING } from "../outbound/outbox.js";
import { DeliveryRefused, parseRecipientKey, type OutboundPort } from "../outbound/port.js";
import { RATE_LIMITED, UNCONFIRMED } from "../domain/deliveries/reasons.js";
import { holdForAccess, reportFailure } from "./delivery-problems.js";
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
function written(
  payload: string,
  locale: Locale,
  workspace: { platform: string; timezone: string; currency: string },
  now: Date,
): Reply {
  const data = decodePayload(payload) as NotificationView | Reply;
  if ("blocks" in data) return data;
  return {
    ...renderNotification(
      translator(locale),
      formatterFor(locale, workspace.timezone, workspace.currency),
      data,
      now,
      workspace.platform,
    ),
    locale,
  };
}

export interface DispatchOptions {
  prisma: PrismaClient;
  /** The ports of the platforms this process runs, by workspace platform (console, slack, discord). */
  ports: Partial<Record<string, OutboundPort>>;
  now?: () => Date;
  logger: Logger;
  /** The process's pace per destination, kept across runs; a run of its own when not given. */
  pacer?: Pacer;
  /**
   * How long one run may wait for paced destinations' next turns before it leaves the rest to the
   * next run (the scheduler starts one every few seconds and never two at once).
   */
  waitBudgetMs?: number;
  /** Counts each try's outcome by platform (the metrics). */
  metrics?: Pick<Metrics, "delivered">;
}

/** By default a run waits for paced turns about as long as the scheduler's interval between runs. */
const WAIT_BUDGET_MS = 5_000;

/**
 * Sends what the outbox holds for the platforms this process serves. Each message is claimed with
 * a conditional update before it is sent, so two bot instances never send the same message, and
 * marked sent after; a refusal is retried with backoff, and a message claimed by a process that
 * died is retried when its lease runs out. Each destination is paced at its platform's rate, and
 * a 429 holds that destination back for its Retry-After without counting as an attempt; the run
 * meanwhile goes on with other destinations. Returns how many messages were sent.
 */
export async function dispatchOutbox(options: DispatchOptions): Promise<number> {
  const { prisma, ports, logger } = options;
  const now = options.now ?? (() => new Date());
  const pacer = options.pacer ?? new Pacer();
  const waitUntil = Date.now() + (options.waitBudgetMs ?? WAIT_BUDGET_MS);
  const platforms = Object.keys(ports).filter((p) => ports[p]);
  let sent = 0;
  /** Destinations waiting for their turn in this run, and the soonest turn among them. */
  const held = new Map<string, { workspaceId: number; target: string }>();
  let soonest = Number.POSITIVE_INFINITY;
  for (;;) {
    const due = await prisma.outboxMessage.findMany({
      where: {
        status: { in: ["pending", "sending", WAITING] },
        nextAttemptAt: { lte: now() },
        workspace: { platform: { in: platforms } },
        NOT: [...held.values()],
      },
      include: {
        workspace: {
          select: { id: true, platform: true, externalId: true, locale: true, timezone: true, currency: true },
        },
      },
      orderBy: { id: "asc" },
      take: BATCH,
    });
    if (due.length === 0) {
      // Only held destinations have posts left: wait for the soonest turn if the run has time for it.
      if (held.size === 0 || soonest > waitUntil) return sent;
      // Timers may fire a millisecond early by the wall clock: wait until the turn has surely come.
      while (Date.now() < soonest) await setTimeout(soonest - Date.now() + 1);
      held.clear();
      soonest = Number.POSITIVE_INFINITY;
      continue;
    }
    for (const message of due) {
      const destination = `${message.workspaceId}|${message.target}`;
      if (held.has(destination)) continue;
      const turnIn = pacer.take(destination, ports[message.workspace.platform]!.pacing);
      if (turnIn > 0) {
        held.set(destination, { workspaceId: message.workspaceId, target: message.target });
        soonest = Math.min(soonest, Date.now() + turnIn);
        continue;
      }
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
          id: message.id,
          // Claimed before by a process that died, or its answer lost: the post may exist already.
          uncertain: message.status === "sending" || (message.lastError?.startsWith(UNCONFIRMED) ?? false),
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
        options.metrics?.delivered(platform, "sent");
      } catch (error) {
        const platform = message.workspace.platform;
        const refused = error instanceof DeliveryRefused ? error.options : {};
        if (refused.rateLimited) {
          // Too soon, not a failure: the destination waits, the message keeps its attempts.
          const waitMs = refused.retryAfterMs ?? backoffMs(1);
          pacer.pause(destination, waitMs);
          held.set(destination, { workspaceId: message.workspaceId, target: message.target });
          await prisma.outboxMessage.updateMany({
            where: { id: message.id, version: message.version },
            data: { status: "pending", lastError: RATE_LIMITED, nextAttemptAt: new Date(now().getTime() + waitMs) },
          });
          // Counted from after the update, so that waking at `soonest` finds the message due.
          soonest = Math.min(soonest, Date.now() + waitMs);
          options.metrics?.delivered(platform, "rate_limited");
          continue;
        }
        if (refused.blocked) {
          // Not a failure either: the destination waits for the bot to be let in, and admins are told.
          held.set(destination, { workspaceId: message.workspaceId, target: message.target });
          await holdForAccess(prisma, message, refused.blocked, now());
          options.metrics?.delivered(platform, "waiting_for_access");
          continue;
        }
        const attempts = message.attempts + 1;
        const failed = refused.permanent || attempts >= MAX_ATTEMPTS;
        logger.warn({ err: error, outboxId: message.id, attempts, failed }, "outbound message not delivered");
        const reason = String((error as Error)?.message ?? error).slice(0, 400);
        await prisma.outboxMessage.updateMany({
          where: { id: message.id, version: message.version },
          data: {
            status: failed ? "failed" : "pending",
            attempts,
            lastError: refused.unconfirmed ? `${UNCONFIRMED}${reason}` : reason,
            nextAttemptAt: new Date(now().getTime() + (refused.retryAfterMs ?? backoffMs(attempts))),
          },
        });
        options.metrics?.delivered(platform, failed ? "failed" : "retried");
        if (failed) await reportFailure(prisma, message, reason, now());
      }
    }
  }
}
