import type { Worker } from "node:worker_threads";
import { startSqliteWorker } from "./sqlite-worker.js";

/** How often the worker moves committed pages from the write-ahead log into the database file. */
const CHECKPOINT_EVERY_MS = 1_000;

/**
 * Runs in the worker, on a connection of its own. A PASSIVE checkpoint never waits for readers or
 * writers: it copies what it can and leaves the rest for the next round.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.path, { timeout: workerData.timeout });
const checkpoint = () => {
  try {
    db.pragma("wal_checkpoint(PASSIVE)");
  } catch {
    // the file busy or gone for a moment: the next round tries again
  }
};
const timer = setInterval(checkpoint, workerData.everyMs);
parentPort.once("message", () => {
  clearInterval(timer);
  db.close();
  parentPort.close();
});
`;

/**
 * Checkpoints the bot's SQLite file from a worker thread, so that the bot's connection never does
 * (it is opened with `wal_autocheckpoint = 0`).
 *
 * SQLite checkpoints on the connection that commits, inside its COMMIT, once the log has grown past
 * a thousand pages. After a transaction that wrote a great deal (an import of a million orders put
 * some 400 MB in the log) that COMMIT copied all of it into the file while holding the event loop:
 * 750 ms in which no Slack request could be acknowledged. From another thread the copy holds
 * nothing the bot needs, and readers and the writer go on meanwhile.
 */
export class SqliteCheckpoints {
  private readonly worker: Worker;
  private readonly exited: Promise<void>;

  constructor(path: string, timeoutMs: number) {
    this.worker = startSqliteWorker(WORKER_SOURCE, { path, timeout: timeoutMs, everyMs: CHECKPOINT_EVERY_MS });
    // The process may end without stopping it first (a test, a crash): it must not keep the process alive.
    this.worker.unref();
    this.exited = new Promise((resolve) => {
      this.worker.once("error", () => resolve());
      this.worker.once("exit", () => resolve());
    });
  }

  /** Stops checkpointing and closes the worker's connection; the bot's connection, closing last, checkpoints what remains. */
  async stop(): Promise<void> {
    this.worker.ref(); // or the process could end while waiting for it to close, its last work
    this.worker.postMessage("stop");
    await this.exited;
  }
}
