import type { SqlDriverAdapter } from "@prisma/driver-adapter-utils";
import { Mutex } from "async-mutex";
import { performance } from "node:perf_hooks";
import { setImmediate as turnOfTheLoop } from "node:timers/promises";
import type { ReadingAdapter, ReadQuery } from "./direct-reads.js";
import type { ReadRows } from "./sqlite-statements.js";

/** How long queries may run back to back before the event loop gets a turn. */
const BUSY_MS = 10;

/** A statement that only reads: what Prisma and the direct reads send for a read begins so. */
const READ_ONLY = /^\s*SELECT\b/i;

/** A second, read-only connection to the same file, for reads while a transaction holds the first. */
export interface SqliteReader {
  queryRaw: SqlDriverAdapter["queryRaw"];
  readRows: ReadRows;
}

/**
 * The process's one SQLite connection, shared by every command, sweep and import, made safe and
 * fair to share.
 *
 * Prisma's better-sqlite3 adapter orders transactions among themselves but not against other
 * queries. A query of another command that ran while a transaction waited on anything ran inside
 * that transaction, and its rollback undid the query although that command had been told it
 * succeeded. Here a query outside a transaction waits until an open one has ended.
 *
 * better-sqlite3 answers synchronously, so a chain of queries never let the event loop turn: a full
 * sweep of 100,000 customers held it for seconds, and no Slack request could be acknowledged
 * meanwhile (Slack gives up after three). Once queries have run for BUSY_MS without the loop
 * turning, the next one waits for a turn, inside a transaction too: what arrives meanwhile is
 * acknowledged, and its queries wait for the transaction.
 *
 * Reads do not wait: while a transaction is open they go to `reader`, which sees what was last
 * committed, as a read beside the transaction would have after waiting for it (or, for one that
 * fails, as it would anyway). An import's copy holds its transaction for twenty seconds; a rep
 * looking a customer up meanwhile was answered after it.
 */
export function shareSqliteConnection(
  adapter: SqlDriverAdapter,
  readRows: ReadRows,
  reader: SqliteReader,
): ReadingAdapter {
  const transaction = new Mutex();
  const overdue = busyStretch();
  const turnFirst =
    <A, R>(work: (arg: A) => Promise<R>) =>
    async (arg: A): Promise<R> => {
      if (overdue()) await turnOfTheLoop();
      return work(arg);
    };
  // Checked after the turn: a transaction may have begun during it.
  const besideTransaction = <A, R>(work: (arg: A) => Promise<R>, read?: (arg: A) => Promise<R>) =>
    turnFirst((arg: A) => {
      if (!transaction.isLocked()) return work(arg);
      return read ? read(arg) : transaction.runExclusive(() => work(arg));
    });
  const readsBeside =
    <Q extends { sql: string }, R>(read: (query: Q) => Promise<R>, work: (query: Q) => Promise<R>) =>
    (query: Q) =>
      READ_ONLY.test(query.sql) ? read(query) : transaction.runExclusive(() => work(query));

  const queryRaw = adapter.queryRaw.bind(adapter);
  adapter.queryRaw = besideTransaction(queryRaw, readsBeside(reader.queryRaw, queryRaw));
  adapter.executeRaw = besideTransaction(adapter.executeRaw.bind(adapter));
  adapter.executeScript = besideTransaction(adapter.executeScript.bind(adapter));
  const reading = Object.assign(adapter, {
    readRows: besideTransaction(
      async ({ sql, args }: ReadQuery) => readRows(sql, args),
      async ({ sql, args }: ReadQuery) => reader.readRows(sql, args),
    ),
  });
  const startTransaction = adapter.startTransaction.bind(adapter);
  adapter.startTransaction = async (isolationLevel) => {
    const release = await transaction.acquire();
    try {
      const tx = await startTransaction(isolationLevel);
      tx.queryRaw = turnFirst(tx.queryRaw.bind(tx));
      tx.executeRaw = turnFirst(tx.executeRaw.bind(tx));
      const [commit, rollback] = [tx.commit.bind(tx), tx.rollback.bind(tx)];
      tx.commit = () => commit().finally(release);
      tx.rollback = () => rollback().finally(release);
      return tx;
    } catch (error) {
      release();
      throw error;
    }
  };
  return reading;
}

/** Tells, at each query, whether work has gone on for BUSY_MS since the event loop last turned. */
function busyStretch(): () => boolean {
  let since: number | undefined;
  return () => {
    if (since === undefined) {
      since = performance.now();
      setImmediate(() => (since = undefined)); // runs when the loop next turns, however it gets there
      return false;
    }
    return performance.now() - since >= BUSY_MS;
  };
}
