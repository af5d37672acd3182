import { createHmac } from "node:crypto";
import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { join } from "node:path";
import { WebSocketServer, type WebSocket } from "ws";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { LocalApi } from "./local-api.js";

export const SIGNING_SECRET = "8f742231b10e8888abcd99yyyzzz85a5";
export const BOT_TOKEN = "xoxb-1234-5678-test";
const RESPONSE_URL_USES = 5;

export interface ApiCall {
  method: string;
  body: Record<string, unknown>;
  /** The token the call was made with (its Authorization header). */
  token: string | undefined;
}

/** The workspaces the OAuth stand-in installs into, by the code its authorize page hands out. */
export const OAUTH_INSTALLS: Record<
  string,
  { team: string; name: string; token: string; installer: string; enterprise?: string }
> = {
  "code-a": { team: "T0002AAA", name: "华达北区", token: "xoxb-team-a-0001", installer: "U0INSTALLA" },
  "code-b": { team: "T0003BBB", name: "华达南区", token: "xoxb-team-b-0002", installer: "U0INSTALLB" },
  // An Enterprise Grid organisation installing org-wide: the install names no team.
  "code-org": {
    team: "T0004ORG",
    name: "华达集团",
    token: "xoxb-org-0003",
    installer: "U0INSTALLO",
    enterprise: "E0HUADA",
  },
};

/** What a Socket Mode app sent back for an envelope: its acknowledgement, and when it came. */
export interface SocketAck {
  payload: Record<string, any>;
  ms: number;
}

/**
 * A local HTTP server standing in for Slack: the Web API (via SLACK_API_URL), the response URLs
 * of slash commands and buttons, file downloads and uploads, and Socket Mode's WebSocket (the URL
 * apps.connections.open hands out), which says hello and sends envelopes as Slack does. It records
 * every call; a test can queue special answers (an error, a 429 with Retry-After) for a method.
 */
export class FakeSlack extends LocalApi {
  readonly calls: ApiCall[] = [];
  /** JSON as Slack would receive it. */
  readonly responses: { path: string; body: Record<string, any> }[] = [];
  readonly uploads: { path: string; size: number }[] = [];
  /** The files the bot fetched (their paths). */
  readonly downloads: string[] = [];
  private readonly queued = new Map<string, { status: number; headers?: Record<string, string>; body: unknown }[]>();
  private posted = 0;

  private socket: WebSocket | undefined;
  private readonly acks = new Map<string, (payload: Record<string, any>) => void>();
  private envelopes = 0;

  /**
   * Channels as the bot sees them, by id; one not listed is a public channel the bot is in.
   * C0PRIVATE is a private channel the bot was not invited to, C0OUTSIDE a public one it is not in.
   */
  private readonly channels = new Map<string, { isPrivate: boolean; member: boolean; archived?: boolean }>([
    ["C0PRIVATE", { isPrivate: true, member: false }],
    ["C0OUTSIDE", { isPrivate: false, member: false }],
  ]);
  /** Every message Slack took from the bot, in order, as it keeps them (with their metadata). */
  readonly posts: { channel: string; ts: string; text: string; metadata?: Record<string, any> }[] = [];
  /**
   * Called once a post has been taken and before it is answered: a test can kill the process that
   * posted here, leaving a message Slack has that the poster never heard of.
   */
  onPost: ((post: FakeSlack["posts"][number]) => void | Promise<void>) | undefined;

  /** When each channel last took a post, for the per-channel limit. */
  private readonly lastPost = new Map<string, number>();
  /** How many posts the per-channel limit refused with 429. */
  rateLimited = 0;

  private constructor(
    private readonly responseUrlUses: number,
    private readonly postIntervalMs: number,
  ) {
    super();
  }

  /**
   * `responseUrlUses`: how many answers a response URL takes (Slack: five); a load test replaying
   * bodies lifts it. `postIntervalMs`: chat.postMessage to one channel closer together than this
   * is refused with 429 and Retry-After, as Slack refuses more than about one a second.
   */
  static async start(options: { responseUrlUses?: number; postIntervalMs?: number } = {}): Promise<FakeSlack> {
    const fake = await LocalApi.listen(
      new FakeSlack(options.responseUrlUses ?? RESPONSE_URL_USES, options.postIntervalMs ?? 0),
    );
    const sockets = new WebSocketServer({ server: fake.server, path: "/socket" });
    sockets.on("connection", (socket) => fake.connect(socket));
    return fake;
  }

