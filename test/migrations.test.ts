import { readdirSync } from "node:fs";
import { describe, expect, it } from "vitest";
import {
  isEmptyMigration,
  migrateDatabase,
  migrationsDir,
  pendingMigrationSql,
  readModel,
} from "../src/db/migrations.js";
import { createTestDatabase, testProviders } from "./support/databases.js";

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
  });
});
