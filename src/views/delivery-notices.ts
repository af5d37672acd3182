import { type Translate, phrase } from "../core/messages.js";
import { reply, type Reply } from "../core/reply.js";
import { isBlockedReason, RATE_LIMITED, UNCONFIRMED, type BlockedReason } from "../domain/deliveries/reasons.js";
import type { DeliveryDestination } from "../domain/deliveries/service.js";
import { line } from "./command-line.js";

/** Why a post has not gone out, in the reader's language; a platform's own error code is quoted. */
export function deliveryReason(t: Translate, reason: string | null): string {
  if (reason === null) return t("delivery.reason.none");
  if (reason === RATE_LIMITED) return t("delivery.reason.rateLimited");
  if (isBlockedReason(reason)) return phrase(t, "delivery.reason", reason);
  if (reason.startsWith(UNCONFIRMED))
    return t("delivery.reason.unconfirmed", { error: reason.slice(UNCONFIRMED.length) });
  return t("delivery.reason.platform", { error: reason });
}

export function deliveryDestination(t: Translate, to: DeliveryDestination): string {
  return to.kind === "channel"
    ? t("delivery.to.channel", { channel: to.channelId })
    : t("delivery.to.user", { name: to.name });
}

const deliveriesButton = (t: Translate) => ({
  label: t("delivery.buttons.list"),
  command: line("alert deliveries", {}),
});

/**
 * How to let the bot into a channel, as the platform does it: Slack's /invite, Discord's roles,
 * Feishu's group settings.
 */
export function channelAccessHint(t: Translate, platform: string, reason: BlockedReason, channel: string): string {
  return phrase(t, platform === "feishu" ? "alert.route.accessFeishu" : "alert.route.access", reason, { channel });
}

/** To the admins, once: the bot may not post in a channel yet, how to let it in, and what waits. */
export function blockedNotice(
  t: Translate,
  channelId: string,
  reason: BlockedReason,
  waiting: number,
  platform: string,
): Reply {
  return reply(
    { type: "heading", text: t("delivery.notice.blockedHeading", { channel: channelId }) },
    { type: "text", text: channelAccessHint(t, platform, reason, channelId) },
    { type: "text", text: t("delivery.notice.waiting", { count: waiting }) },
    { type: "buttons", buttons: [deliveriesButton(t)] },
  );
}

/** To the admins, once a day per destination: posts there failed for good. */
export function failedNotice(t: Translate, to: DeliveryDestination, reason: string): Reply {
  const retry =
    to.kind === "channel"
      ? [{ label: t("delivery.buttons.retry"), command: line("alert redeliver", { channel: to.channelId }) }]
      : [];
  return reply(
    { type: "heading", text: t("delivery.notice.failedHeading", { to: deliveryDestination(t, to) }) },
    { type: "text", text: t("delivery.notice.failedText", { reason: deliveryReason(t, reason) }) },
    { type: "buttons", buttons: [deliveriesButton(t), ...retry] },
  );
}
