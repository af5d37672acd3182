import { statSync } from "node:fs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sqlitePath } from "../src/db/adapter.js";
import type { Database } from "../src/db/client.js";
import { sql } from "../src/db/direct-reads.js";
import { createTestDatabase, openTestWorkspace, testProviders } from "./support/databases.js";
import { openDatabase } from "../src/db/client.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// One bot process serves many commands at once over one database client. A command's
// transaction must hold only that command's writes, whatever else runs meanwhile; on SQLite all
// of them share one connection (src/db/sqlite-connection.ts), the direct reads included.
describe.each(testProviders())("concurrent work on one client (%s)", (provider) => {
  let db: Database;
  let workspaceId: number;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, workspaceId, close } = await openTestWorkspace(provider));
  });
  afterAll(() => close());

  const setting = (key: string) => ({ workspaceId, key, value: "{}" });
  const stored = (key: string) => db.prisma.workspaceSetting.count({ where: { workspaceId, key } });

  it("keeps a write made beside a transaction that then fails", async () => {
    const failing = db.prisma.$transaction(async (tx) => {
      await tx.workspaceSetting.create({ data: setting("inside") });
      await pause(50); // an await that lets other work run, as a long sweep does between steps
      throw new Error("the transaction's own failure");
    });
    await pause(10);
    await db.prisma.workspaceSetting.create({ data: setting("beside") });
    await expect(failing).rejects.toThrow("the transaction's own failure");
    expect(await stored("inside")).toBe(0);
    expect(await stored("beside")).toBe(1);
  });

  it("does not show a transaction's writes beside it before they are committed, to the client or to a direct read", async () => {
    const failing = db.prisma.$transaction(async (tx) => {
      await tx.workspaceSetting.create({ data: setting("uncommitted") });
      await pause(50);
      throw new Error("rolled back");
    });
    await pause(10);
    expect(await stored("uncommitted")).toBe(0);
    expect(
      await db.reads.rows(
        sql`SELECT "id" FROM "WorkspaceSetting" WHERE "workspaceId" = ${workspaceId} AND "key" = ${"uncommitted"}`,
      ),
    ).toEqual([]);
    await expect(failing).rejects.toThrow("rolled back");
  });

  it("lets the event loop turn during a long run of queries, as a sweep or an import is", async () => {
    let timerFired = false;
    setTimeout(() => (timerFired = true), 0);
    let firedDuringRun = false;
    const started = Date.now();
    while (Date.now() - started < 200) {
      await db.prisma.workspaceSetting.count({ where: { workspaceId } });
      firedDuringRun ||= timerFired;
    }
    // Slack's acknowledgements and Discord's deferrals are such timers and sockets: they must not wait for the run's end.
    expect(firedDuringRun).toBe(true);
  });

  it("answers reads beside a long transaction before it ends, with what was committed", async () => {
    await db.prisma.workspaceSetting.create({ data: setting("committed") });
    const events: string[] = [];
    const long = db.prisma.$transaction(
      async (tx) => {
        await tx.workspaceSetting.create({ data: setting("importing") });
        await pause(1_000); // an import's copy holds its transaction for seconds
        events.push("transaction ended");
      },
      { timeout: 10_000 },
    );
    await pause(20);
    const read = Promise.all([
      stored("committed"),
      stored("importing"),
      db.reads.rows(
        sql`SELECT "key" FROM "WorkspaceSetting" WHERE "workspaceId" = ${workspaceId} AND "key" = ${"committed"}`,
      ),
    ]).then((found) => {
      events.push("read answered");
      return found;
    });
    const write = db.prisma.workspaceSetting.create({ data: setting("written beside") }).then(() => {
      events.push("write done");
    });
    const [committed, importing, direct] = await read;
    await Promise.all([long, write]);
    expect(committed).toBe(1);
    expect(importing).toBe(0);
    expect(direct).toEqual([{ key: "committed" }]);
    expect(events.indexOf("read answered")).toBeLessThan(events.indexOf("transaction ended"));
    // SQLite has one writer: a write beside the transaction waits for it (PostgreSQL's goes on meanwhile).
    if (provider === "sqlite") expect(events).toEqual(["read answered", "transaction ended", "write done"]);
  });

  it("lets a transaction wait for a long one rather than fail", async () => {
    const long = db.prisma.$transaction(
      async (tx) => {
        await tx.workspaceSetting.create({ data: setting("long") });
        await pause(2_500); // longer than Prisma waits for a transaction to start by default: an import holds one for seconds
      },
      { timeout: 10_000 },
    );
    await pause(10);
    await db.prisma.$transaction(async (tx) => tx.workspaceSetting.create({ data: setting("after") }));
    await long;
    expect([await stored("long"), await stored("after")]).toEqual([1, 1]);
  }, 10_000);
});

