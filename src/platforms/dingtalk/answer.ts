import type { Answerer } from "../../application/inbound/event.js";
import type { Logger } from "../../logger.js";
import type { DingTalkApi, RobotMessage } from "./api.js";
import { messageFor, robotMessage, webhookBody } from "./render.js";

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
      const toConversation = at.direct || reply.visibility === "public" || !at.staffId;
      const toGroup = toConversation && !at.direct;
      const message = messageFor(reply, toGroup);
      const webhookValid =
        at.sessionWebhook !== undefined && (at.sessionWebhookExpiresAt ?? 0) - WEBHOOK_MARGIN_MS > Date.now();
      let sent = false;
      if (toConversation && webhookValid) {
        try {
          await api.webhook(at.sessionWebhook!, webhookBody(message));
          sent = true;
        } catch (error) {
          logger.warn({ err: error }, "dingtalk: the session webhook refused the answer; using the OpenAPI");
        }
      }
      const post = (m: RobotMessage) =>
        toGroup ? api.sendToGroup(at.conversationId, m) : api.sendToUsers([at.staffId!], m);
      if (!sent) await post(robotMessage(message));
      // Charts and exports: image and file messages, where the answer went (a session webhook carries neither).
      for (const file of reply.files ?? []) await post(await api.mediaMessage(file));
    },
  };
}
