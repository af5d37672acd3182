// Latency of /customer find and /customer show through the real router on a SQLite file:
//   npm run bench   (or: npm run bench -- --customers=20000)
// Prints p50 and p99 per query; figures, not assertions (timings flake on shared machines).
import { performance } from "node:perf_hooks";
import { customerSearchTerms } from "../src/domain/customers/search-terms.js";
import { ensureUser, ensureWorkspace } from "../src/domain/workspaces.js";
import { benchDatabase, benchRouter, numberFlag, printLatencies } from "./support.js";

const CUSTOMERS = numberFlag("customers", 10_000);
const CITIES = ["北京", "上海", "重庆", "成都", "广州", "深圳", "武汉", "长沙", "西安", "沈阳", "杭州", "南京"];
const CORES = ["华达", "鑫源", "宏发", "金利", "永盛", "恒通", "佳美", "福康", "盛世", "惠民", "友谊", "长江", "张三", "李四", "银行路"];
const SUFFIXES = ["商贸有限公司", "超市", "便利店", "商行", "批发部", "大酒店", "经营部"];

const { db, dispose } = await benchDatabase();
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

await printLatencies(benchRouter(db), { workspaceId: ws.id, userId: admin.id }, [
  ["find by name", "/customer find 华达"],
  ["find by pinyin initials", "/customer find bjhd"],
  ["find by full pinyin", "/customer find chongqing"],
  ["find by phone tail", "/customer find 00001234"],
  ["show by code", "/customer show C000042"],
]);
await dispose();
