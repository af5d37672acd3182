import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { commands } from "../commands/index.js";
import { Router } from "../src/application/router.js";
import type { RunObserver } from "../src/core/observer.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";

/**
 * The database of `--database URL` (migrated, best an empty schema; closed by `dispose`), else a
 * fresh SQLite file in a temp directory, removed by `dispose`.
 */
export async function benchDatabase(): Promise<{ db: Database; url: string; dispose(): Promise<void> }> {
  const given = flag("database");
  if (given) {
    const db = await openDatabase(given);
    return { db, url: given, dispose: () => db.close() };
  }
  const dir = mkdtempSync(join(tmpdir(), "crm-bench-"));
  const url = `file:${join(dir, "bench.db")}`;
  const db = await openDatabase(url);
  return {
    db,
    url,
    async dispose() {
      await db.close();
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

export function benchRouter(db: Database, now?: () => Date, observer?: RunObserver): Router {
  return new Router({
    prisma: db.prisma,
    commands,
    logger: createLogger("silent"),
    ...(now ? { now } : {}),
    ...(observer ? { observer } : {}),
  });
}

/** `--name value` or `--name=value` on the command line, else `fallback`. */
export function flag(name: string): string | undefined {
  const at = process.argv.findIndex((a) => a === `--${name}` || a.startsWith(`--${name}=`));
  if (at < 0) return undefined;
  return process.argv[at]!.includes("=") ? process.argv[at]!.split("=")[1] : process.argv[at + 1];
}

export function numberFlag(name: string, fallback: number): number {
  const value = flag(name);
  if (value === undefined) return fallback;
  if (!/^\d+$/.test(value.replace(/_/g, ""))) throw new Error(`--${name} takes a whole number, not ${value}`);
  return Number(value.replace(/_/g, ""));
}

export const percentile = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
