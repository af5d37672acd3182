// Latency of /customer find and /customer show through the real router on a SQLite file:
//   npm run bench   (or: npm run bench -- --customers=20000)
// Prints p50 and p99 per query; figures, not assertions (timings flake on shared machines).
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { commands } from "../commands/index.js";
import { openDatabase } from "../src/db/client.js";
import { Router } from "../src/core/router.js";
import { customerSearchTerms } from "../src/domain/customers/search-terms.js";
import { ensureUser, ensureWorkspace } from "../src/domain/workspaces.js";
import { createLogger } from "../src/logger.js";

const CUSTOMERS = Number(process.argv.find((a) => a.startsWith("--customers="))?.split("=")[1] ?? 10_000);
const RUNS = 200;
const CITIES = ["北京", "上海", "重庆", "成都", "广州", "深圳", "武汉", "长沙", "西安", "沈阳", "杭州", "南京"];
const CORES = ["华达", "鑫源", "宏发", "金利", "永盛", "恒通", "佳美", "福康", "盛世", "惠民", "友谊", "长江", "张三", "李四", "银行路"];
const SUFFIXES = ["商贸有限公司", "超市", "便利店", "商行", "批发部", "大酒店", "经营部"];

const dir = mkdtempSync(join(tmpdir(), "crm-bench-"));
const db = await openDatabase(`file:${join(dir, "bench.db")}`);
const ws = await ensureWorkspace(db.prisma, { platform: "console", externalId: "bench", name: "bench" }, { locale: "zh-CN", timezone: "Asia/Shanghai", currency: "CNY" });
const admin = await ensureUser(db.prisma, ws.id, { externalId: "console:bench", name: "bench" }, { role: "admin" });

const started = performance.now();
const BATCH = 2_000;
for (let offset = 0; offset < CUSTOMERS; offset += BATCH) {
  const rows = Array.from({ length: Math.min(BATCH, CUSTOMERS - offset) }, (_, i) => {
    const n = offset + i;
    return {
      workspaceId: ws.id,
      code: `C${String(n + 1).padStart(6, "0")}`,
      name: `${CITIES[n % CITIES.length]}${CORES[Math.floor(n / CITIES.length) % CORES.length]}${SUFFIXES[n % SUFFIXES.length]}${n}`,
      type: "dealer",
      phone: `138${String(n).padStart(8, "0")}`,
      ownerId: admin.id,
    };
  });
  const created = await db.prisma.customer.createManyAndReturn({ data: rows, select: { id: true, code: true, name: true, phone: true } });
  await db.prisma.customerSearchTerm.createMany({
    data: created.flatMap((c) => customerSearchTerms(c).map((t) => ({ ...t, workspaceId: ws.id, customerId: c.id }))),
  });
}
const terms = await db.prisma.customerSearchTerm.count();
console.log(`${CUSTOMERS} customers, ${terms} search keys loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const router = new Router({ prisma: db.prisma, commands, logger: createLogger("silent") });
const caller = { workspaceId: ws.id, userId: admin.id };
const queries: [string, string][] = [
  ["find by name", "/customer find 华达"],
  ["find by pinyin initials", "/customer find bjhd"],
  ["find by full pinyin", "/customer find chongqing"],
  ["find by phone tail", "/customer find 00001234"],
  ["show by code", "/customer show C000042"],
];
const percentile = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor(sorted.length * p))]!;
console.log("query                       p50 ms   p99 ms");
for (const [label, line] of queries) {
  for (let i = 0; i < 10; i++) await router.run(caller, line); // warm-up
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const t0 = performance.now();
    await router.run(caller, line);
    times.push(performance.now() - t0);
  }
  times.sort((a, b) => a - b);
  console.log(`${label.padEnd(26)} ${percentile(times, 0.5).toFixed(2).padStart(7)} ${percentile(times, 0.99).toFixed(2).padStart(8)}`);
}
await db.close();
rmSync(dir, { recursive: true, force: true });
