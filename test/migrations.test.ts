import { readdirSync } from "node:fs";
import Database from "better-sqlite3";
import pg from "pg";
import { describe, expect, it } from "vitest";
import {
  isEmptyMigration,
  migrateDatabase,
  migrationsDir,
  pendingMigrationSql,
  readModel,
} from "../src/db/migrations.js";
import { parsePostgresUrl, quoteIdent } from "../src/db/postgres.js";
import type { Provider } from "../src/db/provider.js";
import { createTestDatabase, testProviders } from "./support/databases.js";

/** Runs SQL on a test database with its plain driver, outside the bot: rows as an older version wrote them. */
async function runSql(provider: Provider, url: string, statements: string[]): Promise<Record<string, unknown>[]> {
  if (provider === "sqlite") {
    const db = new Database(url.slice("file:".length));
    try {
      const last = statements.pop()!;
      for (const s of statements) db.exec(s);
      return db.prepare(last).all() as Record<string, unknown>[];
    } finally {
      db.close();
    }
  }
  const target = parsePostgresUrl(url);
  const client = new pg.Client({
    connectionString: target.connectionString,
    options: `-c search_path=${quoteIdent(target.schema)}`,
  });
  await client.connect();
  try {
    let rows: Record<string, unknown>[] = [];
    for (const s of statements) rows = (await client.query(s)).rows;
    return rows;
  } finally {
    await client.end();
  }
}

const postgresServer = process.env.TEST_DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";

