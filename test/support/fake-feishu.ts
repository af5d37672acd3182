import { createCipheriv, createHash, randomBytes } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { WebSocketServer, type WebSocket } from "ws";
import { feishuSignature } from "../../src/platforms/feishu/http.js";
import { LocalApi } from "./local-api.js";

export const APP_ID = "cli_a1b2c3d4e5f60718";
export const APP_SECRET = "feishu-app-secret-for-tests";
export const TENANT = "2ed263bf32cf1651";
export const ENCRYPT_KEY = "feishu-encrypt-key-for-tests";
export const VERIFICATION_TOKEN = "feishu-verification-token";
const TENANT_TOKEN = "t-g1044ghJRUIJJ5ELPZ5HLX3M2ZQRE7TQ";

/** Feishu's documented limits the stand-in enforces, as the real OpenAPI refuses past them. */
const MAX_CARD_BYTES = 30 * 1024;
const MAX_CARD_ELEMENTS = 50;
const MAX_UUID = 50;
const CARD_TAGS = new Set(["div", "hr", "note", "action", "form", "img", "markdown", "column_set"]);
const FORM_TAGS = new Set(["input", "select_static", "date_picker", "button", "div"]);
const RECEIVE_ID_TYPES = new Set(["open_id", "user_id", "union_id", "email", "chat_id"]);
const MSG_TYPES = new Set(["text", "post", "image", "file", "audio", "media", "sticker", "interactive", "share_chat"]);

export interface FeishuMessage {
  message_id: string;
  receive_id_type: string;
  receive_id: string;
  msg_type: string;
  content: any;
  uuid?: string;
  /** The message it answers (im.message.reply). */
  reply_to?: string;
  /** Its content after each update (im.message.patch), in order. */
  patches: any[];
}

