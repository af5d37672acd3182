import type { IncomingMessage, ServerResponse } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { LocalApi } from "./local-api.js";

export const CLIENT_ID = "dingabcdefghijklmnop";
export const CLIENT_SECRET = "dingtalk-client-secret-for-tests";
export const CORP = "ding8f2e7d6c5b4a3921";
const ACCESS_TOKEN = "dt-access-token-for-tests";
const TICKET = "dt-ticket-0001";
const ROBOT_TOPIC = "/v1.0/im/bot/messages/get";
export const CARD_TOPIC = "/v1.0/card/instances/callback";
/** The card templates this organisation can use, and the variables each takes. */
const CARD_TEMPLATES: Record<string, string[]> = {
  "1366a1eb-bc54-4859-ac88-517c56a9acb1.schema": ["title", "markdown", "tips", "sys_full_json_obj", "logo"],
};

/** The robot message templates and the parameters each must carry (open.dingtalk.com, robot message types). */
const TEMPLATES: Record<string, string[]> = {
  sampleMarkdown: ["title", "text"],
  sampleImageMsg: ["photoURL"],
  sampleFile: ["mediaId", "fileName", "fileType"],
  sampleActionCard: ["title", "text", "singleTitle", "singleURL"],
  ...Object.fromEntries(
    [2, 3, 4, 5].map((n) => [
      `sampleActionCard${n}`,
      ["title", "text", ...Array.from({ length: n }, (_, i) => [`actionTitle${i + 1}`, `actionURL${i + 1}`]).flat()],
    ]),
  ),
};

/** A card made and put in a chat, with each version of its variables. */
export interface Card {
  template: string;
  /** The openSpaceId: dtv1.card//IM_ROBOT.<staff id> or dtv1.card//IM_GROUP.<conversation id>. */
  space: string;
  versions: Record<string, string>[];
}

export interface RobotPost {
  /** batchSend (to people), group (to a conversation) or session (a message's webhook). */
  via: "batchSend" | "group" | "session";
  to: string[];
  msgKey: string;
  param: Record<string, string>;
}

/** An answer a test queued for a route: instead of the route's, or (afterEffect) after the route took effect. */
interface Queued {
  match: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
  afterEffect?: boolean;
}

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

let messages = 0;
/** A robot message as the Stream gateway delivers it. */
export function robotMessage(
  staffId: string,
  text: string,
  options: {
    group?: string;
    nick?: string;
    isAdmin?: boolean;
    corp?: string;
    webhook?: string;
    expiresAt?: number;
  } = {},
) {
  messages += 1;
  return {
    msgId: `msg${Date.now()}${messages}`,
    msgtype: "text",
    text: { content: options.group ? ` ${text}` : text },
    conversationId: options.group ?? `cid_p2p_${staffId}`,
    conversationType: options.group ? "2" : "1",
    chatbotCorpId: CORP,
    chatbotUserId: "$:LWCP_v1:$robot",
    senderCorpId: options.corp ?? CORP,
    senderStaffId: options.corp && options.corp !== CORP ? undefined : staffId,
    senderId: `$:LWCP_v1:$${staffId}`,
    senderNick: options.nick ?? "王伟",
    isAdmin: options.isAdmin ?? false,
    robotCode: CLIENT_ID,
    createAt: Date.now(),
    sessionWebhook: options.webhook,
    sessionWebhookExpiredTime: options.expiresAt ?? Date.now() + 90 * 60_000,
  };
}

/**
 * A local stand-in for DingTalk: the Stream gateway (connections/open hands out a WebSocket
 * endpoint and ticket; the socket pushes CALLBACK frames and records each acknowledgement), the
 * OpenAPI's access token, robot sends (batch to people, to a group), cards (made and delivered,
 * updated), the member directory, and session webhooks. It refuses what DingTalk refuses: a bad
 * secret or token, an unknown template or a missing parameter, an expired session webhook; a test
 * can queue a failure (a 429) for a route, or an answer lost after the call took effect.
 */
