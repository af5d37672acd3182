import type { Pacing } from "../../outbound/pacer.js";
import { DeliveryRefused, type Delivery, type OutboundPort } from "../../outbound/port.js";
import { type CardSpace, type DingTalkApi, DingTalkFailure } from "./api.js";
import { cardParams, type DingTalkMessage, messageFor, robotMessage } from "./render.js";

/**
 * DingTalk's limit on a robot's messages: twenty a minute to one conversation (open.dingtalk.com,
 * robot message limits). Paced so, a throttled send is rare; when one comes it is waited out.
 */
export const DINGTALK_PACING: Pacing = { intervalMs: 3_000, burst: 20 };

/** DingTalk's answers that say "too soon" (HTTP 429, or its throttling codes on a 403). */
const THROTTLED = /QpsLimit|Throttling|FlowControl|Frequency/i;
/**
 * A person or group the robot cannot reach: retrying cannot help. A card DingTalk made but could
 * not put in the chat is one of these: the chat is out of the robot's reach.
 */
const PERMANENT =
  /staffId\.notExisted|robot\.notExist|openConversationId|chatbot.*not.*found|resource\.not\.found|card\.deliverFailed/i;
const DEFAULT_RETRY_MS = 2_000;

function refusal(error: unknown): DeliveryRefused {
  if (!(error instanceof DingTalkFailure)) return new DeliveryRefused((error as Error).message, { unconfirmed: true });
  if (error.status === 429 || THROTTLED.test(error.code ?? ""))
    return new DeliveryRefused(error.message, {
      rateLimited: true,
      retryAfterMs: error.retryAfterMs ?? DEFAULT_RETRY_MS,
    });
  return new DeliveryRefused(error.message, {
    permanent: PERMANENT.test(error.code ?? ""),
    unconfirmed: (error.status ?? 500) >= 500,
  });
}

/** DingTalk refused the card itself (none by that name, or no longer editable), not the request's rate or its network. */
function cardGone(error: unknown): boolean {
  const { rateLimited, unconfirmed } = refusal(error).options;
  return !rateLimited && !unconfirmed;
}

/**
 * Alerts, escalations and digests posted by the robot: a user's to their 1:1 chat with it, the
 * others to their group. With a card template they are cards named by their outbox id, and a
 * change is made in place; a retry that may follow a card already made updates that card instead
 * of making a second. Without one they are robot messages (batch send, group send), which DingTalk
 * cannot edit: a change is posted as the new version, after the first.
 */
export function dingtalkOutboundPort(api: DingTalkApi): OutboundPort {
  const postMessage = (delivery: Delivery, message: DingTalkMessage) => {
    const robot = robotMessage(message);
    return delivery.to.kind === "user"
      ? api.sendToUsers([delivery.to.externalId], robot)
      : api.sendToGroup(delivery.to.channelId, robot);
  };
  const postCard = async (delivery: Delivery, message: DingTalkMessage) => {
    const params = cardParams(message);
    const own = `crm-${delivery.id}`;
    const earlier = delivery.ref?.startsWith(own) ? delivery.ref : delivery.uncertain ? own : undefined;
    if (earlier) {
      try {
        await api.updateCard(earlier, params);
        return earlier;
      } catch (error) {
        if (!cardGone(error)) throw error;
      }
    }
    // A message posted before as a robot message, or a card DingTalk no longer has: a new card,
    // under a name of its own (DingTalk keeps the first name's card).
    const outTrackId = delivery.ref ? `${own}-${Date.now().toString(36)}` : own;
    const to: CardSpace =
      delivery.to.kind === "user"
        ? { kind: "user", staffId: delivery.to.externalId }
        : { kind: "group", conversationId: delivery.to.channelId };
    await api.deliverCard(outTrackId, to, params);
    return outTrackId;
  };
  return {
    pacing: DINGTALK_PACING,
    async send(delivery: Delivery) {
      const message = messageFor(delivery.reply, delivery.to.kind === "channel");
      try {
        return {
          ref: api.options.cardTemplateId ? await postCard(delivery, message) : await postMessage(delivery, message),
        };
      } catch (error) {
        throw refusal(error);
      }
    },
  };
}