class Refused extends Error {
  constructor(
    readonly status: number,
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

/** What the real card JSON check refuses: an unknown tag, too many elements, too many bytes, a button with no text. */
export function checkCard(card: any): void {
  if (!card || typeof card !== "object" || !Array.isArray(card.elements))
    throw new Refused(400, 230099, "Failed to create card content");
  if (Buffer.byteLength(JSON.stringify(card)) > MAX_CARD_BYTES)
    throw new Refused(400, 230025, "The length of the message content reaches its limit");
  if (card.elements.length > MAX_CARD_ELEMENTS) throw new Refused(400, 230099, "card elements exceed limit");
  const text = (t: any) => t && t.tag === "plain_text" && typeof t.content === "string";
  const button = (b: any) => b.tag === "button" && text(b.text) && typeof b.value === "object";
  for (const e of card.elements) {
    if (!CARD_TAGS.has(e.tag)) throw new Refused(400, 230099, `unknown tag ${e.tag}`);
    if (e.tag === "div" && !(text(e.text) || Array.isArray(e.fields)))
      throw new Refused(400, 230099, "div needs text or fields");
    if (e.tag === "action" && !(Array.isArray(e.actions) && e.actions.length > 0 && e.actions.every(button)))
      throw new Refused(400, 230099, "action needs buttons");
    if (e.tag === "form") {
      for (const f of e.elements ?? []) if (!FORM_TAGS.has(f.tag)) throw new Refused(400, 230099, `${f.tag} in form`);
      const submit = (e.elements ?? []).filter((f: any) => f.action_type === "form_submit");
      if (submit.length !== 1 || !e.name) throw new Refused(400, 230099, "a form needs a name and one submit button");
    }
  }
  if (card.header && !text(card.header.title)) throw new Refused(400, 230099, "header needs a title");
}

// The long connection's frames (pbbp2.Frame), encoded by hand: a few varint and length-delimited fields.
interface Frame {
  seq: number;
  method: number;
  headers: Record<string, string>;
  payload: Buffer;
}
function varint(n: number): Buffer {
  const out: number[] = [];
  while (n > 0x7f) {
    out.push((n & 0x7f) | 0x80);
    n = Math.floor(n / 128);
  }
  out.push(n);
  return Buffer.from(out);
}
const field = (id: number, data: Buffer) => Buffer.concat([varint((id << 3) | 2), varint(data.length), data]);
export function encodeFrame(frame: Frame): Buffer {
  return Buffer.concat([
    varint(8),
    varint(frame.seq),
    varint(16),
    varint(0),
    varint(24),
    varint(1),
    varint(32),
    varint(frame.method),
    ...Object.entries(frame.headers).map(([k, v]) =>
      field(5, Buffer.concat([field(1, Buffer.from(k)), field(2, Buffer.from(v))])),
    ),
    field(8, frame.payload),
  ]);
}
/** A protobuf message's fields in order: varints as numbers, length-delimited ones as bytes. */
function fieldsOf(data: Buffer): [number, number | Buffer][] {
  const out: [number, number | Buffer][] = [];
  let at = 0;
  const read = () => {
    let n = 0;
    for (let shift = 1; ; shift *= 128) {
      const b = data[at++]!;
      n += (b & 0x7f) * shift;
      if (b < 0x80) return n;
    }
  };
  while (at < data.length) {
    const key = read();
    if ((key & 7) === 0) out.push([key >> 3, read()]);
    else {
      const length = read();
      out.push([key >> 3, data.subarray(at, at + length)]);
      at += length;
    }
  }
  return out;
}
export function decodeFrame(data: Buffer): Frame {
  const frame: Frame = { seq: 0, method: 0, headers: {}, payload: Buffer.alloc(0) };
  for (const [id, value] of fieldsOf(data)) {
    if (id === 1) frame.seq = value as number;
    if (id === 4) frame.method = value as number;
    if (id === 8) frame.payload = Buffer.from(value as Buffer);
    if (id === 5) {
      const header = new Map(fieldsOf(value as Buffer).map(([k, v]) => [k, String(v)]));
      frame.headers[header.get(1) ?? ""] = header.get(2) ?? "";
    }
  }
  return frame;
}

/** Encrypts an event as Feishu does with an Encrypt Key: AES-256-CBC, key sha256(Encrypt Key), IV first. */
export function encryptEvent(body: object, key = ENCRYPT_KEY): string {
  const iv = randomBytes(16);
  const cipher = createCipheriv("aes-256-cbc", createHash("sha256").update(key).digest(), iv);
  return Buffer.concat([iv, cipher.update(JSON.stringify(body), "utf8"), cipher.final()]).toString("base64");
}

/** The headers Feishu signs an event request with. */
export function signedHeaders(body: string, options: { key?: string; timestamp?: number } = {}) {
  const timestamp = String(options.timestamp ?? Math.floor(Date.now() / 1000));
  const nonce = randomBytes(8).toString("hex");
  return {
    "content-type": "application/json",
    "x-lark-request-timestamp": timestamp,
    "x-lark-request-nonce": nonce,
    "x-lark-signature": feishuSignature(timestamp, nonce, options.key ?? ENCRYPT_KEY, body),
  };
}

let events = 0;
/** An event in Feishu's v2.0 envelope, as it arrives. */
export function envelope<T extends object>(type: string, event: T, token = VERIFICATION_TOKEN) {
  events += 1;
  return {
    schema: "2.0",
    header: {
      event_id: `evt_${Date.now()}_${events}`,
      event_type: type,
      create_time: String(Date.now()),
      token,
      app_id: APP_ID,
      tenant_key: TENANT,
    },
    event,
  };
}

/** A text message to the bot, in a 1:1 chat or (with a mention of it) in a group. */
export function textMessage(openId: string, text: string, chat: { id: string; type: "p2p" | "group" }) {
  const mentioned = chat.type === "group";
  return envelope("im.message.receive_v1", {
    sender: { sender_id: { open_id: openId, union_id: `on_${openId}` }, sender_type: "user", tenant_key: TENANT },
    message: {
      message_id: `om_in_${events + 1}`,
      create_time: String(Date.now()),
      chat_id: chat.id,
      chat_type: chat.type,
      message_type: "text",
      content: JSON.stringify({ text: mentioned ? `@_user_1 ${text}` : text }),
      ...(mentioned
        ? { mentions: [{ key: "@_user_1", id: { open_id: "ou_bot" }, name: "客户管理", tenant_key: TENANT }] }
        : {}),
    },
  });
}

/** A button pressed or a form submitted on a card the bot sent. */
export function cardAction(openId: string, action: object, context: { message: string; chat: string }) {
  return envelope("card.action.trigger", {
    operator: { tenant_key: TENANT, open_id: openId, union_id: `on_${openId}` },
    token: `c-${randomBytes(8).toString("hex")}`,
    action: { tag: "button", ...action },
    host: "im_message",
    context: { open_message_id: context.message, open_chat_id: context.chat },
  });
}

/**
 * A local stand-in for Feishu's OpenAPI (the SDK's `domain` points at it): the tenant access
 * token, messages (create with uuid deduplication, reply, patch of shared cards), private cards in
 * groups, image and file uploads, message resources, the contact API, chat membership and the long
 * connection's endpoint and WebSocket, which pushes events in the SDK's frames and reads back its
 * answers. It refuses what Feishu refuses (a bad token, a malformed card, a chat the bot is not in,
 * a uuid over 50 characters) and can answer a route with a queued failure (a 429 with
 * `x-ogw-ratelimit-reset`).
 */
export class FakeFeishu extends LocalApi {
  readonly calls: { method: string; path: string; body: any }[] = [];
  readonly messages: FeishuMessage[] = [];
  readonly ephemerals: { chat_id: string; open_id: string; card: any }[] = [];
  readonly uploads: { kind: "image" | "file"; name: string; size: number }[] = [];
  /** Names the contact API tells; a user missing here is one the app may not read. */
  readonly users = new Map<string, string>();
  /** The app's owner the application API reports; unset, the app may not read it. */
  owner: string | undefined;
  /** Group chats the bot is in; 1:1 chats are every `oc_p2p_*`. */
  readonly groups = new Set<string>(["oc_group_sales"]);
  /** Messages withdrawn (or past the 14 days Feishu edits in): an update is refused. */
  readonly withdrawn = new Set<string>();
  /** Files in messages, by message id and file key. */
  readonly resources = new Map<string, Buffer>();
  private readonly queued: { match: RegExp; status: number; body: unknown; headers?: Record<string, string> }[] = [];
  private socket: WebSocket | undefined;
  private readonly answers = new Map<string, (payload: any) => void>();
  private frames = 0;

  static async start(): Promise<FakeFeishu> {
    const fake = await LocalApi.listen(new FakeFeishu());
    const ws = new WebSocketServer({ server: fake.server, path: "/ws" });
    ws.on("connection", (socket) => {
      fake.socket = socket;
      socket.on("message", (data) => {
        const frame = decodeFrame(data as Buffer);
        const answered = fake.answers.get(frame.headers.message_id ?? "");
        if (frame.method === 1 && answered) answered(JSON.parse(frame.payload.toString()));
      });
    });
    return fake;
  }

  queue(match: RegExp, answer: { status: number; body: unknown; headers?: Record<string, string> }): void {
    this.queued.push({ match, ...answer });
  }

  /** Whether a long connection is open. */
  get connected(): boolean {
    return this.socket?.readyState === 1;
  }

  /** Messages created or replied with, to a receiver. */
  sentTo(receiveId: string): FeishuMessage[] {
    return this.messages.filter((m) => m.receive_id === receiveId);
  }

  /** Pushes an event over the long connection; resolves with the SDK's answer (a callback's, decoded). */
  push(event: object): Promise<{ code: number; data?: any }> {
    if (!this.socket) throw new Error("no long connection");
    this.frames += 1;
    const id = `msg_${this.frames}`;
    const answered = new Promise<any>((resolve) => this.answers.set(id, resolve));
    this.socket.send(
      encodeFrame({
        seq: this.frames,
        method: 1,
        headers: { type: "event", message_id: id, sum: "1", seq: "0", trace_id: `trace_${this.frames}` },
        payload: Buffer.from(JSON.stringify(event)),
      }),
    );
    return answered.then((answer) => ({
      code: answer.code,
      ...(answer.data ? { data: JSON.parse(Buffer.from(answer.data, "base64").toString()) } : {}),
    }));
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, received: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", this.base);
    const method = req.method ?? "GET";
    const path = url.pathname;
    const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
      void res.writeHead(status, { "content-type": "application/json", ...headers }).end(JSON.stringify(body));
    const isJson = String(req.headers["content-type"] ?? "").startsWith("application/json");
    const body = isJson && received.length > 0 ? JSON.parse(received.toString()) : undefined;
    this.calls.push({ method, path, body });
    try {
      if (method === "POST" && path === "/callback/ws/endpoint") {
        if (body?.AppID !== APP_ID || body?.AppSecret !== APP_SECRET)
          return json(200, { code: 1000040345, msg: "system busy" });
        return json(200, {
          code: 0,
          data: {
            URL: `${this.base.replace(/^http/, "ws")}/ws?device_id=d1&service_id=1`,
            ClientConfig: { PingInterval: 120, ReconnectCount: -1, ReconnectInterval: 120, ReconnectNonce: 30 },
          },
        });
      }
      if (method === "POST" && path === "/open-apis/auth/v3/tenant_access_token/internal") {
        if (body?.app_id !== APP_ID || body?.app_secret !== APP_SECRET)
          return json(400, { code: 10014, msg: "app secret invalid" });
        return json(200, { code: 0, msg: "ok", tenant_access_token: TENANT_TOKEN, expire: 7200 });
      }
      if (req.headers.authorization !== `Bearer ${TENANT_TOKEN}`)
        throw new Refused(400, 99991663, "Invalid access token for authorization");
      const special = this.queued.findIndex((q) => q.match.test(`${method} ${path}`));
      if (special >= 0) {
        const [q] = this.queued.splice(special, 1);
        return json(q!.status, q!.body, q!.headers);
      }
      const data = await this.route(method, path, url, body, req, received);
      // A resource is the file itself; everything else Feishu wraps in code, msg and data.
      if (Buffer.isBuffer(data))
        return void res
          .writeHead(200, { "content-type": "application/octet-stream", "content-length": data.length })
          .end(data);
      return json(200, { code: 0, msg: "success", data });
    } catch (error) {
      if (error instanceof Refused) return json(error.status, { code: error.code, msg: error.message });
      throw error;
    }
  }

  private create(fields: Omit<FeishuMessage, "message_id" | "patches">): { message_id: string } {
    if (!fields.reply_to && !RECEIVE_ID_TYPES.has(fields.receive_id_type))
      throw new Refused(400, 99992402, "field validation failed");
    if (!MSG_TYPES.has(fields.msg_type)) throw new Refused(400, 230001, "invalid msg_type");
    if (fields.uuid && fields.uuid.length > MAX_UUID) throw new Refused(400, 99992402, "uuid is too long");
    if (
      fields.receive_id_type === "chat_id" &&
      !fields.receive_id.startsWith("oc_p2p_") &&
      !this.groups.has(fields.receive_id)
    )
      throw new Refused(400, 230002, "Bot/User can NOT be out of the chat.");
    // A second post with the same uuid within the hour is the first one.
    const same = fields.uuid ? this.messages.find((m) => m.uuid === fields.uuid) : undefined;
    if (same) return { message_id: same.message_id };
    if (fields.msg_type === "interactive") checkCard(fields.content);
    const message = { ...fields, message_id: `om_${this.messages.length + 1}`, patches: [] };
    this.messages.push(message);
    return { message_id: message.message_id };
  }

  private async route(
    method: string,
    path: string,
    url: URL,
    body: any,
    req: IncomingMessage,
    raw: Buffer,
  ): Promise<unknown> {
    const parse = (content: unknown) => {
      try {
        return JSON.parse(String(content));
      } catch {
        throw new Refused(400, 230001, "content is not a JSON string");
      }
    };
    if (method === "POST" && path === "/open-apis/im/v1/messages")
      return this.create({
        receive_id_type: url.searchParams.get("receive_id_type") ?? "",
        receive_id: body.receive_id,
        msg_type: body.msg_type,
        content: parse(body.content),
        ...(body.uuid ? { uuid: body.uuid } : {}),
      });
    const reply = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/reply$/.exec(path);
    if (method === "POST" && reply)
      return this.create({
        receive_id_type: "message_id",
        receive_id: reply[1]!,
        reply_to: reply[1]!,
        msg_type: body.msg_type,
        content: parse(body.content),
      } as never);
    const patch = /^\/open-apis\/im\/v1\/messages\/([^/]+)$/.exec(path);
    if (method === "PATCH" && patch) {
      const message = this.messages.find((m) => m.message_id === patch[1]);
      if (!message || this.withdrawn.has(message.message_id))
        throw new Refused(400, 230011, "The message was withdrawn or does not exist.");
      if (message.msg_type !== "interactive" || !message.content.config?.update_multi)
        throw new Refused(400, 230031, "Only shared cards (update_multi) can be updated.");
      const card = parse(body.content);
      checkCard(card);
      message.patches.push(card);
      return {};
    }
    if (method === "POST" && path === "/open-apis/ephemeral/v1/send") {
      if (!this.groups.has(body.chat_id)) throw new Refused(400, 230002, "Bot/User can NOT be out of the chat.");
      if (body.msg_type !== "interactive") throw new Refused(400, 230001, "only cards may be ephemeral");
      checkCard(body.card);
      this.ephemerals.push({ chat_id: body.chat_id, open_id: body.open_id, card: body.card });
      return { message_id: `om_eph_${this.ephemerals.length}` };
    }
    if (method === "POST" && (path === "/open-apis/im/v1/images" || path === "/open-apis/im/v1/files")) {
      const form = await new Response(raw, {
        headers: { "content-type": String(req.headers["content-type"]) },
      }).formData();
      const file = (form.get("image") ?? form.get("file")) as File | null;
      if (!file || file.size === 0) throw new Refused(400, 234001, "Invalid request param.");
      const kind = path.endsWith("images") ? "image" : "file";
      this.uploads.push({ kind, name: String(form.get("file_name") ?? file.name), size: file.size });
      return kind === "image"
        ? { image_key: `img_v3_${this.uploads.length}` }
        : { file_key: `file_v3_${this.uploads.length}` };
    }
    const resource = /^\/open-apis\/im\/v1\/messages\/([^/]+)\/resources\/([^/]+)$/.exec(path);
    if (method === "GET" && resource) {
      const data = this.resources.get(`${resource[1]}/${resource[2]}`);
      if (!data) throw new Refused(400, 234003, "File not in msg.");
      return data;
    }
    const user = /^\/open-apis\/contact\/v3\/users\/([^/]+)$/.exec(path);
    if (method === "GET" && user) {
      const name = this.users.get(user[1]!);
      if (!name) throw new Refused(400, 41050, "no user authority error");
      return { user: { open_id: user[1], name } };
    }
    const app = /^\/open-apis\/application\/v6\/applications\/([^/]+)$/.exec(path);
    if (method === "GET" && app) {
      if (app[1] !== APP_ID || !this.owner)
        throw new Refused(400, 99991672, "Access denied: application:application:self_manage");
      return { app: { app_id: APP_ID, owner: { type: 2, owner_id: this.owner, name: "王伟" } } };
    }
    const member = /^\/open-apis\/im\/v1\/chats\/([^/]+)\/members\/is_in_chat$/.exec(path);
    if (method === "GET" && member) {
      if (!member[1]!.startsWith("oc_")) throw new Refused(400, 232011, "The chat_id is invalid.");
      return { is_in_chat: this.groups.has(member[1]!) };
    }
    throw new Refused(404, 404, `no such route ${method} ${path}`);
  }
}