export class FakeDingTalk extends LocalApi {
  readonly posts: RobotPost[] = [];
  readonly acks = new Map<string, { at: number; sentAt: number }>();
  readonly calls: { method: string; path: string; body: any }[] = [];
  readonly uploads: { type: string; name: string; size: number; mediaId: string }[] = [];
  /** Files sent to the robot, by download code. */
  readonly sentFiles = new Map<string, Buffer>();
  /** Cards by the bot's name for them (outTrackId). */
  readonly cards = new Map<string, Card>();
  /** The organisation's members (staff id → name), as its directory answers. */
  readonly members = new Map<string, string>();
  private readonly queued: Queued[] = [];
  private socket: WebSocket | undefined;
  private sent = new Map<string, number>();
  private frames = 0;
  private queries = 0;

  static async start(): Promise<FakeDingTalk> {
    const fake = await LocalApi.listen(new FakeDingTalk());
    const ws = new WebSocketServer({ server: fake.server, path: "/stream" });
    ws.on("connection", (socket, req) => {
      if (new URL(req.url ?? "/", fake.base).searchParams.get("ticket") !== TICKET)
        return socket.close(4001, "bad ticket");
      fake.socket = socket;
      socket.on("message", (data) => {
        const ack = JSON.parse(String(data)) as { code: number; headers: { messageId: string } };
        const sentAt = fake.sent.get(ack.headers.messageId);
        if (ack.code === 200 && sentAt !== undefined) fake.acks.set(ack.headers.messageId, { at: Date.now(), sentAt });
      });
    });
    return fake;
  }

  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

  /** A message's session webhook on this stand-in. */
  webhook(session: string): string {
    return `${this.base}/robot/sendBySession?session=${session}`;
  }

  queue(match: RegExp, answer: Omit<Queued, "match">): void {
    this.queued.push({ match, ...answer });
  }

