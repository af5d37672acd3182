import { Client, EventDispatcher, LoggerLevel, WSClient } from "@larksuiteoapi/node-sdk";
import type { Inbound } from "../../application/inbound/handle.js";
import type { OperatorRoutes } from "../../application/operator-endpoints.js";
import type { Logger } from "../../logger.js";
import { FeishuApi } from "./api.js";
import { feishuHandlers } from "./app.js";
import { type FeishuHttpOptions, feishuHttpRoute } from "./http.js";

/** How long the app's owner is trusted before Feishu is asked again. */
const OWNER_TTL_MS = 60 * 60_000;
/** How long starting waits for the long connection before going on without it. */
const CONNECT_WAIT_MS = 15_000;

export interface FeishuOptions {
  appId: string;
  appSecret: string;
  /** The OpenAPI's base URL: Feishu's, Lark's, a private deployment's, a test's stand-in. */
  domain: string;
  /** Events over HTTP (webhooks) instead of the long connection. */
  http?: FeishuHttpOptions | undefined;
  /** The largest file sent to the bot that it downloads (the access issue's cap). */
  maxFileBytes: number;
}

export interface FeishuBot {
  api: FeishuApi;
  /** The HTTP route for events and callbacks, in HTTP mode. */
  route: OperatorRoutes | undefined;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/** The SDK logs through ours (its info lines at debug: they repeat the console's setup text). */
function sdkLogger(logger: Logger) {
  const child = logger.child({ platform: "feishu" });
  const line = (msg: unknown[]) => msg.map((m) => (typeof m === "string" ? m : JSON.stringify(m))).join(" ");
  return {
    error: (...msg: unknown[]) => child.error(line(msg)),
    warn: (...msg: unknown[]) => child.warn(line(msg)),
    info: (...msg: unknown[]) => child.debug(line(msg)),
    debug: (...msg: unknown[]) => child.debug(line(msg)),
    trace: (...msg: unknown[]) => child.trace(line(msg)),
  };
}

/**
 * The app's owner, asked once an hour: without the permission to read the app's information (or
 * when Feishu does not answer), nobody is vouched for and the claim code names the first admin.
 */
function appOwner(api: FeishuApi, appId: string, logger: Logger): () => Promise<string | undefined> {
  let asked: { at: number; owner: Promise<string | undefined> } | undefined;
  return () => {
    if (asked && Date.now() - asked.at < OWNER_TTL_MS) return asked.owner;
    const owner = api.appOwner(appId).catch((err: unknown) => {
      logger.debug({ err }, "feishu: reading the app's owner failed");
      return undefined;
    });
    asked = { at: Date.now(), owner };
    return owner;
  };
}

/**
 * Feishu (and Lark): the SDK's client for the OpenAPI, one dispatcher for events and card
 * callbacks, fed by the long connection (no public URL needed) or, in HTTP mode, by the route.
 */
export function createFeishuBot(deps: { options: FeishuOptions; inbound: Inbound; logger: Logger }): FeishuBot {
  const { options, inbound, logger } = deps;
  const common = {
    appId: options.appId,
    appSecret: options.appSecret,
    domain: options.domain,
    logger: sdkLogger(logger),
    loggerLevel: LoggerLevel.warn,
  };
  const api = new FeishuApi(new Client(common));
  const owner = appOwner(api, options.appId, logger);
  const dispatcher = new EventDispatcher({ logger: common.logger, loggerLevel: common.loggerLevel }).register(
    feishuHandlers({ api, inbound, logger, maxFileBytes: options.maxFileBytes, owner }) as never,
  );
  let ws: WSClient | undefined;
  return {
    api,
    route: options.http ? feishuHttpRoute(options.http, dispatcher, logger) : undefined,
    async start() {
      if (options.http) return void logger.info({ mode: "http" }, "feishu ready");
      // The connection keeps retrying by itself: the bot starts once it is up, or after a while without it.
      let waited: NodeJS.Timeout | undefined;
      await new Promise<void>((resolve) => {
        waited = setTimeout(() => {
          logger.warn("feishu: the long connection is not up yet; it keeps trying");
          resolve();
        }, CONNECT_WAIT_MS);
        ws = new WSClient({
          ...common,
          onReady: () => {
            logger.info({ mode: "long connection" }, "feishu connected");
            resolve();
          },
          onError: (error) => logger.error({ err: error }, "feishu: the long connection failed"),
        });
        void ws.start({ eventDispatcher: dispatcher });
      });
      clearTimeout(waited);
    },
    async stop() {
      ws?.close({ force: true });
    },
  };
}
