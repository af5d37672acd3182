// The early-warning sweep over a large workspace, through the real router (/alert run) on SQLite:
//   npm run bench   (or: npx tsx bench/sweep.ts --customers=100000 --orders=1000000)
// Prints durations; figures, not assertions (timings flake on shared machines).
import { performance } from "node:perf_hooks";
import { scopeToWorkspace } from "../src/db/scope.js";
import { sweepAlerts } from "../src/domain/alerts/engine.js";
import { ensureUser, ensureWorkspace } from "../src/domain/workspaces.js";
import { loadTradingData } from "./data.js";
import { benchDatabase, benchRouter, numberFlag } from "./support.js";

const CUSTOMERS = numberFlag("customers", 100_000);
const ORDERS = numberFlag("orders", 1_000_000);
const NOW = new Date("2026-11-25T02:00:00Z");
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2);

const { db, dispose } = await benchDatabase();
const ws = await ensureWorkspace(db.prisma, { platform: "console", externalId: "bench", name: "bench" }, { locale: "zh-CN", timezone: "Asia/Shanghai", currency: "CNY" });
const admin = await ensureUser(db.prisma, ws.id, { externalId: "console:bench", name: "bench" }, { role: "admin" });
let started = performance.now();
const { customerIds } = await loadTradingData(db, ws.id, admin.id, { customers: CUSTOMERS, orders: ORDERS, payments: Math.floor(ORDERS * 0.8), now: NOW });
// Limits on a tenth of the customers, so that the receivables rule has work to do.
for (let i = 0; i < customerIds.length; i += 10_000) {
  await db.prisma.customer.updateMany({ where: { id: { in: customerIds.slice(i, i + 10_000).filter((_, k) => k % 10 === 0) } }, data: { creditLimit: 1_000_000n } });
}
console.log(`${CUSTOMERS} customers, ${ORDERS} orders, ${Math.floor(ORDERS * 0.8)} payments loaded in ${seconds(started)} s`);

const router = benchRouter(db, () => NOW);
const caller = { workspaceId: ws.id, userId: admin.id };
const summary = (blocks: unknown) => JSON.stringify(blocks).match(/"text":"([^"]*)"/)?.[1];
started = performance.now();
const first = await router.run(caller, "/alert run");
console.log(`/alert run, first sweep (opens every alert, queues its messages): ${seconds(started)} s — ${summary(first.blocks)}`);
started = performance.now();
const second = await router.run(caller, "/alert run");
console.log(`/alert run again (nothing changes): ${seconds(started)} s — ${summary(second.blocks)}`);

const scope = scopeToWorkspace(db.prisma, ws.id);
const customer = customerIds[Math.floor(customerIds.length / 2)]!;
await db.prisma.order.create({ data: { workspaceId: ws.id, customerId: customer, orderedAt: NOW, amount: 50_000_000n } });
const times: number[] = [];
for (let i = 0; i < 20; i++) {
  const t0 = performance.now();
  await sweepAlerts(scope, ws.id, db.provider, NOW, { customerIds: [customer] });
  times.push(performance.now() - t0);
}
times.sort((a, b) => a - b);
console.log(`incremental sweep of one customer after a new order: p50 ${times[10]!.toFixed(1)} ms, max ${times.at(-1)!.toFixed(1)} ms`);
await dispose();
