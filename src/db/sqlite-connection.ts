import type { SqlDriverAdapter, SqlQuery, Transaction } from "@prisma/driver-adapter-utils";
import { Mutex } from "async-mutex";
import { performance } from "node:perf_hooks";
import { setImmediate as turnOfTheLoop } from "node:timers/promises";

/** How long queries may run back to back before the event loop gets a turn. */
const BUSY_MS = 10;

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
 */
export function shareSqliteConnection(adapter: SqlDriverAdapter): SqlDriverAdapter {
  const transaction = new Mutex();
  let busySince: number | undefined;
  const overdue = () => {
    if (busySince === undefined) {
      busySince = performance.now();
      setImmediate(() => (busySince = undefined)); // runs when the loop next turns, however it gets there
      return false;
    }
    return performance.now() - busySince >= BUSY_MS;
  };

  const queryRaw = adapter.queryRaw.bind(adapter);
  const executeRaw = adapter.executeRaw.bind(adapter);
  const executeScript = adapter.executeScript.bind(adapter);
  const startTransaction = adapter.startTransaction.bind(adapter);
  const beside = async <T>(work: () => Promise<T>): Promise<T> => {
    if (overdue()) await turnOfTheLoop();
    // Checked after the turn: a transaction may have begun during it.
    return transaction.isLocked() ? transaction.runExclusive(work) : work();
  };
  adapter.queryRaw = (query: SqlQuery) => beside(() => queryRaw(query));
  adapter.executeRaw = (query: SqlQuery) => beside(() => executeRaw(query));
  adapter.executeScript = (script: string) => beside(() => executeScript(script));
  adapter.startTransaction = async (isolationLevel) => {
    const release = await transaction.acquire();
    try {
      return within(await startTransaction(isolationLevel), release, overdue);
    } catch (error) {
      release();
      throw error;
    }
  };
  return adapter;
}

/** The transaction's queries take turns too; its end lets the queries waiting for it run. */
function within(tx: Transaction, release: () => void, overdue: () => boolean): Transaction {
  const queryRaw = tx.queryRaw.bind(tx);
  const executeRaw = tx.executeRaw.bind(tx);
  const commit = tx.commit.bind(tx);
  const rollback = tx.rollback.bind(tx);
  tx.queryRaw = async (query) => {
    if (overdue()) await turnOfTheLoop();
    return queryRaw(query);
  };
  tx.executeRaw = async (query) => {
    if (overdue()) await turnOfTheLoop();
    return executeRaw(query);
  };
  tx.commit = () => commit().finally(release);
  tx.rollback = () => rollback().finally(release);
  return tx;
}
