import type { Readable } from "node:stream";
import type { Client } from "@larksuiteoapi/node-sdk";
import type { Attachment } from "../../core/command-shape.js";
import { UserError } from "../../core/errors.js";
import type { ReplyFile } from "../../core/reply.js";
import { readUpTo } from "../download.js";
import type { Card } from "./render.js";

/** Who a message goes to: a person by open_id, or a chat (a group, or a 1:1 chat) by chat_id. */
export type Receiver = { type: "open_id" | "chat_id"; id: string };

/** What Feishu said when it refused a call: the HTTP status, its error code and message, its wait. */
export class FeishuFailure extends Error {
  constructor(
    readonly status: number | undefined,
    readonly code: number | undefined,
    message: string,
    /** From `x-ogw-ratelimit-reset` on a 429: seconds until the limit resets. */
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = "FeishuFailure";
  }
}

interface Answer<T> {
  code?: number;
  msg?: string;
  data?: T;
}

/** The SDK's answer checked: a non-zero code, or a thrown HTTP error, becomes a FeishuFailure. */
async function call<T>(request: Promise<Answer<T> | null | undefined>): Promise<T> {
  let answer: Answer<T> | null | undefined;
  try {
    answer = await request;
  } catch (error) {
    const response = (error as { response?: { status?: number; data?: Answer<T>; headers?: Record<string, string> } })
      .response;
    if (!response) throw error;
    const reset = Number(response.headers?.["x-ogw-ratelimit-reset"]);
    throw new FeishuFailure(
      response.status,
      response.data?.code,
      `HTTP ${response.status} ${response.data?.code ?? ""} ${response.data?.msg ?? ""}`.trim(),
      Number.isFinite(reset) && reset >= 0 ? reset * 1000 : undefined,
    );
  }
  if (answer?.code) throw new FeishuFailure(200, answer.code, `${answer.code} ${answer.msg ?? ""}`.trim(), undefined);
  return answer?.data as T;
}

/**
 * The calls the bot makes to Feishu's OpenAPI, through the SDK's client (which fetches and renews
 * the tenant access token itself).
 */
export class FeishuApi {
  constructor(readonly client: Client) {}

  /** Posts a card; `uuid` makes Feishu post it at most once an hour however often it is sent. */
  async sendCard(to: Receiver, card: Card, uuid?: string): Promise<string> {
    return this.send(to, "interactive", JSON.stringify(card), uuid);
  }

  async send(to: Receiver, msgType: string, content: string, uuid?: string): Promise<string> {
    const data = await call(
      this.client.im.v1.message.create({
        params: { receive_id_type: to.type },
        data: { receive_id: to.id, msg_type: msgType, content, ...(uuid ? { uuid } : {}) },
      }),
    );
    return data?.message_id ?? "";
  }

  /** Answers a message in its chat, quoting it. */
  async replyCard(messageId: string, card: Card): Promise<void> {
    await call(
      this.client.im.v1.message.reply({
        path: { message_id: messageId },
        data: { msg_type: "interactive", content: JSON.stringify(card) },
      }),
    );
  }

  /** Updates a card the bot posted (shared cards only: `update_multi`). */
  async patchCard(messageId: string, card: Card): Promise<void> {
    await call(
      this.client.im.v1.message.patch({ path: { message_id: messageId }, data: { content: JSON.stringify(card) } }),
    );
  }

  /** A card in a group that only `openId` sees (groups only: a 1:1 chat refuses it). */
  async ephemeralCard(chatId: string, openId: string, card: Card): Promise<void> {
    await call(
      this.client.request<Answer<unknown>>({
        method: "POST",
        url: "/open-apis/ephemeral/v1/send",
        data: { chat_id: chatId, open_id: openId, msg_type: "interactive", card },
      }),
    );
  }

  /** Sends a chart as an image message, an export as a file message. */
  async sendFile(to: Receiver, file: ReplyFile): Promise<void> {
    const data = Buffer.from(file.data);
    // The upload calls answer with their data alone: no key means Feishu refused the file.
    const keyOf = (key: string | undefined) => {
      if (!key) throw new FeishuFailure(undefined, undefined, `uploading ${file.name} failed`, undefined);
      return key;
    };
    if (file.mime === "image/png") {
      const uploaded = await call(
        this.client.im.v1.image.create({ data: { image_type: "message", image: data } }).then((d) => ({ data: d })),
      );
      await this.send(to, "image", JSON.stringify({ image_key: keyOf(uploaded?.image_key) }));
      return;
    }
    const uploaded = await call(
      this.client.im.v1.file
        .create({ data: { file_type: "stream", file_name: file.name, file: data } })
        .then((d) => ({ data: d })),
    );
    await this.send(to, "file", JSON.stringify({ file_key: keyOf(uploaded?.file_key) }));
  }

  /** A file sent in a message, read up to `maxBytes` (Feishu itself serves up to 100 MB). */
  async download(messageId: string, fileKey: string, name: string, maxBytes: number): Promise<Attachment> {
    const tooLarge = () => new UserError("attachment.tooLarge", { name, max: Math.round(maxBytes / 1024 / 1024) });
    const resource = await call(
      this.client.im.v1.messageResource
        .get({ path: { message_id: messageId, file_key: fileKey }, params: { type: "file" } })
        .then((data) => ({ data })),
    );
    const stream = resource.getReadableStream() as Readable;
    if (Number(resource.headers?.["content-length"] ?? 0) > maxBytes) {
      stream.destroy();
      throw tooLarge();
    }
    return { name, data: await readUpTo(stream, maxBytes, tooLarge) };
  }

  /** A member's name, as the contact API tells it to an app allowed to read it. */
  async userName(openId: string): Promise<string | undefined> {
    const data = await call(
      this.client.contact.v3.user.get({ path: { user_id: openId }, params: { user_id_type: "open_id" } }),
    );
    return data?.user?.name || undefined;
  }

  /** The open_id of the app's owner, where Feishu reports one (a person, not the tenant itself). */
  async appOwner(appId: string): Promise<string | undefined> {
    const data = await call(
      this.client.application.v6.application.get({
        path: { app_id: appId },
        params: { lang: "zh_cn", user_id_type: "open_id" },
      }),
    );
    return data?.app?.owner?.owner_id || undefined;
  }

  /** Whether the bot is a member of a chat. */
  async botInChat(chatId: string): Promise<boolean> {
    const data = await call(this.client.im.v1.chatMembers.isInChat({ path: { chat_id: chatId } }));
    return Boolean(data?.is_in_chat);
  }
}
