import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { throughBuilders } from "./discord-builders.js";
import { LocalApi } from "./local-api.js";

export const DISCORD_TOKEN = "MTE4MDAwMDAwMDAwMDAwMDAwMQ.fake.token-for-tests";
export const APPLICATION_ID = "1180000000000000001";

export interface RestCall {
  method: string;
  path: string;
  /** The JSON body, or a multipart body's payload_json. */
  body: any;
  /** Names of the files of a multipart body. */
  files: string[];
}

/** Gateway opcodes (discord.com/developers/docs/topics/opcodes-and-status-codes#gateway). */
const OP = { dispatch: 0, heartbeat: 1, identify: 2, hello: 10, heartbeatAck: 11 } as const;
/** How long Discord waits for an interaction's first response. */
const INTERACTION_RESPONSE_MS = 3_000;
/** The gateway's close code for a bad token. */
const AUTHENTICATION_FAILED = 4004;

/**
 * A local stand-in for Discord: the REST API (the client's `rest.api` points at it), which records
 * every call and answers as Discord does (a test can queue a failure for a route), and the gateway,
 * a WebSocket that says hello, checks the token of an identify, sends READY, acknowledges
 * heartbeats and dispatches events as Discord does, so discord.js's own gateway code receives them.
 */
export class FakeDiscord extends LocalApi {
  readonly calls: RestCall[] = [];
  private readonly queued: { match: RegExp; status: number; body: unknown; headers?: Record<string, string> }[] = [];
  private messages = 0;
  /** Messages created, as Discord keeps them: by nonce, for enforce_nonce, and in order. */
  private readonly byNonce = new Map<string, any>();
  readonly created: { channel_id: string; id: string; nonce?: string }[] = [];
  /** Requests that are taken and then answered with a dropped connection: the poster never hears. */
  private readonly dropped: RegExp[] = [];
  private readonly sessions = new Set<WebSocket>();
  private sequence = 0;
  /** When each interaction was sent, and whether it has had its one initial response. */
  private readonly interactions = new Map<string, { sentAt: number; answered: boolean }>();

  static async start(): Promise<FakeDiscord> {
    const fake = await LocalApi.listen(new FakeDiscord());
    const gateway = new WebSocketServer({ server: fake.server, path: "/gateway" });
    gateway.on("connection", (socket) => fake.connect(socket));
    return fake;
  }

  get api(): string {
    return `${this.base}/api`;
  }

  private get gatewayUrl(): string {
    return `${this.base.replace(/^http/, "ws")}/gateway`;
  }

  private connect(socket: WebSocket): void {
    const send = (payload: object) => socket.send(JSON.stringify({ s: null, t: null, ...payload }));
    send({ op: OP.hello, d: { heartbeat_interval: 41_250 } });
    socket.on("message", (data) => {
      const { op, d } = JSON.parse(String(data)) as { op: number; d: any };
      if (op === OP.heartbeat) return send({ op: OP.heartbeatAck });
      if (op !== OP.identify) return;
      if (d.token !== DISCORD_TOKEN) return socket.close(AUTHENTICATION_FAILED, "Authentication failed.");
      this.sessions.add(socket);
      socket.on("close", () => this.sessions.delete(socket));
      const user = {
        id: APPLICATION_ID,
        username: "crm",
        discriminator: "0",
        global_name: null,
        avatar: null,
        bot: true,
      };
      const ready = {
        v: 10,
        user,
        guilds: [],
        session_id: "fake-session",
        resume_gateway_url: this.gatewayUrl,
        shard: [0, 1],
        application: { id: APPLICATION_ID, flags: 0 },
      };
      send({ op: OP.dispatch, t: "READY", s: ++this.sequence, d: ready });
    });
  }

  /** Sends an event to every identified session, as the gateway does. */
  dispatch(type: string, data: any): void {
    if (this.sessions.size === 0) throw new Error("no gateway session: has the client logged in?");
    if (type === "INTERACTION_CREATE") this.interactions.set(data.id, { sentAt: Date.now(), answered: false });
    for (const socket of this.sessions)
      socket.send(JSON.stringify({ op: OP.dispatch, t: type, s: ++this.sequence, d: data }));
  }

  override async close(): Promise<void> {
    for (const socket of this.sessions) socket.terminate();
    await super.close();
  }

  queue(match: RegExp, answer: { status: number; body: unknown; headers?: Record<string, string> }): void {
    this.queued.push({ match, ...answer });
  }

  /** The next request matching is carried out, and its answer lost (the connection drops). */
  dropAnswer(match: RegExp): void {
    this.dropped.push(match);
  }

