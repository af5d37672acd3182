import { mkdirSync } from "node:fs";
import { dirname, resolve } from "node:path";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { Database as SqliteConnection } from "better-sqlite3";
import {
  parsePostgresUrl,
  postgresAdapterFactory,
  postgresEngineFactory,
  postgresScratchEngineFactory,
} from "./postgres.js";
import { providerOf, type Provider } from "./provider.js";
import { SqliteCheckpoints } from "./sqlite-checkpoints.js";
import { shareSqliteConnection } from "./sqlite-connection.js";
import { reusePreparedStatements } from "./sqlite-statements.js";

/** The page cache of the bot's connection, in KiB. */
export const SQLITE_CACHE_KIB = 16 * 1024;

/**
 * What the write-ahead log is cut back to once checkpointed: after a large import it had grown to
 * some 400 MB, and it keeps its size on disk otherwise.
 */
const SQLITE_LOG_KEEP_BYTES = 64 * 1024 * 1024;

/** How long a SQLite writer waits for another writer's lock before giving up. */
export const SQLITE_BUSY_TIMEOUT_MS = 10_000;

export function sqlitePath(databaseUrl: string): string {
  return resolve(databaseUrl.slice("file:".length));
}

export function ensureSqliteFolder(databaseUrl: string): void {
  mkdirSync(dirname(sqlitePath(databaseUrl)), { recursive: true });
}

/** The connection settings both SQLite factories open the file with, its folder created first. */
function sqliteConnection(databaseUrl: string): { url: string; timeout: number } {
  ensureSqliteFolder(databaseUrl);
  return { url: sqlitePath(databaseUrl), timeout: SQLITE_BUSY_TIMEOUT_MS };
}

/** The adapter keeps its connection in a field it does not declare (see BotSqliteFactory). */
const connectionOf = (adapter: SqlDriverAdapter) => (adapter as unknown as { client: SqliteConnection }).client;

/**
 * The bot's connection: its statements stay prepared (see reusePreparedStatements), it is shared
 * safely between everything the process does at once (see shareSqliteConnection), with a read-only
 * second connection for reads while it holds a transaction, and it is checkpointed from a worker
 * (see SqliteCheckpoints). The pinned adapter version is the one this was written against, and the
 * tests would see a change in the field it keeps its connection in.
 */
class BotSqliteFactory extends PrismaBetterSqlite3 {
  constructor(private readonly settings: { url: string; timeout: number }) {
    super(settings);
  }

  override async connect(): Promise<SqlDriverAdapter> {
    const adapter = await super.connect();
    const connection = connectionOf(adapter);
    // SQLite's default page cache is 2 MB: an import of a million orders then rereads index pages
    // from disk on most rows it adds, and holds the write lock that much longer (its copy took a
    // third longer again with 16 MB than with 64 MB, and 16 MB keeps the import's peak under 400 MB).
    connection.pragma(`cache_size = -${SQLITE_CACHE_KIB}`);
    connection.pragma("wal_autocheckpoint = 0");
    connection.pragma(`journal_size_limit = ${SQLITE_LOG_KEEP_BYTES}`);
    const checkpoints = new SqliteCheckpoints(this.settings.url, this.settings.timeout);
    const reader = await new PrismaBetterSqlite3({ ...this.settings, readonly: true }).connect();
    const readerRows = reusePreparedStatements(connectionOf(reader));
    const shared = shareSqliteConnection(adapter, reusePreparedStatements(connection), {
      queryRaw: reader.queryRaw.bind(reader),
      readRows: readerRows,
    });
    const dispose = shared.dispose.bind(shared);
    shared.dispose = async () => {
      await checkpoints.stop();
      await reader.dispose();
      await dispose();
    };
    return shared;
  }
}

/** The adapter the Prisma client queries through. */
export function createAdapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  return providerOf(databaseUrl) === "sqlite"
    ? new BotSqliteFactory(sqliteConnection(databaseUrl))
    : postgresAdapterFactory(parsePostgresUrl(databaseUrl));
}

/** The adapter the schema engine migrates and introspects through. */
export function createEngineAdapterFactory(databaseUrl: string): SqlMigrationAwareDriverAdapterFactory {
  return providerOf(databaseUrl) === "sqlite"
    ? new PrismaBetterSqlite3(sqliteConnection(databaseUrl))
    : postgresEngineFactory(parsePostgresUrl(databaseUrl));
}

/**
 * A factory whose shadow database is a throw-away one, for diffing migrations against the model:
 * an in-memory database on SQLite, a scratch schema on the PostgreSQL server at `postgresUrl`.
 */
export function createScratchEngineFactory(
  provider: Provider,
  postgresUrl: string,
): SqlMigrationAwareDriverAdapterFactory {
  return provider === "sqlite"
    ? new PrismaBetterSqlite3({ url: ":memory:" })
    : postgresScratchEngineFactory(parsePostgresUrl(postgresUrl).connectionString);
}
