import { repositoriesOf, type PrismaClient } from "../db/client.js";
import { scopeToWorkspace, type WorkspaceTx } from "../db/scope.js";
import type { BlockedReason } from "../domain/deliveries/reasons.js";
import type { NotificationView } from "../domain/notifications.js";
import { enqueue, WAITING } from "../outbound/outbox.js";
import { parseRecipientKey, recipientKey, type Recipient } from "../outbound/port.js";

/**
 * How long posts wait for their channel before trying it again by themselves, in case the bot was
 * let in without the platform telling (Discord permissions, or an invitation while it was offline).
 */
const RECHECK_MS = 30 * 60_000;
/**
 * After this long a post stops waiting and fails (the admins are told): a channel that stays
 * invisible for a week was most likely deleted, and a digest a week late is news to no one.
 */
const MAX_WAIT_MS = 7 * 24 * 60 * 60_000;

interface Message {
  id: number;
  workspaceId: number;
  kind: string;
  target: string;
  status: string;
  version: number;
  createdAt: Date;
}

const adminsOf = async (tx: WorkspaceTx): Promise<Recipient[]> =>
  (await tx.user.findMany({ where: { role: "admin", active: true }, select: { id: true } })).map((u) => ({
    kind: "user",
    userId: u.id,
  }));

async function tellAdmins(
  tx: WorkspaceTx,
  prisma: PrismaClient,
  message: Message,
  key: string,
  view: NotificationView,
  at: Date,
) {
  const recipients = await adminsOf(tx);
  await enqueue(tx, repositoriesOf(prisma).bulk, message.workspaceId, {
    dedupeKey: key,
    kind: "delivery",
    recipients,
    view,
    at,
  });
}

/**
 * The bot may not post in a message's channel yet: the message and every other pending post to
 * that channel wait (without using up attempts) until the bot is let in, and the admins are told
 * once, when the channel starts refusing, how to let it in.
 */
export async function holdForAccess(prisma: PrismaClient, message: Message, reason: BlockedReason, now: Date) {
  if (now.getTime() - message.createdAt.getTime() > MAX_WAIT_MS) {
    await prisma.outboxMessage.updateMany({
      where: { id: message.id, version: message.version },
      data: { status: "failed", lastError: reason },
    });
    return reportFailure(prisma, message, reason, now);
  }
  const recheckAt = new Date(now.getTime() + RECHECK_MS);
  await scopeToWorkspace(prisma, message.workspaceId).$transaction(async (tx) => {
    const others = { target: message.target, id: { not: message.id } };
    const alreadyWaiting = await tx.outboxMessage.count({ where: { ...others, status: WAITING } });
    await tx.outboxMessage.updateMany({
      where: { id: message.id, version: message.version },
      data: { status: WAITING, lastError: reason, nextAttemptAt: recheckAt },
    });
    // The channel's other posts would only meet the same refusal.
    const moved = await tx.outboxMessage.updateMany({
      where: { ...others, status: "pending" },
      data: { status: WAITING, lastError: reason, nextAttemptAt: recheckAt },
    });
    const recipient = parseRecipientKey(message.target);
    if (message.status === WAITING || alreadyWaiting > 0 || recipient.kind !== "channel") return;
    const view = { view: "deliveryBlocked" as const, channelId: recipient.channelId, reason, waiting: moved.count + 1 };
    await tellAdmins(tx, prisma, message, `blocked:${message.target}:${message.id}`, view, now);
  });
}

/**
 * A post failed for good: admins are told, once a day per destination however many fail, so that
 * a deleted channel or a removed bot is never silent. Notices about delivery never report themselves.
 */
export async function reportFailure(prisma: PrismaClient, message: Message, reason: string, now: Date) {
  if (message.kind === "delivery") return;
  await scopeToWorkspace(prisma, message.workspaceId).$transaction(async (tx) => {
    const recipient = parseRecipientKey(message.target);
    const to =
      recipient.kind === "channel"
        ? recipient
        : {
            kind: "user" as const,
            name: (await tx.user.findFirst({ where: { id: recipient.userId }, select: { name: true } }))?.name ?? "?",
          };
    const day = now.toISOString().slice(0, 10);
    await tellAdmins(
      tx,
      prisma,
      message,
      `failed:${message.target}:${day}`,
      { view: "deliveryFailed", to, reason },
      now,
    );
  });
}

/**
 * The bot was let into a channel (Slack's member_joined_channel): the posts waiting for it are
 * due at once, by any instance's clock. Returns how many.
 */
export async function releaseChannel(
  prisma: PrismaClient,
  workspace: { platform: string; externalId: string },
  channelId: string,
): Promise<number> {
  const found = await prisma.workspace.findFirst({ where: workspace, select: { id: true } });
  if (!found) return 0;
  const { count } = await scopeToWorkspace(prisma, found.id).outboxMessage.updateMany({
    where: { target: recipientKey({ kind: "channel", channelId }), status: WAITING },
    data: { status: "pending", nextAttemptAt: new Date(0) },
  });
  return count;
}
