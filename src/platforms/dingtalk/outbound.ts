import type { Pacing } from "../../outbound/pacer.js";
import { DeliveryRefused, type Delivery, type OutboundPort } from "../../outbound/port.js";
import { truncationNote } from "../locale.js";
import { type DingTalkApi, DingTalkFailure } from "./api.js";
import { renderDingTalk, robotMessage } from "./render.js";

/**
 * DingTalk's limit on a robot's messages: twenty a minute to one conversation (open.dingtalk.com,
 * robot message limits). Paced so, a throttled send is rare; when one comes it is waited out.
 */
export const DINGTALK_PACING: Pacing = { intervalMs: 3_000, burst: 20 };

/** DingTalk's answers that say "too soon" (HTTP 429, or its throttling codes on a 403). */
const THROTTLED = /QpsLimit|Throttling|FlowControl|Frequency/i;
/** A person or group the robot cannot reach: retrying cannot help. */
const PERMANENT = /staffId\.notExisted|robot\.notExist|openConversationId|chatbot.*not.*found|resource\.not\.found/i;
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

/**
 * Alerts, escalations and digests posted by the robot: a user's to their 1:1 chat with it (batch
 * send, by staff id), the others to their group. DingTalk cannot edit a robot's markdown message,
 * so a change to one posted before is posted as its new version, after the first.
 */
export function dingtalkOutboundPort(api: DingTalkApi): OutboundPort {
  return {
    pacing: DINGTALK_PACING,
    async send(delivery: Delivery) {
      const message = robotMessage(renderDingTalk(delivery.reply, truncationNote(delivery.reply)));
      try {
        const ref =
          delivery.to.kind === "user"
            ? await api.sendToUsers([delivery.to.externalId], message)
            : await api.sendToGroup(delivery.to.channelId, message);
        return { ref };
      } catch (error) {
        throw refusal(error);
      }
    },
  };
}
