import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import { parsePostgresUrl, postgresAdapterFactory, postgresEngineFactory, postgresScratchEngineFactory } from "./postgres.js";
import { providerOf, type Provider } from "./provider.js";

/** How long a SQLite writer waits for another writer's lock before giving up. */
const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function sqlitePath(databaseUrl: string): string {
  return resolve(databaseUrl.slice("file:".length));
}

function sqliteFactory(databaseUrl: string): PrismaBetterSqlite3 {
  const path = sqlitePath(databaseUrl);
  mkdirSync(dirname(path), { recursive: true });
  return new PrismaBetterSqlite3({ url: path, timeout: SQLITE_BUSY_TIMEOUT_MS });
}

/** The adapter the Prisma client queries through. */
export function createAdapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  return providerOf(databaseUrl) === "sqlite" ? sqliteFactory(databaseUrl) : postgresAdapterFactory(parsePostgresUrl(databaseUrl));
}

/** The adapter the schema engine migrates and introspects through. */
export function createEngineAdapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  return providerOf(databaseUrl) === "sqlite" ? sqliteFactory(databaseUrl) : postgresEngineFactory(parsePostgresUrl(databaseUrl));
}

/**
 * A factory whose shadow database is a throw-away one, for diffing migrations against the model:
 * an in-memory database on SQLite, a scratch schema on the PostgreSQL server at `postgresUrl`.
 */
export function createScratchEngineFactory(provider: Provider, postgresUrl: string): SqlMigrationAwareDriverAdapterFactory {
  return provider === "sqlite"
    ? new PrismaBetterSqlite3({ url: ":memory:" })
    : postgresScratchEngineFactory(parsePostgresUrl(postgresUrl).connectionString);
}
