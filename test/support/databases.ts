import { randomUUID } from "node:crypto";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { openDatabase, type Database } from "../../src/db/client.js";
import { dropSchema, parsePostgresUrl } from "../../src/db/postgres.js";
import type { Provider } from "../../src/db/provider.js";
import { ensureWorkspace } from "../../src/domain/workspaces.js";

export interface TestDatabase {
  provider: Provider;
  url: string;
  cleanup(): Promise<void>;
}

/**
 * The databases a suite runs on: a real SQLite file always, and PostgreSQL when
 * TEST_DATABASE_URL names a server. TEST_PROVIDERS=postgresql limits a run to one of them.
 * Each database is new, so runs never collide.
 */
export function testProviders(): Provider[] {
  const only = process.env.TEST_PROVIDERS?.split(",").map((p) => p.trim());
  const available: Provider[] = process.env.TEST_DATABASE_URL ? ["sqlite", "postgresql"] : ["sqlite"];
  return only ? available.filter((p) => only.includes(p)) : available;
}

export async function createTestDatabase(provider: Provider): Promise<TestDatabase> {
  if (provider === "sqlite") {
    const dir = mkdtempSync(join(tmpdir(), "crm-test-"));
    return {
      provider,
      url: `file:${join(dir, "crm.db")}`,
      cleanup: async () => rmSync(dir, { recursive: true, force: true }),
    };
  }
  const base = process.env.TEST_DATABASE_URL;
  if (!base) throw new Error("TEST_DATABASE_URL is not set");
  const schema = `crm_test_${randomUUID().replaceAll("-", "").slice(0, 16)}`;
  const url = new URL(base);
  url.searchParams.set("schema", schema);
  return { provider, url: url.toString(), cleanup: () => dropSchema({ ...parsePostgresUrl(base), schema }) };
}

/** A new database of `provider`, opened as the bot opens it, with one console workspace. */
export async function openTestWorkspace(
  provider: Provider,
): Promise<{ db: Database; workspaceId: number; close(): Promise<void> }> {
  const testDb = await createTestDatabase(provider);
  const db = await openDatabase(testDb.url);
  const workspace = await ensureWorkspace(
    db.prisma,
    { platform: "console", externalId: "c", name: "c" },
    { locale: "zh-CN", timezone: "Asia/Shanghai", currency: "CNY" },
  );
  return {
    db,
    workspaceId: workspace.id,
    async close() {
      await db.close();
      await testDb.cleanup();
    },
  };
}