  callsTo(match: RegExp): RestCall[] {
    return this.calls.filter((c) => match.test(`${c.method} ${c.path}`));
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, received: Buffer): Promise<void> {
    const raw = received.toString("utf8");
    const path = decodeURIComponent(new URL(req.url ?? "/", this.base).pathname).replace(/^\/api\/v\d+/, "");
    if (this.files.has(req.url ?? "")) {
      res.writeHead(200, { "content-type": "text/csv" });
      return void res.end(this.files.get(req.url ?? ""));
    }
    const type = req.headers["content-type"] ?? "";
    let body: any = {};
    const files: string[] = [];
    if (type.includes("multipart")) {
      const payload = /name="payload_json"[^\r\n]*\r\n(?:[^\r\n]+\r\n)*\r\n([\s\S]*?)\r\n--/.exec(raw);
      body = payload ? JSON.parse(payload[1]!) : {};
      for (const m of raw.matchAll(/name="files\[\d+\]"; filename="([^"]+)"/g)) files.push(m[1]!);
    } else if (raw) body = JSON.parse(raw);
    const method = req.method ?? "GET";
    this.calls.push({ method, path, body, files });
    const send = (status: number, answer: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, status === 204 ? headers : { "content-type": "application/json", ...headers });
      res.end(status === 204 ? undefined : JSON.stringify(answer));
    };
    const special = this.queued.findIndex((q) => q.match.test(`${method} ${path}`));
    if (special >= 0) {
      const [q] = this.queued.splice(special, 1);
      return send(q!.status, q!.body, q!.headers);
    }
    if (method === "GET" && path === "/gateway/bot") {
      return send(200, {
        url: this.gatewayUrl,
        shards: 1,
        session_start_limit: { total: 1000, remaining: 1000, reset_after: 0, max_concurrency: 1 },
      });
    }
    const callback = /^\/interactions\/(\d+)\/[^/]+\/callback/.exec(path);
    if (callback) {
      // Discord waits three seconds for an interaction's first response, and takes only one.
      const interaction = this.interactions.get(callback[1]!);
      if (!interaction || Date.now() - interaction.sentAt > INTERACTION_RESPONSE_MS)
        return send(404, { message: "Unknown interaction", code: 10062 });
      if (interaction.answered)
        return send(400, { message: "Interaction has already been acknowledged.", code: 40060 });
      interaction.answered = true;
      return send(204, null);
    }
    if (method === "POST" && path === "/users/@me/channels") return send(200, { id: "1180000000000009000", type: 1 });
    const message = {
      id: String(1180000000000009100n + BigInt(++this.messages)),
      channel_id: path.split("/")[2],
      content: "",
      embeds: body.embeds ?? [],
      components: body.components ?? [],
      attachments: [],
      author: { id: APPLICATION_ID, username: "crm", discriminator: "0", avatar: null },
      timestamp: new Date().toISOString(),
      edited_timestamp: null,
      tts: false,
      mention_everyone: false,
      mentions: [],
      mention_roles: [],
      pinned: false,
      type: 0,
    };
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/@original/.test(path)) return send(200, message);
    if (method === "GET" && /^\/channels\/\d+$/.test(path)) {
      return send(200, { id: path.split("/")[2], type: 0, guild_id: "1180000000000000100", name: "sales" });
    }
    if (method === "POST" && /^\/channels\/\d+\/messages$/.test(path)) {
      // With enforce_nonce, a second post of the same nonce (within minutes) returns the first message.
      const earlier = body.enforce_nonce && body.nonce !== undefined ? this.byNonce.get(String(body.nonce)) : undefined;
      const answer = earlier ?? { ...message, ...(body.nonce !== undefined ? { nonce: String(body.nonce) } : {}) };
      if (!earlier) {
        this.created.push({ channel_id: answer.channel_id, id: answer.id, nonce: answer.nonce });
        if (answer.nonce !== undefined) this.byNonce.set(answer.nonce, answer);
      }
      const drop = this.dropped.findIndex((d) => d.test(`${method} ${path}`));
      if (drop >= 0) {
        this.dropped.splice(drop, 1);
        return void res.socket?.destroy();
      }
      return send(200, answer);
    }
    if (/^\/channels\/\d+\/messages/.test(path))
      return send(200, method === "PATCH" ? { ...message, id: path.split("/")[4] } : message);
    if (method === "PUT" && /applications\/\d+(\/guilds\/\d+)?\/commands/.test(path)) {
      // Discord refuses the whole bulk registration when one command breaks its rules.
      try {
        for (const command of body) throughBuilders(command);
      } catch (error) {
        return send(400, {
          message: "Invalid Form Body",
          code: 50035,
          errors: { _errors: [{ code: "INVALID", message: String((error as Error).message).slice(0, 500) }] },
        });
      }
      return send(200, body);
    }
    return send(404, { message: "Unknown", code: 0 });
  }
}

const FIXTURES = join(PROJECT_ROOT, "test/fixtures/discord");

/** An interaction fixture, edited, sent through the gateway as Discord sends it. */
export function deliver(fake: FakeDiscord, fixture: string, edit: (payload: any) => void = () => {}): any {
  const payload = JSON.parse(readFileSync(join(FIXTURES, fixture), "utf8"));
  edit(payload);
  fake.dispatch("INTERACTION_CREATE", payload);
  return payload;
}
