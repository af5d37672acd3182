// Writes the next migration for every provider from prisma/model.prisma:
//   npm run db:migration -- <name>
// The SQL comes from Prisma's schema engine (the same diff `prisma migrate dev` makes), so
// migrations are generated, never hand-written. PostgreSQL replays the existing migrations in a
// scratch database on MIGRATION_SHADOW_URL (default: the local server).
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { isEmptyMigration, lockfileContent, migrationsDir, pendingMigrationSql } from "../src/db/migrations.js";

const name = process.argv[2];
if (!name || !/^[a-z0-9_]+$/.test(name)) {
  console.error("Usage: npm run db:migration -- <name>   (lower-case letters, digits and _)");
  process.exit(2);
}

const postgresUrl = process.env.MIGRATION_SHADOW_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres";
const stamp = new Date().toISOString().replace(/\D/g, "").slice(0, 14);

for (const provider of ["sqlite", "postgresql"] as const) {
  const sql = await pendingMigrationSql(provider, postgresUrl);
  if (isEmptyMigration(sql)) {
    console.log(`${provider}: already up to date with prisma/model.prisma`);
    continue;
  }
  const dir = join(migrationsDir(provider), `${stamp}_${name}`);
  mkdirSync(dir, { recursive: true });
  writeFileSync(join(dir, "migration.sql"), sql);
  writeFileSync(join(migrationsDir(provider), "migration_lock.toml"), lockfileContent(provider));
  console.log(`${provider}: wrote ${dir}/migration.sql`);
}
