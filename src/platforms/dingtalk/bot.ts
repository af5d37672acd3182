import { DWClient, type DWClientDownStream, TOPIC_CARD, TOPIC_ROBOT } from "dingtalk-stream";
import type { Inbound } from "../../application/inbound/handle.js";
import type { Logger } from "../../logger.js";
import { DingTalkApi } from "./api.js";
import { type CardCallbackEvent, dingtalkHandlers, type RobotMessageEvent } from "./app.js";

export interface DingTalkOptions {
  clientId: string;
  clientSecret: string;
  /** The robot that answers (its robotCode; an internal app's robot has the app's key). */
  robotCode: string;
  /** The OpenAPI's base URL, the Stream gateway's included: DingTalk's, a proxy's, a test's stand-in. */
  apiUrl: string;
  /** The older OpenAPI host, for media uploads. */
  oapiUrl: string;
  /** The largest file sent to the robot that it downloads (the access issue's cap). */
  maxFileBytes: number;
  /** The card template alerts are posted with; none: robot messages. */
  cardTemplateId?: string | undefined;
}

export interface DingTalkBot {
  api: DingTalkApi;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** How long starting waits for the Stream connection before going on without it. */
const CONNECT_WAIT_MS = 15_000;

/**
 * The SDK's Stream client, asking for its endpoint at `apiUrl`: the SDK hard-codes DingTalk's
 * gateway in getEndpoint(), which it calls again on every reconnect, so the override holds for
 * those too.
 */
class StreamClient extends DWClient {
  constructor(
    options: { clientId: string; clientSecret: string },
    private readonly apiUrl: string,
  ) {
    super({ ...options, keepAlive: true });
  }

  override async getEndpoint(): Promise<this> {
    const response = await fetch(`${this.apiUrl}/v1.0/gateway/connections/open`, {
      method: "POST",
      headers: { "content-type": "application/json", accept: "application/json" },
      body: JSON.stringify({
        clientId: this.config.clientId,
        clientSecret: this.config.clientSecret,
        ua: "crm-chatops-bot",
        subscriptions: this.config.subscriptions,
      }),
      signal: AbortSignal.timeout(CONNECT_WAIT_MS),
    });
    const { endpoint, ticket } = (await response.json().catch(() => ({}))) as { endpoint?: string; ticket?: string };
    if (!response.ok || !endpoint || !ticket) throw new Error(`DingTalk's gateway refused: HTTP ${response.status}`);
    // The SDK connects to the URL it keeps here.
    (this as unknown as { dw_url: string }).dw_url = `${endpoint}?ticket=${encodeURIComponent(ticket)}`;
    return this;
  }
}

/**
 * DingTalk over Stream mode: no public URL. Robot messages and card button presses arrive as
 * CALLBACK frames, which the SDK does not acknowledge by itself: each is acknowledged at once,
 * before the database is touched.
 */
export function createDingTalkBot(deps: { options: DingTalkOptions; inbound: Inbound; logger: Logger }): DingTalkBot {
  const { options, inbound, logger } = deps;
  const api = new DingTalkApi(options);
  const client = new StreamClient({ clientId: options.clientId, clientSecret: options.clientSecret }, options.apiUrl);
  const handlers = dingtalkHandlers({ api, inbound, logger, maxFileBytes: options.maxFileBytes });
  /** Acknowledges a callback frame as it arrives, then hands its data on. */
  const listen = <T>(topic: string, ack: object, handle: (data: T, frameId: string, received: number) => void) =>
    client.registerCallbackListener(topic, (frame: DWClientDownStream) => {
      const received = performance.now();
      client.socketCallBackResponse(frame.headers.messageId, ack);
      try {
        handle(JSON.parse(frame.data) as T, frame.headers.messageId, received);
      } catch (err) {
        logger.warn({ err, topic }, "dingtalk: a callback could not be read");
      }
    });
  listen<RobotMessageEvent>(TOPIC_ROBOT, { status: "SUCCESS" }, (message, _frame, received) =>
    handlers.onMessage(message, received),
  );
  // An empty answer leaves the pressed card as it is: the command's answer comes as a message.
  listen<CardCallbackEvent>(TOPIC_CARD, {}, handlers.onCardPress);
  return {
    api,
    async start() {
      await client.connect();
      const until = Date.now() + CONNECT_WAIT_MS;
      while (!client.connected && Date.now() < until) await new Promise((r) => setTimeout(r, 100));
      if (client.connected) logger.info({ mode: "stream" }, "dingtalk connected");
      else logger.warn("dingtalk: the Stream connection is not up yet; it keeps trying");
    },
    async stop() {
      client.disconnect();
    },
  };
}
