import { readFileSync } from "node:fs";
import type { IncomingMessage, ServerResponse } from "node:http";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import type { Client } from "discord.js";
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

/**
 * A local HTTP server standing in for Discord's REST API (the client's `rest.api` points at it):
 * it records every call and answers as Discord does; a test can queue a failure for a route.
 */
export class FakeDiscord extends LocalApi {
  readonly calls: RestCall[] = [];
  private readonly queued: { match: RegExp; status: number; body: unknown; headers?: Record<string, string> }[] = [];
  private messages = 0;

  static start(): Promise<FakeDiscord> {
    return LocalApi.listen(new FakeDiscord());
  }

  get api(): string {
    return `${this.base}/api`;
  }

  queue(match: RegExp, answer: { status: number; body: unknown; headers?: Record<string, string> }): void {
    this.queued.push({ match, ...answer });
  }

  callsTo(match: RegExp): RestCall[] {
    return this.calls.filter((c) => match.test(`${c.method} ${c.path}`));
  }

  protected async handle(req: IncomingMessage, res: ServerResponse, received: Buffer): Promise<void> {
    const raw = received.toString("utf8");
    const path = (req.url ?? "").replace(/^\/api\/v\d+/, "");
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
    if (/^\/interactions\/\d+\/[^/]+\/callback/.test(path)) return send(204, null);
    if (method === "POST" && path === "/users/@me/channels") return send(200, { id: "1180000000000009000", type: 1 });
    const message = { id: String(1180000000000009100 + ++this.messages), channel_id: path.split("/")[2], content: "", embeds: body.embeds ?? [], components: body.components ?? [], attachments: [], author: { id: APPLICATION_ID, username: "crm", discriminator: "0", avatar: null }, timestamp: new Date().toISOString(), edited_timestamp: null, tts: false, mention_everyone: false, mentions: [], mention_roles: [], pinned: false, type: 0 };
    if (/^\/webhooks\/\d+\/[^/]+\/messages\/@original/.test(path)) return send(200, message);
    if (/^\/channels\/\d+\/messages/.test(path)) return send(200, method === "PATCH" ? { ...message, id: path.split("/")[4] } : message);
    if (method === "PUT" && /applications\/\d+(\/guilds\/\d+)?\/commands/.test(path)) {
      // Discord refuses the whole bulk registration when one command breaks its rules.
      try {
        for (const command of body) throughBuilders(command);
      } catch (error) {
        return send(400, { message: "Invalid Form Body", code: 50035, errors: { _errors: [{ code: "INVALID", message: String((error as Error).message).slice(0, 500) }] } });
      }
      return send(200, body);
    }
    return send(404, { message: "Unknown", code: 0 });
  }
}

const require = createRequire(import.meta.url);
/** discord.js's own gateway handler for INTERACTION_CREATE: what runs when Discord sends one. */
const interactionCreate = require(join(dirname(require.resolve("discord.js")), "client/websocket/handlers/INTERACTION_CREATE.js")) as (client: Client, packet: { d: unknown }) => void;

const FIXTURES = join(PROJECT_ROOT, "test/fixtures/discord");

/** An interaction fixture, edited, delivered to the client as the gateway delivers it. */
export function deliver(client: Client, fixture: string, edit: (payload: any) => void = () => {}): any {
  const payload = JSON.parse(readFileSync(join(FIXTURES, fixture), "utf8"));
  edit(payload);
  interactionCreate(client, { d: payload });
  return payload;
}
