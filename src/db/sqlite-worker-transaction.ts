import { sqliteValue } from "./sqlite-statements.js";
import { startSqliteWorker } from "./sqlite-worker.js";

/** A statement and its values, as the bulk writes build them. */
export interface Statement {
  sql: string;
  args: unknown[];
}

/**
 * Runs in the worker, on a connection of its own: the statements in one transaction, each one's
 * count of changed rows told as it ends. The log is left to the bot's checkpoints (see
 * SqliteCheckpoints). A statement's text is prepared once however many times it runs.
 */
const WORKER_SOURCE = `
const { workerData, parentPort } = require("node:worker_threads");
const Sqlite = require(workerData.driver);
const db = new Sqlite(workerData.path, { timeout: workerData.timeout });
try {
  db.pragma("wal_autocheckpoint = 0");
  db.pragma("cache_size = -" + workerData.cacheKib);
  const prepared = new Map();
  db.exec("BEGIN IMMEDIATE");
  try {
    workerData.statements.forEach((s, i) => {
      let statement = prepared.get(s.sql);
      if (!statement) prepared.set(s.sql, (statement = db.prepare(s.sql)));
      parentPort.postMessage({ index: i, changes: statement.run(s.args).changes });
    });
    db.exec("COMMIT");
  } catch (error) {
    if (db.inTransaction) db.exec("ROLLBACK");
    throw error;
  }
  parentPort.postMessage({ committed: true });
} catch (error) {
  parentPort.postMessage({ failed: { code: error.code ?? "", message: String(error.message) } });
} finally {
  db.close();
}
`;

type Outcome = { committed: true } | { failed: { code: string; message: string } };
type FromWorker = { index: number; changes: number } | Outcome;

/**
 * Runs statements as one transaction on a connection of a worker thread. A transaction of a
 * million rows (an import's copy) ended in a COMMIT that held the bot's event loop for 0.13–0.25 s,
 * whatever the page cache and the sync mode (most likely SQLite rewriting the checksums of the log
 * frames written after the first page it wrote twice). In the worker that time holds nothing the
 * bot needs.
 *
 * The caller holds the bot connection's transaction meanwhile, so that the bot's own writes wait
 * for this one as they would for any transaction there (reads go on); that transaction must not
 * have written, or this one would wait for its lock. Throws what SQLite threw, its code first.
 */
export async function runInWorkerTransaction(
  file: { path: string; timeoutMs: number; cacheKib: number },
  statements: readonly Statement[],
  onEach: (index: number, changes: number) => void,
): Promise<void> {
  const worker = startSqliteWorker(WORKER_SOURCE, {
    path: file.path,
    timeout: file.timeoutMs,
    cacheKib: file.cacheKib,
    statements: statements.map((s) => ({ sql: s.sql, args: s.args.map((a) => sqliteValue(a)) })),
  });
  let outcome: Outcome | undefined;
  await new Promise<void>((resolve, reject) => {
    worker.on("message", (message: FromWorker) => {
      if ("index" in message) onEach(message.index, message.changes);
      else outcome = message;
    });
    worker.once("error", reject);
    worker.once("exit", () => resolve());
  });
  if (outcome && "committed" in outcome) return;
  const failed = outcome?.failed ?? { code: "", message: "the transaction's worker ended without committing" };
  throw new Error(`${failed.code} ${failed.message}`.trim());
}
