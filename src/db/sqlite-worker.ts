import { createRequire } from "node:module";
import { Worker } from "node:worker_threads";

/** Where a worker thread requires better-sqlite3 from: its evaluated source cannot import the bot's modules. */
const DRIVER = createRequire(import.meta.url).resolve("better-sqlite3");

/**
 * Starts `source` (CommonJS, evaluated) on a worker thread with a SQLite connection's work to do:
 * `workerData` holds `data` and `driver`, the module to open its own connection with.
 */
export function startSqliteWorker(source: string, data: Record<string, unknown>): Worker {
  return new Worker(source, { eval: true, workerData: { driver: DRIVER, ...data } });
}
