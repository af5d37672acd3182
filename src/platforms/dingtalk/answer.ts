import type { Answerer } from "../../application/inbound/event.js";
import type { Logger } from "../../logger.js";
import { translator } from "../../i18n/index.js";
import { truncationNote } from "../locale.js";
import type { DingTalkApi } from "./api.js";
import { renderDingTalk, robotMessage, webhookBody } from "./render.js";

/** Where a robot message came from: the person, the conversation, and its session webhook while valid. */
export interface DingTalkConversation {
  /** None for someone outside the organisation: they are answered in the conversation. */
  staffId: string | undefined;
  conversationId: string;
  /** A 1:1 chat with the robot. */
  direct: boolean;
  sessionWebhook?: string | undefined;
  /** When the session webhook stops working (ms since the epoch). */
  sessionWebhookExpiresAt?: number | undefined;
}

/** A session webhook this close to its end is not used: the answer goes through the OpenAPI. */
const WEBHOOK_MARGIN_MS = 30_000;

/**
 * Answers a DingTalk user: through the message's session webhook while it is valid, through the
 * robot OpenAPI after that. In a group, an answer only for the asker goes to their 1:1 chat with
 * the robot (DingTalk has no message one member of a group alone sees); a public one to the group.
 */
export function dingtalkAnswerer(api: DingTalkApi, at: DingTalkConversation, logger: Logger): Answerer {
  return {
    async reply(reply) {
      const files = reply.files ?? [];
      // Charts and exports cannot be sent as DingTalk files yet: said, never silently dropped.
      const shown =
        files.length === 0
          ? reply
          : {
              ...reply,
              blocks: [
                ...reply.blocks,
                {
                  type: "note" as const,
                  text: translator(reply.locale ?? "zh-CN")("dingtalk.filesNotSent", {
                    names: files.map((f) => f.name).join("、"),
                  }),
                },
              ],
            };
      const message = renderDingTalk(shown, truncationNote(reply));
      const toConversation = at.direct || reply.visibility === "public" || !at.staffId;
      const webhookValid =
        at.sessionWebhook !== undefined && (at.sessionWebhookExpiresAt ?? 0) - WEBHOOK_MARGIN_MS > Date.now();
      if (toConversation && webhookValid) {
        try {
          return await api.webhook(at.sessionWebhook!, webhookBody(message));
        } catch (error) {
          logger.warn({ err: error }, "dingtalk: the session webhook refused the answer; using the OpenAPI");
        }
      }
      if (toConversation && !at.direct) await api.sendToGroup(at.conversationId, robotMessage(message));
      else await api.sendToUsers([at.staffId!], robotMessage(message));
    },
  };
}