describe("migrations", () => {
  it("exist under the same names for every provider", () => {
    const names = (p: "sqlite" | "postgresql") => readdirSync(migrationsDir(p)).filter((n) => !n.endsWith(".toml"));
    expect(names("postgresql")).toEqual(names("sqlite"));
  });

  describe.each(testProviders())("on %s", (provider) => {
    it("match prisma/model.prisma (run `npm run db:migration -- <name>` when this fails)", async () => {
      const sql = await pendingMigrationSql(provider, postgresServer);
      expect(sql.trim() === "" || isEmptyMigration(sql), sql).toBe(true);
    });

    it("would report a model change as drift", async () => {
      const model = `${await readModel()}\nmodel DriftProbe {\n  id Int @id\n}\n`;
      const sql = await pendingMigrationSql(provider, postgresServer, model);
      expect(sql).toContain('CREATE TABLE "DriftProbe"');
    });

    it("apply to a new database once, and then have nothing left to apply", async () => {
      const db = await createTestDatabase(provider);
      try {
        const first = await migrateDatabase(db.url);
        expect(first.length).toBeGreaterThan(0);
        expect(await migrateDatabase(db.url)).toEqual([]);
      } finally {
        await db.cleanup();
      }
    });

    it("number the orders, payments, expenses and visits recorded before ids existed, per workspace, and continue after them", async () => {
      const db = await createTestDatabase(provider);
      try {
        await migrateDatabase(db.url, { before: "20261201221024_entry_numbers_and_voids" });
        const now = "'2026-11-01 00:00:00'";
        await runSql(provider, db.url, [
          `INSERT INTO "Workspace" ("id", "platform", "externalId", "name") VALUES (1, 'console', 'a', 'A'), (2, 'console', 'b', 'B')`,
          `INSERT INTO "User" ("id", "workspaceId", "externalId", "name", "updatedAt") VALUES (1, 1, 'u1', 'U1', ${now}), (2, 2, 'u2', 'U2', ${now})`,
          `INSERT INTO "Customer" ("id", "workspaceId", "code", "name", "type", "updatedAt") VALUES (1, 1, 'C0001', '华达', 'retailer', ${now}), (2, 2, 'C0001', '好又多', 'retailer', ${now})`,
          `INSERT INTO "Order" ("workspaceId", "customerId", "orderedAt", "amount") VALUES (1, 1, ${now}, 100), (2, 2, ${now}, 200), (1, 1, ${now}, 300)`,
          `INSERT INTO "Visit" ("workspaceId", "customerId", "userId", "visitedAt") VALUES (2, 2, 2, ${now})`,
          `SELECT 1`,
        ]);
        expect(await migrateDatabase(db.url)).toContain("20261201221024_entry_numbers_and_voids");
        const orders = await runSql(provider, db.url, [
          `SELECT "workspaceId", "amount", "number" FROM "Order" ORDER BY "id"`,
        ]);
        expect(orders.map((o) => [Number(o.workspaceId), Number(o.amount), Number(o.number)])).toEqual([
          [1, 100, 1],
          [2, 200, 1],
          [1, 300, 2],
        ]);
        const counters = await runSql(provider, db.url, [
          `SELECT "workspaceId", "name", "value" FROM "Counter" ORDER BY "workspaceId", "name"`,
        ]);
        expect(counters.map((c) => [Number(c.workspaceId), c.name, Number(c.value)])).toEqual([
          [1, "order", 2],
          [2, "order", 1],
          [2, "visit", 1],
        ]);
      } finally {
        await db.cleanup();
      }
    });

    it("hands the posts a sweep held and never settled to a sweep of their own, which the next full sweep settles", async () => {
      const db = await createTestDatabase(provider);
      try {
        await migrateDatabase(db.url, { before: "20261203084332_alert_sweeps" });
        const now = "'2026-11-01 00:00:00'";
        await runSql(provider, db.url, [
          `INSERT INTO "Workspace" ("id", "platform", "externalId", "name") VALUES (1, 'console', 'a', 'A'), (2, 'console', 'b', 'B')`,
          `INSERT INTO "Customer" ("id", "workspaceId", "code", "name", "type", "updatedAt") VALUES (1, 1, 'C0001', '华达', 'retailer', ${now}), (2, 2, 'C0001', '好又多', 'retailer', ${now})`,
          `INSERT INTO "Alert" ("id", "workspaceId", "number", "rule", "customerId", "severity", "facts", "updatedAt") VALUES (7, 1, 1, 'no_visit', 1, 'warning', '{}', ${now}), (8, 1, 2, 'churn', 1, 'warning', '{}', ${now}), (9, 2, 1, 'no_visit', 2, 'warning', '{}', ${now})`,
          `INSERT INTO "OutboxMessage" ("workspaceId", "dedupeKey", "kind", "target", "payload", "alertId", "status") VALUES (1, 'alert:7>user:1', 'alert', 'user:1', '', 7, 'held'), (1, 'alert:8>user:1', 'alert', 'user:1', '', 8, 'held'), (2, 'alert:9>user:2', 'alert', 'user:2', '{}', 9, 'sent')`,
          `SELECT 1`,
        ]);
        expect(await migrateDatabase(db.url)).toContain("20261203084332_alert_sweeps");
        const [sweep, ...others] = await runSql(provider, db.url, [
          `SELECT "id", "workspaceId", "afterAlertId", "settledAt" FROM "AlertSweep"`,
        ]);
        expect(others).toEqual([]);
        expect([Number(sweep!.workspaceId), Number(sweep!.afterAlertId), sweep!.settledAt]).toEqual([1, 6, null]);
        const alerts = await runSql(provider, db.url, [`SELECT "id", "sweepId" FROM "Alert" ORDER BY "id"`]);
        expect(alerts.map((a) => [Number(a.id), a.sweepId === null ? null : Number(a.sweepId)])).toEqual([
          [7, Number(sweep!.id)],
          [8, Number(sweep!.id)],
          [9, null],
        ]);
        const posts = await runSql(provider, db.url, [`SELECT "dedupeKey", "status" FROM "OutboxMessage"`]);
        expect(posts).toEqual([{ dedupeKey: "alert:9>user:2", status: "sent" }]);
      } finally {
        await db.cleanup();
      }
    });
  });
});