describe("the SQLite file's write-ahead log", () => {
  it("is checkpointed beside the bot's connection, which never checkpoints inside a COMMIT", async () => {
    const file = await createTestDatabase("sqlite");
    const db = await openDatabase(file.url);
    try {
      expect(await db.prisma.$queryRawUnsafe("PRAGMA wal_autocheckpoint")).toEqual([{ wal_autocheckpoint: 0n }]);
      const before = statSync(sqlitePath(file.url)).size;
      // Some 8 MB in one transaction, as an import writes: two thousand pages, twice the log SQLite would checkpoint at.
      await db.prisma.$executeRawUnsafe(
        `CREATE TABLE "Filler" AS WITH RECURSIVE n(i) AS (SELECT 1 UNION ALL SELECT i + 1 FROM n WHERE i < 2000)
         SELECT i, randomblob(4000) AS payload FROM n`,
      );
      expect(statSync(sqlitePath(file.url)).size).toBe(before); // all of it still in the log
      const grown = async () => {
        for (let waited = 0; waited < 10_000; waited += 100) {
          if (statSync(sqlitePath(file.url)).size > before + 8_000_000) return true;
          await pause(100);
        }
        return false;
      };
      expect(await grown()).toBe(true);
    } finally {
      await db.close();
      await file.cleanup();
    }
  });
});

describe("the SQLite planner's statistics", () => {
  it("reach the bot's connection once gathered, not only at its next start", async () => {
    const file = await createTestDatabase("sqlite");
    const db = await openDatabase(file.url);
    try {
      // A first sweep's worth of alerts, for 2,000 customers, into a table that was empty when the bot opened the file.
      await db.prisma.$executeRawUnsafe(`INSERT INTO "Workspace" ("platform", "externalId", "name", "locale", "timezone", "currency", "createdAt")
        VALUES ('console', 'stats', 'stats', 'zh-CN', 'Asia/Shanghai', 'CNY', '2026-01-01T00:00:00.000+00:00')`);
      await db.prisma.$executeRawUnsafe(`INSERT INTO "Customer" ("workspaceId", "code", "name", "type", "status", "createdAt", "updatedAt")
        SELECT 1, 'S' || value, 'S' || value, 'dealer', 'active', '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00'
        FROM (WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 2000) SELECT value FROM n)`);
      await db.prisma.$executeRawUnsafe(`INSERT INTO "Alert" ("workspaceId", "number", "rule", "customerId", "subject", "severity", "status", "facts", "openedAt", "updatedAt")
        SELECT 1, value, 'no_visit', 1 + value % 2000, 's' || value, 'warning', 'open', '{}', '2026-01-01T00:00:00.000+00:00', '2026-01-01T00:00:00.000+00:00'
        FROM (WITH RECURSIVE n(value) AS (SELECT 1 UNION ALL SELECT value + 1 FROM n WHERE value < 8000) SELECT value FROM n)`);
      const plan = async () =>
        (
          await db.prisma.$queryRawUnsafe<{ detail: string }[]>(
            `EXPLAIN QUERY PLAN SELECT "number" FROM "Alert" WHERE "workspaceId" = 1 AND "customerId" = 7 AND "status" <> 'resolved' ORDER BY "openedAt" DESC LIMIT 5`,
          )
        )
          .map((step) => step.detail)
          .join("; ");
      const before = await plan();
      await db.optimize();
      const after = await plan();
      expect(after).toMatch(/customerId/);
      expect(after).not.toBe(before);
    } finally {
      await db.close();
      await file.cleanup();
    }
  });
});
