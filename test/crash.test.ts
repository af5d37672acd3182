import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import Sqlite from "better-sqlite3";
import { generateWorkspace, sizeFor } from "../bench/workspace-data.js";
import { CONSOLE_WORKSPACE } from "../src/application/app.js";
import { openDatabase } from "../src/db/client.js";
import { ensureUser, ensureWorkspace } from "../src/domain/workspaces.js";
import { dispatchOutbox } from "../src/application/dispatcher.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import type { NotificationView } from "../src/domain/notifications.js";
import { createLogger } from "../src/logger.js";
import { enqueueMany } from "../src/outbound/outbox.js";
import { slackOutboundPort } from "../src/platforms/slack/outbound.js";
import { spawnBot } from "./support/bot-process.js";
import { BOT_TOKEN, FakeSlack } from "./support/fake-slack.js";

const dir = mkdtempSync(join(tmpdir(), "crm-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = {
  ...process.env,
  DATABASE_URL: `file:${join(dir, "crm.db")}`,
  LOG_LEVEL: "silent",
  USER: "tester",
  CRM_CONSOLE_ROLE: "admin",
};

/** The bot as `npm start` runs it, fed `input`; `killOn` kills it (SIGKILL) when its output matches. */
function bot(
  input: string,
  killOn?: RegExp,
  overrides: NodeJS.ProcessEnv = {},
): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawnBot({ ...env, ...overrides }, { cwd: dir });
    child.stdout.on("data", () => {
      if (killOn?.test(child.output())) child.kill("SIGKILL");
    });
    child.on("close", (code, signal) => resolve({ code, signal, stdout: child.output() }));
    child.stdin.end(input);
  });
}

/** Counts orders over a connection of its own, closed again so that the bot has the file to itself. */
async function orders(): Promise<number> {
  const db = await openDatabase(env.DATABASE_URL, { migrate: false });
  try {
    return await db.prisma.order.count();
  } finally {
    await db.close();
  }
}

describe("a crash in the middle of an import", () => {
  it("leaves no half-imported file: after kill -9 and a restart the file imports whole, once", async () => {
    const rows = 60_000;
    const csv = [
      "单号,客户编码,日期,金额",
      ...Array.from(
        { length: rows },
        (_, i) => `K-${i},C0001,2026-10-${String(1 + (i % 28)).padStart(2, "0")},${100 + (i % 900)}`,
      ),
    ];
    writeFileSync(join(dir, "orders.csv"), `${csv.join("\n")}\n`);
    await bot("/customer add 北京华达商贸 type:dealer\n");
    // Killed while the progress says rows are going in, before the transaction commits.
    const killed = await bot("/import orders orders.csv\n", /已导入 [\d,]+ \/ 60,000 行/);
    expect(killed.signal, killed.stdout).toBe("SIGKILL");
    expect(await orders()).toBe(0);
    const again = await bot("/import orders orders.csv\n/import orders orders.csv\n");
    expect(again.stdout).toContain("已导入进货记录：新增 60000，更新 0，未变 0");
    expect(again.stdout).toContain("没有需要导入的新内容：进货记录未变 60000");
    expect(await orders()).toBe(rows);
  }, 120_000);
});

