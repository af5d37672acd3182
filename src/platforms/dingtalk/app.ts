import type { InboundEvent } from "../../application/inbound/event.js";
import type { Inbound } from "../../application/inbound/handle.js";
import type { Logger } from "../../logger.js";
import type { DingTalkApi } from "./api.js";
import { type DingTalkConversation, dingtalkAnswerer } from "./answer.js";

/** A robot message as the Stream gateway delivers it (topic /v1.0/im/bot/messages/get), as far as the bot reads it. */
export interface RobotMessageEvent {
  msgId: string;
  msgtype: string;
  text?: { content?: string };
  conversationId: string;
  /** "1": a 1:1 chat with the robot; "2": a group. */
  conversationType: string;
  chatbotCorpId: string;
  senderCorpId?: string;
  senderStaffId?: string;
  senderNick?: string;
  /** DingTalk says the sender administers the organisation. */
  isAdmin?: boolean;
  sessionWebhook?: string;
  sessionWebhookExpiredTime?: number;
}

/**
 * The DingTalk receiver's one handler: a robot message (typed in a 1:1 chat, or with an @ in a
 * group) becomes a neutral event; the frame itself is acknowledged by the stream client before
 * this runs. A person of another organisation (in a group shared across organisations) is a
 * guest; one DingTalk reports as an admin of the organisation is vouched for as an admin.
 */
export function dingtalkHandler(deps: { api: DingTalkApi; inbound: Inbound; logger: Logger }) {
  const { api, inbound, logger } = deps;
  return (message: RobotMessageEvent, received: number): void => {
    const staffId = message.senderStaffId;
    // People from outside the organisation carry no staff id; they are guests all the same.
    const outsider = !staffId || (message.senderCorpId !== undefined && message.senderCorpId !== message.chatbotCorpId);
    const direct = message.conversationType === "1";
    const at: DingTalkConversation = {
      staffId,
      conversationId: message.conversationId,
      direct,
      sessionWebhook: message.sessionWebhook,
      sessionWebhookExpiresAt: message.sessionWebhookExpiredTime,
    };
    const text = message.msgtype === "text" ? (message.text?.content ?? "").trim() : "";
    const place: InboundEvent["place"] = {
      workspace: { platform: "dingtalk", externalId: message.chatbotCorpId, name: message.chatbotCorpId },
    };
    inbound.acknowledged("dingtalk", received);
    void inbound.handle({
      platform: "dingtalk",
      place,
      user: {
        externalId: staffId ?? `outsider:${message.senderCorpId ?? "unknown"}`,
        profile: async () => ({ name: message.senderNick || staffId || "?" }),
        standing: async () => (outsider ? { guest: true } : { guest: false, admin: message.isAdmin === true }),
      },
      // Anything but text (a picture, a voice message) is answered with what the bot understands.
      action: { kind: "command", line: (text || "crm help").replace(/^(?![/／])/, "/") },
      deliveryId: message.msgId,
      ...(direct ? {} : { channelId: message.conversationId }),
      answer: dingtalkAnswerer(api, at, logger),
    });
  };
}
