import type { InboundEvent } from "../../application/inbound/event.js";
import type { Inbound } from "../../application/inbound/handle.js";
import type { Logger } from "../../logger.js";
import { downloadAttachment } from "../download.js";
import { typedLine } from "../chat-input.js";
import { importOffer } from "../import-offer.js";
import type { DingTalkApi } from "./api.js";
import { type DingTalkConversation, dingtalkAnswerer } from "./answer.js";

/** A robot message as the Stream gateway delivers it (topic /v1.0/im/bot/messages/get), as far as the bot reads it. */
export interface RobotMessageEvent {
  msgId: string;
  msgtype: string;
  text?: { content?: string };
  /** A file message's file: fetched through the OpenAPI with its download code. */
  content?: { downloadCode?: string; fileName?: string };
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
 * A press on a card's callback button (topic /v1.0/card/instances/callback), as far as the bot
 * reads it: a card template of the team's own may carry buttons that call back with the command
 * line to run in their `command` parameter.
 */
export interface CardCallbackEvent {
  corpId: string;
  /** The presser's staff id. */
  userId: string;
  outTrackId?: string;
  /** Where the card was pressed: IM_GROUP (spaceId the group) or IM_ROBOT (a 1:1 chat). */
  spaceType?: string;
  spaceId?: string;
  /** JSON: what the button passes, under cardPrivateData.params. */
  content: string;
}

/** How long a file sent to the robot waits for the /import that reads it. */
const FILE_KEPT_MS = 30 * 60_000;
const MAX_FILES_KEPT = 10_000;

/**
 * The DingTalk receiver's handlers: a robot message (typed in a 1:1 chat, or with an @ in a
 * group) or a card button's callback becomes a neutral event; the frame itself is acknowledged by
 * the stream client before these run. A person of another organisation (in a group shared across
 * organisations) is a guest; one DingTalk reports as an admin of the organisation is vouched for
 * as an admin.
 */
export function dingtalkHandlers(deps: { api: DingTalkApi; inbound: Inbound; logger: Logger; maxFileBytes: number }) {
  const { api, inbound, logger, maxFileBytes } = deps;
  /** The file each person sent last in their 1:1 chat, which their next /import reads. */
  const files = new Map<string, { downloadCode: string; name: string; at: number }>();
  const fileOf = (key: string) => {
    const file = files.get(key);
    files.delete(key);
    return file && Date.now() - file.at < FILE_KEPT_MS ? file : undefined;
  };
  const download = async (file: { downloadCode: string; name: string }) => {
    // The URL comes from DingTalk's API, not from the message: its host is DingTalk's storage.
    const url = await api.fileUrl(file.downloadCode);
    return downloadAttachment(url, file.name, { origins: [new URL(url).origin], maxBytes: maxFileBytes });
  };
  const workspace = (corpId: string): InboundEvent["place"] => ({
    workspace: { platform: "dingtalk", externalId: corpId, name: corpId },
  });
  const onMessage = (message: RobotMessageEvent, received: number): void => {
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
    const person = `${message.chatbotCorpId}:${staffId}`;
    const answer = dingtalkAnswerer(api, at, logger);
    inbound.acknowledged("dingtalk", received);
    if (message.msgtype === "file" && direct && !outsider && message.content?.downloadCode) {
      const name = message.content.fileName ?? "file.csv";
      if (files.size >= MAX_FILES_KEPT) files.clear();
      files.set(person, { downloadCode: message.content.downloadCode, name, at: Date.now() });
      void answer
        .reply(importOffer(inbound, "dingtalk", staffId!, name, "dingtalk.fileReceived"), {})
        .catch((err: unknown) => logger.warn({ err }, "dingtalk: offering an import failed"));
      return;
    }
    const text = message.msgtype === "text" ? (message.text?.content ?? "").trim() : "";
    const line = typedLine(text);
    const file = inbound.router.find(line)?.definition.path[0] === "import" ? fileOf(person) : undefined;
    void inbound.handle({
      platform: "dingtalk",
      place: workspace(message.chatbotCorpId),
      user: {
        externalId: staffId ?? `outsider:${message.senderCorpId ?? "unknown"}`,
        profile: async () => ({ name: message.senderNick || staffId || "?" }),
        standing: async () => (outsider ? { guest: true } : { guest: false, admin: message.isAdmin === true }),
      },
      action: { kind: "command", line },
      ...(file ? { attachments: async () => [await download(file)] } : {}),
      deliveryId: message.msgId,
      ...(direct ? {} : { channelId: message.conversationId }),
      answer,
    });
  };

  /** A card's callback button runs its command as the presser, answered in their 1:1 chat (or the group, if public). */
  const onCardPress = (press: CardCallbackEvent, frameId: string, received: number): void => {
    const command = (JSON.parse(press.content || "{}") as { cardPrivateData?: { params?: { command?: unknown } } })
      .cardPrivateData?.params?.command;
    inbound.acknowledged("dingtalk", received);
    if (typeof command !== "string" || !press.userId) {
      logger.warn({ outTrackId: press.outTrackId }, "dingtalk: a card button without a command was pressed");
      return;
    }
    const group = press.spaceType === "IM_GROUP" && press.spaceId ? press.spaceId : undefined;
    let looked: Promise<{ found: boolean; name?: string }> | undefined;
    const member = () => {
      looked ??= api.member(press.userId).then((m) => (m ? { found: true, name: m.name } : { found: false }));
      return looked;
    };
    void inbound.handle({
      platform: "dingtalk",
      place: workspace(press.corpId),
      user: {
        externalId: press.userId,
        // A callback names no one's organisation or name: DingTalk's member directory says both.
        profile: async () => ({ name: (await member()).name ?? press.userId }),
        standing: async () => ({ guest: !(await member()).found }),
      },
      action: { kind: "command", line: typedLine(command) },
      deliveryId: frameId,
      ...(group ? { channelId: group } : {}),
      answer: dingtalkAnswerer(
        api,
        { staffId: press.userId, conversationId: group ?? press.userId, direct: !group },
        logger,
      ),
    });
  };
  return { onMessage, onCardPress };
}
