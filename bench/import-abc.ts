// CSV import and ABC segmentation at scale, through the real router on a SQLite file:
//   npm run bench   (or: npx tsx bench/import-abc.ts --customers=100000 --orders=1000000 --import-orders=100000)
// Prints durations; figures, not assertions (timings flake on shared machines).
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { ensureUser, ensureWorkspace } from "../src/domain/workspaces.js";
import { loadTradingData } from "./data.js";
import { benchDatabase, benchRouter, numberFlag } from "./support.js";

const CUSTOMERS = numberFlag("customers", 100_000);
const ORDERS = numberFlag("orders", 1_000_000);
const IMPORT_ORDERS = numberFlag("import-orders", 100_000);
const NOW = new Date("2026-11-25T02:00:00Z");

const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

const { db, dispose } = await benchDatabase();
const p = db.prisma;
const ws = await ensureWorkspace(
  p,
  { platform: "console", externalId: "bench", name: "bench" },
  { locale: "zh-CN", timezone: "Asia/Shanghai", currency: "CNY" },
);
const admin = await ensureUser(p, ws.id, { externalId: "console:bench", name: "bench" }, { role: "admin" });

let started = performance.now();
const { customerIndex } = await loadTradingData(db, ws.id, admin.id, {
  customers: CUSTOMERS,
  orders: ORDERS,
  now: NOW,
});
console.log(`${CUSTOMERS} customers and ${ORDERS} orders loaded in ${seconds(started)} s`);

const router = benchRouter(db, () => NOW);
const caller = { workspaceId: ws.id, userId: admin.id };
for (const run of ["first run (every customer gets a tier)", "second run (nothing changes)"]) {
  started = performance.now();
  const reply = await router.run(caller, "/segment run");
  if (reply.tone === "error") throw new Error(JSON.stringify(reply.blocks));
  console.log(`/segment run, ${run}: ${seconds(started)} s`);
}
started = performance.now();
await router.run(caller, "/report abc");
console.log(`/report abc with its Pareto chart: ${seconds(started)} s`);

const file = join(db.dir, "orders.csv");
const lines = ["单号,客户编码,日期,产品,数量,金额"];
for (let i = 0; i < IMPORT_ORDERS; i++) {
  lines.push(
    `IMP-${i},K${customerIndex()},2026-${String(1 + (i % 10)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")},矿泉水,${1 + (i % 50)},${(100 + (i % 9000)).toFixed(2)}`,
  );
}
writeFileSync(file, `${lines.join("\n")}\n`);
let reports = 0;
// Platforms acknowledge before touching the database, but not before the event loop gives them a
// turn: the longest stretch the import holds it is the longest an acknowledgement can wait.
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
started = performance.now();
const imported = await router.run({ ...caller, progress: () => reports++ }, `/import orders ${file}`);
loop.disable();
console.log(
  `/import orders of ${IMPORT_ORDERS} rows: ${seconds(started)} s, ${reports} progress reports — ${JSON.stringify(imported.blocks[0])}`,
);
console.log(
  `  event loop held at most ${(loop.max / 1e6).toFixed(0)} ms at a time during it (p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms)`,
);
started = performance.now();
await router.run(caller, `/import orders ${file}`);
console.log(`the same file again (nothing new): ${seconds(started)} s`);
await dispose();
