import type { Pacing } from "../../outbound/pacer.js";
import { type ChannelAccess, DeliveryRefused, type Delivery, type OutboundPort } from "../../outbound/port.js";
import { truncationNote } from "../locale.js";
import { type FeishuApi, FeishuFailure, type Receiver } from "./api.js";
import { renderFeishu } from "./render.js";

/**
 * Feishu's limit on sending messages: five a second to one user, and five a second to one group
 * shared by all its bots (open.feishu.cn, im-v1 message create, 频率限制). Paced so, a 429 is rare;
 * when one comes, `x-ogw-ratelimit-reset` says how long to wait.
 */
export const FEISHU_PACING: Pacing = { intervalMs: 200, burst: 5 };

/** Feishu's error codes (open.feishu.cn, im-v1 message create, 错误码) the outbox treats apart. */
const RATE_LIMITED = new Set([99991400, 230020]);
const BOT_NOT_IN_CHAT = 230002;
/** The chat or person is gone, or out of the app's reach: retrying cannot help. */
const PERMANENT = new Set([230001, 230006, 230013, 230017, 230035, 230099, 232009, 232011]);
/** The outbox waits this long after a 429 that says nothing of when to come back. */
const DEFAULT_RETRY_MS = 1_000;

/** Feishu refused to edit the card itself (not the request's rate or the bot's access). */
function uneditable(error: unknown): boolean {
  return (
    error instanceof FeishuFailure &&
    error.status === 400 &&
    error.code !== undefined &&
    !RATE_LIMITED.has(error.code) &&
    error.code !== BOT_NOT_IN_CHAT
  );
}

function refusal(error: unknown, toChannel: boolean): DeliveryRefused {
  if (!(error instanceof FeishuFailure)) return new DeliveryRefused((error as Error).message, { unconfirmed: true });
  if (error.status === 429 || (error.code !== undefined && RATE_LIMITED.has(error.code)))
    return new DeliveryRefused(error.message, {
      rateLimited: true,
      retryAfterMs: error.retryAfterMs ?? DEFAULT_RETRY_MS,
    });
  if (toChannel && error.code === BOT_NOT_IN_CHAT) return new DeliveryRefused(error.message, { blocked: "notMember" });
  const permanent = error.code !== undefined && (PERMANENT.has(error.code) || error.code === BOT_NOT_IN_CHAT);
  // A server error may have posted the card anyway: the uuid makes the retry harmless.
  return new DeliveryRefused(error.message, { permanent, unconfirmed: (error.status ?? 500) >= 500 });
}

/**
 * Alerts, escalations and digests posted to Feishu as cards: a user's to them by open_id, the
 * others to their group chat by chat_id; a card posted before is updated in place. Each post
 * carries its outbox id as Feishu's `uuid`, which posts a message at most once an hour however
 * often it is sent, so a retry after a crash or a lost answer posts nothing twice.
 */
export function feishuOutboundPort(api: FeishuApi): OutboundPort {
  return {
    pacing: FEISHU_PACING,
    async checkChannel(chatId: string): Promise<ChannelAccess> {
      try {
        return (await api.botInChat(chatId)) ? "ok" : "notMember";
      } catch (error) {
        if (error instanceof FeishuFailure && error.status !== undefined && error.status < 500 && error.status !== 429)
          return "notVisible";
        throw error;
      }
    },
    async send(delivery: Delivery) {
      const card = renderFeishu(delivery.reply, truncationNote(delivery.reply));
      try {
        const to: Receiver =
          delivery.to.kind === "user"
            ? { type: "open_id", id: delivery.to.externalId }
            : { type: "chat_id", id: delivery.to.channelId };
        if (delivery.ref) {
          try {
            await api.patchCard(delivery.ref, card);
            return { ref: delivery.ref };
          } catch (error) {
            // A card Feishu will no longer edit (older than 14 days, withdrawn): the new version is posted.
            if (!uneditable(error)) throw error;
            return { ref: await api.sendCard(to, card, `crm-${delivery.id}-again`) };
          }
        }
        return { ref: await api.sendCard(to, card, `crm-${delivery.id}`) };
      } catch (error) {
        throw refusal(error, delivery.to.kind === "channel");
      }
    },
  };
}
