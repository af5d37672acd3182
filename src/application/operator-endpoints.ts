import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";
import type { Logger } from "../logger.js";
import type { Metrics } from "./metrics.js";

export const HEALTH_PATH = "/healthz";
export const METRICS_PATH = "/metrics";

/** A health check that waits longer than this for the database calls it down. */
const DATABASE_CHECK_MS = 2_000;

/**
 * Serves `/healthz` and `/metrics` from a request, and says whether it did, so that an HTTP
 * receiver of a platform (Slack's) can offer them beside its own paths. Neither answer holds any
 * workspace's data.
 */
export type OperatorRoutes = (req: IncomingMessage, res: ServerResponse) => boolean;

export function operatorRoutes(metrics: Metrics, databaseAnswers: () => Promise<unknown>): OperatorRoutes {
  return (req, res) => {
    const path = (req.url ?? "").split("?")[0];
    if (req.method !== "GET" || (path !== HEALTH_PATH && path !== METRICS_PATH)) return false;
    const answer =
      path === HEALTH_PATH
        ? health(databaseAnswers)
        : metrics.scrape().then(({ contentType, body }) => ({ status: 200, contentType, body }));
    answer
      .then(({ status, contentType, body }) => res.writeHead(status, { "content-type": contentType }).end(body))
      .catch(() => res.writeHead(500).end());
    return true;
  };
}

/** Several route sets on one port: the first that takes a request serves it. */
export function anyRoute(...routes: OperatorRoutes[]): OperatorRoutes {
  return (req, res) => routes.some((route) => route(req, res));
}

/** 200 when the process runs and its database answers a query in time; 503 otherwise. */
async function health(databaseAnswers: () => Promise<unknown>) {
  let timer: NodeJS.Timeout | undefined;
  const late = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new Error("timeout")), DATABASE_CHECK_MS);
  });
  const database = await Promise.race([databaseAnswers(), late]).then(
    () => "up" as const,
    () => "down" as const,
  );
  clearTimeout(timer);
  return {
    status: database === "up" ? 200 : 503,
    contentType: "application/json",
    body: JSON.stringify({ status: database === "up" ? "ok" : "unavailable", database }),
  };
}

/** An HTTP server of its own for the operator's paths (`METRICS_PORT`), where no platform serves HTTP. */
export async function startOperatorServer(
  port: number,
  routes: OperatorRoutes,
  logger: Logger,
): Promise<{ port: number; stop(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    if (!routes(req, res)) res.writeHead(404).end();
  });
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(port, resolve);
  });
  const listening = (server.address() as AddressInfo).port;
  logger.info({ port: listening }, "health and metrics served");
  return {
    port: listening,
    stop: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