  private connect(socket: WebSocket): void {
    this.socket = socket;
    socket.on("message", (data) => {
      const { envelope_id: id, payload } = JSON.parse(String(data)) as {
        envelope_id: string;
        payload?: Record<string, any>;
      };
      this.acks.get(id)?.(payload ?? {});
    });
    socket.send(
      JSON.stringify({
        type: "hello",
        num_connections: 1,
        debug_info: { host: "fake-slack", approximate_connection_time: 18060 },
        connection_info: { app_id: "A123456" },
      }),
    );
  }

  /** Whether a Socket Mode app is connected. */
  get socketOpen(): boolean {
    return this.socket?.readyState === 1;
  }

  /**
   * Sends an envelope over Socket Mode (type slash_commands, interactive or events_api) and
   * resolves with the app's acknowledgement; Slack waits three seconds for it.
   */
  sendEnvelope(
    type: "slash_commands" | "interactive" | "events_api",
    payload: Record<string, unknown>,
    ms = 3_000,
  ): Promise<SocketAck> {
    if (!this.socket) throw new Error("no Socket Mode connection");
    const id = `env-${++this.envelopes}`;
    const started = Date.now();
    return new Promise((resolve, reject) => {
      const timer = setTimeout(
        () => reject(new Error(`envelope ${id} (${type}) was not acknowledged within ${ms} ms`)),
        ms,
      );
      this.acks.set(id, (answer) => {
        clearTimeout(timer);
        resolve({ payload: answer, ms: Date.now() - started });
      });
      this.socket!.send(
        JSON.stringify({
          envelope_id: id,
          type,
          payload,
          accepts_response_payload: type !== "events_api",
          retry_attempt: 0,
          retry_reason: "",
        }),
      );
    });
  }

  override async close(): Promise<void> {
    this.socket?.terminate();
    await super.close();
  }

  get apiUrl(): string {
    return `${this.base}/api/`;
  }

  /** Sets how the bot stands in a channel: `member: true` is the bot being invited. */
  channel(id: string, state: { isPrivate?: boolean; member: boolean; archived?: boolean }): void {
    this.channels.set(id, { isPrivate: state.isPrivate ?? this.channels.get(id)?.isPrivate ?? false, ...state });
  }

  /** The next call of `method` gets this answer instead of the usual one. */
  queue(method: string, answer: { status: number; headers?: Record<string, string>; body: unknown }): void {
    this.queued.set(method, [...(this.queued.get(method) ?? []), answer]);
  }

  callsOf(method: string): Record<string, unknown>[] {
    return this.calls.filter((c) => c.method === method).map((c) => c.body);
  }

