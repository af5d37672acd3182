import { createHash, timingSafeEqual } from "node:crypto";
import type { IncomingMessage, ServerResponse } from "node:http";
import { AESCipher, type EventDispatcher } from "@larksuiteoapi/node-sdk";
import type { OperatorRoutes } from "../../application/operator-endpoints.js";
import type { Logger } from "../../logger.js";

export const FEISHU_EVENTS_PATH = "/feishu/events";
/** A signed request older or newer than this is a replay, not a clock skew (Slack's window too). */
const MAX_CLOCK_SKEW_S = 5 * 60;
/** Events and callbacks are small JSON; anything larger is not from Feishu. */
const MAX_BODY_BYTES = 1024 * 1024;

export interface FeishuHttpOptions {
  encryptKey: string;
  verificationToken: string;
}

/** Feishu's signature of a request (open.feishu.cn, event security): sha256 of timestamp, nonce, key and the raw body. */
export function feishuSignature(timestamp: string, nonce: string, encryptKey: string, body: string): string {
  return createHash("sha256")
    .update(timestamp + nonce + encryptKey + body)
    .digest("hex");
}

/** A request's body (decrypted) as far as the route reads it: the token, and the URL check's fields. */
interface FeishuRequest {
  type?: string;
  token?: string;
  challenge?: string;
  header?: { token?: string };
}

const sameText = (a: string, b: string) => a.length === b.length && timingSafeEqual(Buffer.from(a), Buffer.from(b));

async function readBody(req: IncomingMessage): Promise<string | undefined> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).byteLength;
    if (size > MAX_BODY_BYTES) return undefined;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString("utf8");
}

/**
 * Events and card callbacks over HTTP at `/feishu/events`: each body is decrypted and its
 * verification token compared; each event's signature is checked on the raw body, with the
 * timestamp's window, and only then handed to the same dispatcher the long connection uses. The
 * URL check Feishu makes when the address is saved (which it does not sign) is answered with its
 * challenge.
 */
export function feishuHttpRoute(
  options: FeishuHttpOptions,
  dispatcher: EventDispatcher,
  logger: Logger,
): OperatorRoutes {
  const cipher = new AESCipher(options.encryptKey);
  const refuse = (res: ServerResponse, status: number, why: string) => {
    logger.warn({ status, why }, "feishu: request refused");
    res.writeHead(status).end();
  };
  const handle = async (req: IncomingMessage, res: ServerResponse) => {
    const body = await readBody(req);
    if (body === undefined) return refuse(res, 413, "body too large");
    let data: FeishuRequest;
    try {
      const outer = JSON.parse(body) as { encrypt?: string };
      data = (outer.encrypt ? JSON.parse(cipher.decrypt(outer.encrypt)) : outer) as FeishuRequest;
    } catch {
      return refuse(res, 400, "not an event");
    }
    const token = data.header?.token ?? data.token;
    if (typeof token !== "string" || !sameText(token, options.verificationToken))
      return refuse(res, 401, "bad verification token");
    // Saving the address in the console: answered with the challenge (unsigned; within 1 second).
    if (data.type === "url_verification") {
      res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify({ challenge: data.challenge }));
      return;
    }
    const header = (name: string) => String(req.headers[name] ?? "");
    const timestamp = header("x-lark-request-timestamp");
    const signature = header("x-lark-signature");
    const expected = feishuSignature(timestamp, header("x-lark-request-nonce"), options.encryptKey, body);
    if (!signature || !sameText(signature, expected)) return refuse(res, 401, "bad signature");
    if (!(Math.abs(Date.now() / 1000 - Number(timestamp)) <= MAX_CLOCK_SKEW_S))
      return refuse(res, 401, "stale timestamp");
    const answer = await dispatcher.invoke(data, { needCheck: false });
    res.writeHead(200, { "content-type": "application/json" }).end(JSON.stringify(answer ?? {}));
  };
  return (req, res) => {
    if (req.method !== "POST" || (req.url ?? "").split("?")[0] !== FEISHU_EVENTS_PATH) return false;
    handle(req, res).catch((err: unknown) => {
      logger.error({ err }, "feishu: handling a request failed");
      if (!res.headersSent) res.writeHead(500).end();
    });
    return true;
  };
}
