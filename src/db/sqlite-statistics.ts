import { startSqliteWorker } from "./sqlite-worker.js";

/** Runs in the worker: its own connection to the file, so the bot's connection and event loop go on meanwhile. */
const WORKER_SOURCE = `
const { workerData } = require("node:worker_threads");
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.path, { timeout: workerData.timeout });
try {
  db.pragma(workerData.pragma);
} finally {
  db.close();
}
`;

/**
 * Refreshes SQLite's planner statistics from a worker thread. Gathering them in full (see
 * prepareSqliteFile) reads every row of a table that grew a lot: after an import of a million
 * orders that held the bot's one connection, and its event loop, for a second. From another
 * connection it holds nothing; the bot's connection plans with the new statistics as soon as they
 * are written. A refresh that fails (the file busy past `timeoutMs`) changes nothing and the next
 * one (hourly, or after the next full sweep) catches up, so it is not an error for its caller.
 */
export async function refreshSqliteStatistics(path: string, pragma: string, timeoutMs: number): Promise<void> {
  await new Promise<void>((resolve) => {
    const worker = startSqliteWorker(WORKER_SOURCE, { path, pragma, timeout: timeoutMs });
    worker.once("error", () => resolve());
    worker.once("exit", () => resolve());
  });
}
