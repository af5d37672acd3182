// ABC segmentation at scale, through the real router (imports: bench/import.ts):
//   npm run bench   (or: npx tsx bench/abc.ts --customers=100000 --orders=1000000 [--database URL])
// On a temporary SQLite file, or on the database of --database (its "bench" workspace is replaced).
// Prints durations; figures, not assertions (timings flake on shared machines).
import { performance } from "node:perf_hooks";
import { UNOBSERVED } from "../src/core/observer.js";
import { ensureUser, ensureWorkspace } from "../src/domain/workspaces.js";
import { loadTradingData } from "./data.js";
import { benchDatabase, benchRouter, numberFlag } from "./support.js";

const CUSTOMERS = numberFlag("customers", 100_000);
const ORDERS = numberFlag("orders", 1_000_000);
const NOW = new Date("2026-11-25T02:00:00Z");

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

const { db, dispose } = await benchDatabase();
const p = db.prisma;
const BENCH_WORKSPACE = { platform: "console" as const, externalId: "bench", name: "bench" };
await p.workspace.deleteMany({ where: { platform: BENCH_WORKSPACE.platform, externalId: BENCH_WORKSPACE.externalId } });
const ws = await ensureWorkspace(p, BENCH_WORKSPACE, { locale: "zh-CN", timezone: "Asia/Shanghai", currency: "CNY" });
const admin = await ensureUser(p, ws.id, { externalId: "console:bench", name: "bench" }, { role: "admin" });

let started = performance.now();
await loadTradingData(db, ws.id, admin.id, {
  customers: CUSTOMERS,
  orders: ORDERS,
  now: NOW,
});
// As after any bulk load: the planner's statistics, which the bot would otherwise gather at its
// next start (an import gathers them itself). Without them SQLite joined a month of orders to
// the customers through the date index, and the sweep took 20 s instead of 6. On PostgreSQL also
// what autovacuum does within a minute of such a load (it is off on some servers, as on ours):
// the visibility map, without which the ledgers' covering index reads the table after all.
await p.$executeRawUnsafe(db.provider === "postgresql" ? "VACUUM ANALYZE" : "ANALYZE");
// And the load's log written out and cut back, before the clock starts. SQLite's load leaves some
// 8 GB of log: the checkpoint worker copies it within seconds, but the file keeps its size until
// the first commit after the log starts over cuts it back (journal_size_limit), and that commit,
// a sweep's, held the event loop 2.8–3 s doing so. PostgreSQL's checkpointer likewise writes out
// the load's gigabyte of log within minutes: whether the segment run met that checkpoint was chance.
if (db.provider === "sqlite") await truncateSqliteLog();
else await p.$executeRawUnsafe("CHECKPOINT");
console.log(`${db.provider}: ${CUSTOMERS} customers and ${ORDERS} orders loaded in ${seconds(started)} s`);

const sweeps: number[] = [];
let now = NOW;
const router = benchRouter(db, () => now, { ...UNOBSERVED, swept: (_, s) => void sweeps.push(s) });
const caller = { workspaceId: ws.id, userId: admin.id };
// A workspace meets its first segment run already swept: by the import that brought its orders,
// or by the hourly sweep. That first sweep is measured on its own (bench/latency.ts has it too).
started = performance.now();
await router.run(caller, "/alert run");
console.log(`/alert run, the first sweep before any tier: ${seconds(started)} s`);
for (const run of ["first run (every customer gets a tier)", "second run, an hour later (nothing changes)"]) {
  // A later run, as the nightly one is.
  if (run.startsWith("second")) now = new Date(NOW.getTime() + 3_600_000);
  started = performance.now();
  sweeps.length = 0;
  const reply = await router.run(caller, "/segment run");
  if (reply.tone === "error") throw new Error(JSON.stringify(reply.blocks));
  // A first run sweeps every customer by the rules it moved for most, and the few others' by the rest.
  const sweep =
    sweeps.length === 0 ? "no sweep after it" : `the sweeps after it ${sweeps.map((s) => s.toFixed(1)).join(" + ")} s`;
  console.log(`/segment run, ${run}: ${seconds(started)} s (${sweep})`);
}
started = performance.now();
await router.run(caller, "/report abc");
console.log(`/report abc with its Pareto chart: ${seconds(started)} s`);

await dispose();

/**
 * Copies the log into the file and cuts it to nothing. While the checkpoint worker is copying (a
 * quarter of the time after this load) SQLite answers busy and leaves the log at full size, so it
 * is asked again: taking the first answer did so in about one load of four.
 */
async function truncateSqliteLog(): Promise<void> {
  for (let attempt = 1; ; attempt++) {
    const [result] = await p.$queryRawUnsafe<{ busy: unknown; log: unknown }[]>("PRAGMA wal_checkpoint(TRUNCATE)");
    if (Number(result?.busy) === 0 && Number(result?.log) === 0) return;
    if (attempt === 40)
      throw new Error(`the log could not be cut back: busy ${String(result?.busy)}, ${String(result?.log)} pages`);
    await new Promise((resolve) => setTimeout(resolve, 250));
  }
}