  /** Pushes a robot message (or, with its topic, a card callback) as a CALLBACK frame; returns the frame's message id. */
  push(message: object, topic = ROBOT_TOPIC): string {
    if (!this.socket) throw new Error("no Stream connection");
    this.frames += 1;
    const messageId = `frame-${this.frames}`;
    this.sent.set(messageId, Date.now());
    this.socket.send(
      JSON.stringify({
        specVersion: "1.0",
        type: "CALLBACK",
        headers: {
          appId: CLIENT_ID,
          connectionId: "conn-1",
          contentType: "application/json",
          messageId,
          time: String(Date.now()),
          topic,
        },
        data: JSON.stringify(message),
      }),
    );
    return messageId;
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, received: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", this.base);
    const isJson = String(req.headers["content-type"] ?? "").startsWith("application/json");
    const body = isJson && received.length > 0 ? JSON.parse(received.toString()) : {};
    this.calls.push({ method: req.method ?? "GET", path: url.pathname, body });
    const json = (status: number, answer: unknown, headers: Record<string, string> = {}) =>
      void res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(answer));
    try {
      const special = this.queued.findIndex((q) => q.match.test(`${req.method} ${url.pathname}`));
      if (special >= 0) {
        const [q] = this.queued.splice(special, 1);
        if (q!.afterEffect) this.route(url, body, req);
        return json(q!.status, q!.body, q!.headers);
      }
      const file = /^\/files\/(.+)$/.exec(url.pathname);
      if (req.method === "GET" && file) {
        const data = this.sentFiles.get(decodeURIComponent(file[1]!));
        if (!data) return void res.writeHead(404).end();
        return void res.writeHead(200, { "content-length": data.length }).end(data);
      }
      if (url.pathname === "/media/upload") return json(200, await this.upload(url, req, received));
      if (url.pathname === "/topapi/v2/user/get") return json(200, this.member(url, body));
      return json(200, this.route(url, body, req));
    } catch (error) {
      if (error instanceof Refused) return json(error.status, { code: error.code, message: error.message });
      throw error;
    }
  }

  /** The older media API: a token in the query, the file in the multipart field `media`. */
  private async upload(url: URL, req: IncomingMessage, raw: Buffer) {
    if (url.searchParams.get("access_token") !== ACCESS_TOKEN)
      return { errcode: 40014, errmsg: "invalid access_token" };
    const type = url.searchParams.get("type") ?? "";
    if (!["image", "file", "voice", "video"].includes(type)) return { errcode: 40004, errmsg: "invalid media type" };
    const form = await new Response(raw, {
      headers: { "content-type": String(req.headers["content-type"]) },
    }).formData();
    const media = form.get("media") as File | null;
    if (!media || media.size === 0) return { errcode: 40005, errmsg: "invalid file" };
    const mediaId = `@lA${type}${this.uploads.length + 1}`;
    this.uploads.push({ type, name: media.name, size: media.size, mediaId });
    return { errcode: 0, errmsg: "ok", type, media_id: mediaId, created_at: Date.now() };
  }

  /** The older member API: a member's details, or errcode 60121 for a staff id not in the organisation. */
  private member(url: URL, body: { userid?: string }) {
    if (url.searchParams.get("access_token") !== ACCESS_TOKEN)
      return { errcode: 40014, errmsg: "invalid access_token" };
    const name = this.members.get(body.userid ?? "");
    if (name === undefined) return { errcode: 60121, errmsg: "找不到该用户" };
    return { errcode: 0, errmsg: "ok", result: { userid: body.userid, name } };
  }

  /**
   * Creates and delivers a card as DingTalk's card API does, refusing what it refuses: an unknown
   * template, a variable the template lacks or one not a string, a missing outTrackId, a space
   * that is not a 1:1 chat with the robot or a group, a deliver model without the robot. A second
   * card under a name already used is refused too: the stand-in assumes the strictest reading.
   */
  private createCard(body: any) {
    const needs = CARD_TEMPLATES[body.cardTemplateId];
    if (!needs) throw new Refused(400, "invalidParameter.cardTemplate.notFound", "不存在的卡片模板");
    if (!body.outTrackId) throw new Refused(400, "param.outTrackIdEmpty", "outTrackId is empty");
    if (this.cards.has(body.outTrackId)) throw new Refused(400, "param.outTrackIdDuplicate", "outTrackId is used");
    const params = this.cardParams(body, needs);
    const space = /^dtv1\.card\/\/(IM_ROBOT|IM_GROUP)\.(.+)$/.exec(body.openSpaceId ?? "");
    if (!space) throw new Refused(400, "param.openSpaceIdInvalid", `bad openSpaceId ${body.openSpaceId}`);
    const deliver = space[1] === "IM_GROUP" ? body.imGroupOpenDeliverModel : body.imRobotOpenDeliverModel;
    if (deliver?.robotCode !== CLIENT_ID || (space[1] === "IM_ROBOT" && deliver.spaceType !== "IM_ROBOT"))
      throw new Refused(400, "param.openSpaceModelInvalid", "the deliver model names no robot of this app");
    this.cards.set(body.outTrackId, { template: body.cardTemplateId, space: body.openSpaceId, versions: [params] });
    return {
      success: true,
      result: {
        outTrackId: body.outTrackId,
        deliverResults: [
          { spaceType: space[1], spaceId: space[2], success: true, carrierId: `carrier-${this.cards.size}` },
        ],
      },
    };
  }

  private updateCard(body: any) {
    const card = this.cards.get(body.outTrackId ?? "");
    if (!card) throw new Refused(400, "param.cardNotExist", `no card ${body.outTrackId}`);
    card.versions.push({ ...card.versions.at(-1), ...this.cardParams(body, CARD_TEMPLATES[card.template]!) });
    return { success: true, result: true };
  }

  private cardParams(body: any, needs: string[]): Record<string, string> {
    const params = body.cardData?.cardParamMap;
    if (!params || typeof params !== "object") throw new Refused(400, "param.cardPublicDataEmpty", "no cardData");
    for (const [key, value] of Object.entries(params)) {
      if (!needs.includes(key)) throw new Refused(400, "param.cardParamInvalid", `the template has no ${key}`);
      if (typeof value !== "string") throw new Refused(400, "param.cardParamInvalid", `${key} is not a string`);
    }
    if (params.sys_full_json_obj) JSON.parse(params.sys_full_json_obj);
    return params;
  }

  private template(msgKey: string, msgParam: string): Record<string, string> {
    const needs = TEMPLATES[msgKey];
    if (!needs) throw new Refused(400, "invalidParameter.msgKey", `unknown msgKey ${msgKey}`);
    const param = JSON.parse(msgParam) as Record<string, string>;
    for (const key of needs)
      if (typeof param[key] !== "string" || param[key] === "")
        throw new Refused(400, "invalidParameter.msgParam", `${key} is required`);
    return param;
  }

  private route(url: URL, body: any, req: IncomingMessage): unknown {
    const path = url.pathname;
    if (path === "/v1.0/gateway/connections/open") {
      if (body.clientId !== CLIENT_ID || body.clientSecret !== CLIENT_SECRET)
        throw new Refused(401, "InvalidAuthentication", "clientId or clientSecret is wrong");
      if (
        !body.subscriptions?.some(
          (s: { type: string; topic: string }) => s.type === "CALLBACK" && s.topic === ROBOT_TOPIC,
        )
      )
        throw new Refused(400, "invalidParameter.subscriptions", "no robot callback subscribed");
      return { endpoint: `${this.base.replace(/^http/, "ws")}/stream`, ticket: TICKET };
    }
    if (path === "/v1.0/oauth2/accessToken") {
      if (body.appKey !== CLIENT_ID || body.appSecret !== CLIENT_SECRET)
        throw new Refused(400, "invalidClientIdOrSecret", "appKey or appSecret is wrong");
      return { accessToken: ACCESS_TOKEN, expireIn: 7200 };
    }
    if (path === "/robot/sendBySession") {
      const session = url.searchParams.get("session") ?? "";
      if (session.startsWith("expired")) return { errcode: 300001, errmsg: "session is expired" };
      const card = body.msgtype === "actionCard" ? body.actionCard : body.markdown;
      if (!card?.title || !card?.text) return { errcode: 40035, errmsg: "missing title or text" };
      const param: Record<string, string> = { title: card.title, text: card.text };
      (card.btns ?? []).forEach((b: { title: string; actionURL: string }, i: number) => {
        param[`actionTitle${i + 1}`] = b.title;
        param[`actionURL${i + 1}`] = b.actionURL;
      });
      this.posts.push({ via: "session", to: [session], msgKey: body.msgtype, param });
      return { errcode: 0, errmsg: "ok" };
    }
    if (req.headers["x-acs-dingtalk-access-token"] !== ACCESS_TOKEN)
      throw new Refused(401, "InvalidAuthentication", "access token is invalid");
    if (path === "/v1.0/card/instances/createAndDeliver" && req.method === "POST") return this.createCard(body);
    if (path === "/v1.0/card/instances" && req.method === "PUT") return this.updateCard(body);
    if (body.robotCode !== CLIENT_ID) throw new Refused(400, "robot.notExist", "no such robot");
    if (path === "/v1.0/robot/messageFiles/download") {
      if (!this.sentFiles.has(body.downloadCode))
        throw new Refused(400, "invalidParameter.downloadCode", "no such file");
      return { downloadUrl: `${this.base}/files/${encodeURIComponent(body.downloadCode)}` };
    }
    if (path === "/v1.0/robot/oToMessages/batchSend") {
      const param = this.template(body.msgKey, body.msgParam);
      this.posts.push({ via: "batchSend", to: body.userIds, msgKey: body.msgKey, param });
      return { processQueryKey: `pqk-${++this.queries}`, invalidStaffIdList: [], flowControlledStaffIdList: [] };
    }
    if (path === "/v1.0/robot/groupMessages/send") {
      const param = this.template(body.msgKey, body.msgParam);
      this.posts.push({ via: "group", to: [body.openConversationId], msgKey: body.msgKey, param });
      return { processQueryKey: `pqk-${++this.queries}` };
    }
    throw new Refused(404, "notFound", `no such route ${path}`);
  }
}

/** A press on a card's callback button, as the Stream gateway delivers it. */
export function cardPress(staffId: string, outTrackId: string, params: Record<string, string>, group?: string) {
  return {
    corpId: CORP,
    userId: staffId,
    userIdType: 1,
    type: "actionCallback",
    outTrackId,
    spaceType: group ? "IM_GROUP" : "IM_ROBOT",
    spaceId: group ?? staffId,
    extension: "{}",
    content: JSON.stringify({ cardPrivateData: { actionIds: ["run"], params } }),
  };
}

/** A file sent to the robot in a 1:1 chat. */
export function fileMessage(staffId: string, downloadCode: string, fileName: string, webhook: string) {
  return {
    ...robotMessage(staffId, "", { webhook }),
    msgtype: "file",
    text: undefined,
    content: { downloadCode, fileName },
  };
}
