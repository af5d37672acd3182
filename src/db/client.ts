import type { PrismaClient as SqlitePrismaClient } from "../generated/sqlite/client.js";
import Sqlite from "better-sqlite3";
import {
  createAdapterFactory,
  ensureSqliteFolder,
  SQLITE_BUSY_TIMEOUT_MS,
  SQLITE_CACHE_KIB,
  sqlitePath,
} from "./adapter.js";
import { refreshSqliteStatistics } from "./sqlite-statistics.js";
import { runInWorkerTransaction } from "./sqlite-worker-transaction.js";
import { directReads, SharedConnectionFactory, type DirectReads } from "./direct-reads.js";
import { migrateDatabase } from "./migrations.js";
import { providerOf, type Provider } from "./provider.js";
import { createRepositories, type Repositories } from "./repositories/index.js";

/**
 * Both generated clients come from the same model, so they expose the same API; the SQLite one
 * serves as the type for both, which keeps provider-specific query features out of the code.
 */
export type PrismaClient = SqlitePrismaClient;

export interface Database {
  prisma: PrismaClient;
  provider: Provider;
  /** Hand-written reads on the client's own connection, for the hottest commands (see DirectReads). */
  reads: DirectReads;
  /** The reads and bulk statements the domain uses besides the client. */
  data: Repositories;
  /** Refreshes the query planner's statistics where they are stale (SQLite; PostgreSQL's autovacuum does it). */
  optimize(): Promise<void>;
  close(): Promise<void>;
}

/** What `openDatabase` knows about each client it opened, for the few raw statements. */
const opened = new WeakMap<object, { provider: Provider; data: Repositories }>();

function openedBy(prisma: PrismaClient) {
  const known = opened.get(prisma);
  if (!known) throw new Error("a Prisma client not opened by openDatabase");
  return known;
}

export const providerOfClient = (prisma: PrismaClient): Provider => openedBy(prisma).provider;
export const repositoriesOf = (prisma: PrismaClient): Repositories => openedBy(prisma).data;

/**
 * How long a transaction waits for the one before it on the SQLite connection (Prisma's default is
 * 2 s). Transactions there take turns, and an import of a large file holds one for half a minute:
 * a command that arrives meanwhile should answer after it, not fail.
 */
const SQLITE_TRANSACTION_WAIT_MS = 120_000;
/**
 * On PostgreSQL a transaction waits for a free pooled connection. Prisma's 2 s default refused
 * writes when dozens arrived at once on a busy 2-core machine (P2028); a user would rather wait
 * a few seconds for their order to be saved than be told to try again.
 */
const POSTGRES_TRANSACTION_WAIT_MS = 15_000;

export async function openDatabase(databaseUrl: string, options: { migrate?: boolean } = {}): Promise<Database> {
  const provider = providerOf(databaseUrl);
  if (provider === "sqlite") prepareSqliteFile(databaseUrl);
  if (options.migrate ?? true) await migrateDatabase(databaseUrl);
  const adapter = new SharedConnectionFactory(createAdapterFactory(databaseUrl));
  // Only the provider's own client is loaded: each generated client weighs some 10 MB in memory.
  const prisma =
    provider === "sqlite"
      ? new (await import("../generated/sqlite/client.js")).PrismaClient({
          adapter,
          transactionOptions: { maxWait: SQLITE_TRANSACTION_WAIT_MS },
        })
      : (new (await import("../generated/postgresql/client.js")).PrismaClient({
          adapter,
          transactionOptions: { maxWait: POSTGRES_TRANSACTION_WAIT_MS },
        }) as unknown as PrismaClient);
  const reads = directReads(adapter, provider);
  const path = provider === "sqlite" ? sqlitePath(databaseUrl) : "";
  // A connection reads the statistics when it opens, and again only when told: the bot's kept
  // planning with those of its start, and after a first sweep had opened 8,000 alerts it walked a
  // customer's alerts through the wrong index (1.6 ms where 0.1 ms would do) until restarted.
  const statistics = (pragma: string) => async () => {
    await refreshSqliteStatistics(path, pragma, SQLITE_BUSY_TIMEOUT_MS);
    await prisma.$executeRawUnsafe("ANALYZE sqlite_schema");
  };
  const data = createRepositories(
    reads,
    provider,
    provider === "sqlite"
      ? {
          refreshStatistics: statistics("optimize = 0x10002"),
          runInTransaction: (statements, onEach) =>
            runInWorkerTransaction(
              { path, timeoutMs: SQLITE_BUSY_TIMEOUT_MS, cacheKib: SQLITE_CACHE_KIB },
              statements,
              onEach,
            ),
        }
      : undefined,
  );
  opened.set(prisma, { provider, data });
  return {
    prisma,
    provider,
    reads,
    data,
    async optimize() {
      if (provider === "sqlite") await statistics("optimize")();
    },
    async close() {
      await prisma.$disconnect();
      await adapter.close();
    },
  };
}

/**
 * WAL lets readers proceed while one writer commits; with the adapter's busy timeout, concurrent
 * commands wait for each other instead of failing with SQLITE_BUSY. The mode is stored in the
 * file, and switching needs the database to itself, so it is set before anything else opens it.
 * Then the planner's statistics: without them SQLite guesses, and on a hundred thousand customers
 * it guessed a scan of the whole table for a lookup by code or name (20 ms instead of 0.1 ms).
 * They are gathered in full (about 2 s on a million orders, and only when a table has grown a lot
 * since): a sampled ANALYZE reads the first rows of each index, which all belong to one workspace,
 * and concludes that a workspace id narrows a table to a thousand rows; the plans that follow
 * from that made the full early-warning sweep three times slower.
 */
function prepareSqliteFile(databaseUrl: string): void {
  ensureSqliteFolder(databaseUrl);
  const db = new Sqlite(sqlitePath(databaseUrl));
  try {
    db.pragma("journal_mode = WAL");
    db.pragma("optimize = 0x10002");
  } finally {
    db.close();
  }
}
