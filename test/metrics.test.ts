import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchOutbox } from "../src/application/dispatcher.js";
import type { InboundEvent } from "../src/application/inbound/event.js";
import type { Inbound } from "../src/application/inbound/handle.js";
import { Metrics, outboxBacklog } from "../src/application/metrics.js";
import { operatorRoutes, startOperatorServer } from "../src/application/operator-endpoints.js";
import type { Reply } from "../src/core/reply.js";
import { repositoriesOf } from "../src/db/client.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import type { NotificationView } from "../src/domain/notifications.js";
import { createLogger } from "../src/logger.js";
import { enqueueMany } from "../src/outbound/outbox.js";
import { DeliveryRefused } from "../src/outbound/port.js";
import { testProviders } from "./support/databases.js";
import { Harness, type TestUser } from "./support/harness.js";

/** One sample of a scrape, by its name and exact labels; undefined when absent. */
function sample(scrape: string, name: string, labels: Record<string, string>): number | undefined {
  const wanted = Object.entries(labels)
    .map(([k, v]) => `${k}="${v}"`)
    .sort();
  for (const line of scrape.split("\n")) {
    const match = /^(\w+)\{([^}]*)\} (\S+)$/.exec(line);
    if (!match || match[1] !== name) continue;
    const have = match[2]!.split(",").sort();
    if (have.length === wanted.length && have.every((l, i) => l === wanted[i])) return Number(match[3]);
  }
  return undefined;
}

// What operators watch: /healthz and /metrics (Prometheus, through prom-client) on a port of their
// own (METRICS_PORT); Slack's HTTP port serves the same (test/slack.test.ts).
describe.each(testProviders())("health and metrics (%s)", (provider) => {
  let h: Harness;
  let metrics: Metrics;
  let inbound: Inbound;
  let server: { port: number; stop(): Promise<void> };
  let admin: TestUser;
  let workspaceId: number;
  const get = async (path: string) => {
    const res = await fetch(`http://127.0.0.1:${server.port}${path}`);
    return { status: res.status, type: res.headers.get("content-type"), text: await res.text() };
  };
  const scrape = async () => (await get("/metrics")).text;

  /** A command as the console sends it, answered into `replies`. */
  const say = async (line: string, user = "管理员") => {
    const replies: Reply[] = [];
    const event: InboundEvent = {
      platform: "console",
      place: { workspace: { platform: "console", externalId: "console", name: "Console" } },
      user: { externalId: `console:${user}`, profile: async () => ({ name: user }) },
      action: { kind: "command", line },
      answer: { reply: async (reply) => void replies.push(reply) },
    };
    await inbound.handle(event);
    return replies[0]!;
  };

  beforeAll(async () => {
    metrics = new Metrics(() => outboxBacklog(h.prisma));
    h = await Harness.open(provider, { observer: metrics });
    inbound = h.inbound({ metrics });
    workspaceId = (await h.workspace()).id;
    admin = await h.user(workspaceId, "管理员", "admin");
    await h.say(admin, "/customer add 北京华达商贸 type:dealer code:C0001");
    server = await startOperatorServer(
      0,
      operatorRoutes(metrics, () => h.prisma.$queryRawUnsafe("SELECT 1")),
      createLogger("silent"),
    );
  });
  afterAll(async () => {
    await server.stop();
    await h.close();
  });

  it("answers /healthz with the process and its database up", async () => {
    expect(await get("/healthz")).toEqual({
      status: 200,
      type: "application/json",
      text: JSON.stringify({ status: "ok", database: "up" }),
    });
    expect((await get("/other")).status).toBe(404);
  });

  it("times every command by platform, command and outcome, naming commands by their definition, never by what was typed", async () => {
    expect((await say("/customer find bjhd")).tone).toBe("ok");
    await say("/customer find bjhd");
    await say("/customer show C0001 颜色:红"); // an argument the command does not have: refused
    await say("/北京华达商贸 机密"); // no such command: whatever was typed stays out of the labels
    const text = await scrape();
    const count = (command: string, outcome: string) =>
      sample(text, "crm_command_duration_seconds_count", { platform: "console", command, outcome });
    expect(count("customer find", "ok")).toBe(2);
    expect(count("customer show", "refused")).toBe(1);
    expect(count("other", "refused")).toBe(1);
    expect(text).not.toMatch(/北京华达|机密|bjhd|C0001|console:/);
  });

  it("times sweeps and imports, and counts the outbox's backlog and each delivery's outcome by platform", async () => {
    await h.say(admin, "/alert run");
    await h.say(admin, "/order add C0001 100");
    await h.router.run(
      {
        workspaceId,
        userId: admin.id,
        attachments: [{ name: "o.csv", data: Buffer.from("单号,客户编码,日期,金额\nM-1,C0001,2026-03-01,100\n") }],
      },
      "/import orders",
    );
    await scopeToWorkspace(h.prisma, workspaceId).$transaction((tx) =>
      enqueueMany(
        tx,
        repositoriesOf(h.prisma).bulk,
        workspaceId,
        [0, 1, 2].map((i) => ({
          dedupeKey: `metrics:${i}`,
          kind: "digest" as const,
          recipients: [{ kind: "channel" as const, channelId: "C-METRICS" }],
          at: h.now,
          view: { view: "morningFollowUps", items: [], more: i } satisfies NotificationView,
        })),
      ),
    );
    const before = await scrape();
    // `/alert run`, and the import's sweep after it; the order's sweep of its one customer.
    expect(sample(before, "crm_sweep_duration_seconds_count", { scope: "full" })).toBe(2);
    expect(sample(before, "crm_sweep_duration_seconds_count", { scope: "customers" })).toBe(1);
    expect(sample(before, "crm_import_duration_seconds_count", { kind: "orders" })).toBe(1);
    expect(sample(before, "crm_outbox_messages", { status: "pending" })).toBe(3);

    // The first post is refused with a 429, then everything goes through.
    let refusedOnce = false;
    const port = {
      async send() {
        if (!refusedOnce) {
          refusedOnce = true;
          throw new DeliveryRefused("ratelimited", { rateLimited: true, retryAfterMs: 10 });
        }
        return { ref: "posted" };
      },
    };
    const deliver = (at: Date) =>
      dispatchOutbox({
        prisma: h.prisma,
        ports: { console: port },
        now: () => at,
        logger: createLogger("silent"),
        metrics,
      });
    await deliver(h.now);
    await deliver(new Date(h.now.getTime() + 1_000)); // the Retry-After has passed
    const after = await scrape();
    expect(sample(after, "crm_deliveries_total", { platform: "console", outcome: "rate_limited" })).toBe(1);
    expect(sample(after, "crm_deliveries_total", { platform: "console", outcome: "sent" })).toBe(3);
    expect(sample(after, "crm_outbox_messages", { status: "sent" })).toBe(3);
    expect(sample(after, "crm_outbox_messages", { status: "pending" })).toBeUndefined();
    // The event loop's lag and the process's memory come with prom-client's defaults.
    expect(after).toMatch(/^nodejs_eventloop_lag_p99_seconds \S+$/m);
    expect(after).not.toMatch(/C-METRICS|北京华达/);
  });

  it("says the database is down when it does not answer, without failing the scrape", async () => {
    const down = await startOperatorServer(
      0,
      operatorRoutes(metrics, () => Promise.reject(new Error("connection refused"))),
      createLogger("silent"),
    );
    try {
      const res = await fetch(`http://127.0.0.1:${down.port}/healthz`);
      expect(res.status).toBe(503);
      expect(await res.json()).toEqual({ status: "unavailable", database: "down" });
    } finally {
      await down.stop();
    }
  });
});