describe("a crash in the middle of an early-warning sweep", () => {
  it("after kill -9 and a restart, every alert is opened once and posted once, the pending posts included", async () => {
    const url = `file:${join(dir, "sweep.db")}`;
    const seeded = await openDatabase(url);
    const workspace = await ensureWorkspace(seeded.prisma, CONSOLE_WORKSPACE, {
      locale: "zh-CN",
      timezone: "Asia/Shanghai",
      currency: "CNY",
    });
    const admin = await ensureUser(
      seeded.prisma,
      workspace.id,
      { externalId: "console:tester", name: "tester" },
      { role: "admin" },
    );
    await generateWorkspace(seeded, workspace, admin, sizeFor(6_000), new Date());
    await seeded.close();

    // Killed once the first rule's alerts are in (and their posts queued), before the sweep ends.
    // The watcher opens the file only once the sweep runs: migrating at start wants it alone.
    let watcher: Sqlite.Database | undefined;
    const alerts = () => (watcher!.prepare(`SELECT COUNT(*) AS n FROM "Alert"`).get() as { n: number }).n;
    const child = spawnBot({ ...env, DATABASE_URL: url }, { cwd: dir });
    child.stdin.end("/alert run\n");
    const timer = setInterval(() => {
      if (!child.output().includes("正在扫描全部客户")) return;
      watcher ??= new Sqlite(url.slice("file:".length), { readonly: true, fileMustExist: true });
      if (alerts() > 0) child.kill("SIGKILL");
    }, 5);
    const killed = await new Promise<NodeJS.Signals | null>((resolve) =>
      child.on("close", (_code, signal) => resolve(signal)),
    );
    clearInterval(timer);
    expect(killed, child.output()).toBe("SIGKILL");
    expect(child.output()).not.toContain("扫描完成");
    const before = alerts();
    expect(before).toBeGreaterThan(0);
    watcher!.close();

    const again = await bot("/alert run\n", undefined, { DATABASE_URL: url });
    expect(again.stdout).toContain("扫描完成");
    const db = await openDatabase(url, { migrate: false });
    try {
      const rows = await db.prisma.alert.findMany({ select: { number: true, activeKey: true } });
      expect(rows.length).toBeGreaterThan(before);
      expect(new Set(rows.map((r) => r.activeKey)).size).toBe(rows.length);
      // Every alert's post went out, by itself or within a storm's summary, those held by the killed
      // sweep included. (Overdue complaints go to routed channels only, and none is routed here.)
      expect(await db.prisma.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
      expect(await db.prisma.alertSweep.count({ where: { settledAt: null } })).toBe(0);
      const single = await db.prisma.outboxMessage.findMany({
        where: { alertId: { not: null } },
        select: { id: true },
      });
      // Each printed exactly once over both runs: nothing before the kill, since a sweep holds its posts.
      const output = `${child.output()}${again.stdout}`;
      const printed = [...output.matchAll(/^== (YJ-\d+) ·/gm)].map((m) => m[1]);
      expect(printed.length).toBe(single.length);
      expect(new Set(printed).size).toBe(single.length);
      const summarized = [...output.matchAll(/^== 🔔 本次扫描新增 (\d+) 条预警/gm)].reduce(
        (n, m) => n + Number(m[1]),
        0,
      );
      expect(summarized).toBeGreaterThan(0);
      expect(single.length + summarized).toBeGreaterThan(rows.length * 0.9);
    } finally {
      await db.close();
    }
  }, 120_000);
});

describe("a crash in the middle of delivery", () => {
  it("after kill -9 between Slack taking a post and the bot marking it sent, nothing is posted twice", async () => {
    const url = `file:${join(dir, "delivery.db")}`;
    const seeded = await openDatabase(url);
    const workspace = await ensureWorkspace(
      seeded.prisma,
      { platform: "slack", externalId: "T0001CRM", name: "华达" },
      {
        locale: "zh-CN",
        timezone: "Asia/Shanghai",
        currency: "CNY",
      },
    );
    // Thirty posts over ten channels: three turns of Slack's one a second per channel.
    const channels = Array.from({ length: 10 }, (_, i) => `C0CRASH${i}`);
    await scopeToWorkspace(seeded.prisma, workspace.id).$transaction((tx) =>
      enqueueMany(
        tx,
        seeded.data.bulk,
        workspace.id,
        Array.from({ length: 30 }, (_, i) => ({
          dedupeKey: `crash:${i}`,
          kind: "digest" as const,
          recipients: [{ kind: "channel" as const, channelId: channels[i % channels.length]! }],
          at: new Date(),
          view: { view: "morningFollowUps", items: [], more: i } satisfies NotificationView,
        })),
      ),
    );
    await seeded.close();

    const fake = await FakeSlack.start();
    try {
      const child = spawnBot(
        {
          ...env,
          DATABASE_URL: url,
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_APP_TOKEN: "xapp-1-A123456-test",
          SLACK_API_URL: fake.apiUrl,
        },
        { cwd: dir },
      );
      // Slack has taken the twelfth post; the bot dies before it hears so.
      fake.onPost = async () => {
        if (fake.posts.length !== 12) return;
        child.kill("SIGKILL");
        await new Promise((resolve) => child.once("close", resolve));
      };
      const killed = await new Promise<NodeJS.Signals | null>((resolve) =>
        child.on("close", (_code, signal) => resolve(signal)),
      );
      expect(killed, child.output()).toBe("SIGKILL");
      fake.onPost = undefined;

      const db = await openDatabase(url, { migrate: false });
      try {
        const claimed = await db.prisma.outboxMessage.findMany({ where: { status: "sending" } });
        expect(claimed.length).toBeGreaterThanOrEqual(1);
        // A minute later its lease has run out, and the restarted bot takes it up again.
        await db.prisma.outboxMessage.updateMany({
          where: { status: "sending" },
          data: { nextAttemptAt: new Date(Date.now() - 1) },
        });
        const port = slackOutboundPort({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl });
        const logger = createLogger("silent");
        for (
          let run = 0;
          run < 10 && (await db.prisma.outboxMessage.count({ where: { status: { not: "sent" } } }));
          run++
        )
          await dispatchOutbox({ prisma: db.prisma, ports: { slack: port }, logger });
        expect(await db.prisma.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
        const ids = fake.posts.map((p) => p.metadata?.event_payload?.outbox_id);
        expect(ids).toHaveLength(30);
        expect(new Set(ids).size).toBe(30);
        // The one taken up again was looked for in its channel before anything was posted.
        expect(fake.callsOf("conversations.history").map((c) => c.channel)).toEqual(
          expect.arrayContaining(claimed.map((m) => m.target.slice("channel:".length))),
        );
      } finally {
        await db.close();
      }
    } finally {
      await fake.close();
    }
  }, 120_000);
});