  /** Files served for download (see serveFile) stand for url_private_download, behind the bot token. */
  protected async handle(req: IncomingMessage, res: ServerResponse, raw: Buffer): Promise<void> {
    const url = new URL(req.url ?? "/", this.base);
    const send = (status: number, body: unknown, headers: Record<string, string> = {}) => {
      res.writeHead(status, { "content-type": "application/json", ...headers });
      res.end(JSON.stringify(body));
    };
    if (url.pathname.startsWith("/respond/")) {
      // A response URL takes five messages (api.slack.com/interactivity/handling#message_responses).
      const uses = this.responses.filter((r) => r.path === url.pathname).length;
      if (uses >= this.responseUrlUses) return send(404, { ok: false, error: "used_url" });
      this.responses.push({ path: url.pathname, body: JSON.parse(raw.toString("utf8")) });
      return send(200, { ok: true });
    }
    if (url.pathname.startsWith("/upload/")) {
      this.uploads.push({ path: url.pathname, size: raw.length });
      return send(200, { ok: true });
    }
    if (url.pathname.startsWith("/files-pri/")) {
      this.downloads.push(url.pathname);
      if (!this.files.has(url.pathname)) return send(404, { ok: false, error: "file_not_found" });
      if (req.headers.authorization !== `Bearer ${BOT_TOKEN}`) return send(403, { ok: false });
      res.writeHead(200, { "content-type": "text/csv" });
      return void res.end(this.files.get(url.pathname));
    }
    const method = url.pathname.replace(/^\/api\//, "");
    const type = req.headers["content-type"] ?? "";
    const body = type.includes("json")
      ? JSON.parse(raw.toString("utf8") || "{}")
      : Object.fromEntries(new URLSearchParams(raw.toString("utf8")));
    for (const [key, value] of Object.entries(body)) {
      // The Web API client sends blocks and the like as JSON strings in form bodies.
      if (typeof value === "string" && /^[[{]/.test(value)) {
        try {
          body[key] = JSON.parse(value);
        } catch {
          /* a plain string */
        }
      }
    }
    const token = req.headers.authorization?.replace(/^Bearer /, "") ?? (body.token as string | undefined);
    this.calls.push({ method, body, token });
    const special = this.queued.get(method)?.shift();
    if (special) return send(special.status, special.body, special.headers);
    switch (method) {
      case "oauth.v2.access": {
        const install = OAUTH_INSTALLS[String(body.code)];
        if (!install || !String(body.client_secret)) return send(200, { ok: false, error: "invalid_code" });
        return send(200, {
          ok: true,
          app_id: "A123456",
          authed_user: { id: install.installer, scope: "", access_token: undefined, token_type: "user" },
          scope: "commands,chat:write",
          token_type: "bot",
          access_token: install.token,
          bot_user_id: "U0BOT",
          team: install.enterprise ? null : { id: install.team, name: install.name },
          enterprise: install.enterprise ? { id: install.enterprise, name: install.name } : null,
          is_enterprise_install: Boolean(install.enterprise),
        });
      }
      case "apps.connections.open":
        return send(200, { ok: true, url: `${this.base.replace(/^http/, "ws")}/socket` });
      case "auth.test":
        return send(200, {
          ok: true,
          url: "https://huada-sales.slack.com/",
          team: "huada-sales",
          user: "crm",
          team_id: "T0001CRM",
          user_id: "U0BOT",
          bot_id: "B0001",
        });
      case "users.info":
        // U0GUEST is a single-channel guest, U0OTHERORG someone of another organisation in a shared channel.
        return send(200, {
          ok: true,
          user: {
            id: body.user,
            team_id:
              body.user === "U0OTHERORG"
                ? "T0OTHERORG"
                : (Object.values(OAUTH_INSTALLS).find((i) => i.token === token)?.team ?? "T0001CRM"),
            name: "wangwei",
            real_name: "王伟",
            locale: "zh-CN",
            profile: { display_name: "王伟" },
            ...(body.user === "U0GUEST" ? { is_restricted: true, is_ultra_restricted: true } : {}),
          },
        });
      case "conversations.info": {
        const channel = String(body.channel);
        const state = this.channels.get(channel) ?? { isPrivate: false, member: true };
        // A private channel is invisible to the bot until it is invited.
        if (state.isPrivate && !state.member) return send(200, { ok: false, error: "channel_not_found" });
        return send(200, { ok: true, channel: { id: channel, is_channel: !state.isPrivate, is_member: state.member } });
      }
      case "conversations.join": {
        const channel = String(body.channel);
        const state = this.channels.get(channel) ?? { isPrivate: false, member: true };
        if (state.isPrivate) {
          const error = state.member ? "method_not_supported_for_channel_type" : "channel_not_found";
          return send(200, { ok: false, error });
        }
        if (state.archived) return send(200, { ok: false, error: "is_archived" });
        this.channels.set(channel, { ...state, member: true });
        return send(200, { ok: true, channel: { id: channel, is_member: true } });
      }
      case "conversations.history": {
        const channel = String(body.channel);
        const withMetadata = String(body.include_all_metadata) === "true";
        const messages = this.posts
          .filter((p) => p.channel === channel)
          .reverse()
          .slice(0, Number(body.limit ?? 100))
          .map((p) => ({
            type: "message",
            ts: p.ts,
            text: p.text,
            ...(withMetadata && p.metadata ? { metadata: p.metadata } : {}),
          }));
        return send(200, { ok: true, messages, has_more: false });
      }
      case "conversations.open":
        return send(200, { ok: true, channel: { id: "D0123456789" } });
      case "chat.postMessage": {
        const channel = String(body.channel);
        const state = this.channels.get(channel) ?? { isPrivate: false, member: true };
        if (!state.member)
          return send(200, { ok: false, error: state.isPrivate ? "channel_not_found" : "not_in_channel" });
        if (state.archived) return send(200, { ok: false, error: "is_archived" });
        const since = Date.now() - (this.lastPost.get(channel) ?? Number.NEGATIVE_INFINITY);
        if (since < this.postIntervalMs) {
          this.rateLimited++;
          const retryAfter = Math.max(1, Math.ceil((this.postIntervalMs - since) / 1000));
          return send(429, { ok: false, error: "ratelimited" }, { "retry-after": String(retryAfter) });
        }
        this.lastPost.set(channel, Date.now());
        const post = {
          channel: channel.startsWith("U") ? "D0123456789" : channel,
          ts: `1732510100.00${++this.posted}`,
          text: String(body.text ?? ""),
          ...(body.metadata ? { metadata: body.metadata as Record<string, any> } : {}),
        };
        this.posts.push(post);
        await this.onPost?.(post);
        return send(200, { ok: true, channel: post.channel, ts: post.ts });
      }
      case "chat.update":
        return send(200, { ok: true, channel: body.channel, ts: body.ts });
      case "files.getUploadURLExternal":
        return send(200, {
          ok: true,
          upload_url: `${this.base}/upload/${body.filename}`,
          file_id: `F${this.uploads.length + 1}`,
        });
      case "files.completeUploadExternal":
        return send(200, { ok: true, files: [{ id: "F1" }] });
      case "views.publish": {
        // api.slack.com/methods/views.publish: a home view of at most 100 blocks, for a user.
        const view = body.view as { type?: string; blocks?: { type?: string }[] } | undefined;
        const blocks = view?.blocks;
        if (!body.user_id || view?.type !== "home" || !Array.isArray(blocks) || blocks.length > 100)
          return send(200, { ok: false, error: "invalid_arguments" });
        if (blocks.some((b) => !b.type)) return send(200, { ok: false, error: "invalid_blocks" });
        return send(200, { ok: true, view: { id: "V0HOME", type: "home" } });
      }
      default:
        return send(200, { ok: true });
    }
  }
}

/** A request signed as Slack signs it (api.slack.com/authentication/verifying-requests-from-slack). */
export function signed(body: string, options: { timestamp?: number; secret?: string } = {}) {
  const timestamp = options.timestamp ?? Math.floor(Date.now() / 1000);
  const signature = `v0=${createHmac("sha256", options.secret ?? SIGNING_SECRET)
    .update(`v0:${timestamp}:${body}`)
    .digest("hex")}`;
  return { "x-slack-request-timestamp": String(timestamp), "x-slack-signature": signature };
}

const FIXTURES = join(PROJECT_ROOT, "test/fixtures/slack");

let commandsSent = 0;

/** The slash-command fixture with the given command, text and user, its response URL pointed at the fake (at `/respond/<tag>`, new for each command unless given). */
export function slashCommandBody(
  fake: FakeSlack,
  command: string,
  text: string,
  user = "U2147483697",
  tag = `${encodeURIComponent(command)}-${++commandsSent}`,
): string {
  const params = new URLSearchParams(readFileSync(join(FIXTURES, "slash-command.txt"), "utf8").trim());
  params.set("command", command);
  params.set("text", text);
  params.set("user_id", user);
  params.set("response_url", `${fake.base}/respond/${tag}`);
  return params.toString();
}

/** An interaction fixture (block_actions, view_submission) as the form body Slack posts. */
export function interactionBody(name: string, edit: (payload: Record<string, any>) => void = () => {}): string {
  const payload = JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));
  edit(payload);
  return new URLSearchParams({ payload: JSON.stringify(payload) }).toString();
}

export function eventBody(name: string, edit: (payload: Record<string, any>) => void = () => {}): string {
  const payload = JSON.parse(readFileSync(join(FIXTURES, name), "utf8"));
  edit(payload);
  return JSON.stringify(payload);
}
