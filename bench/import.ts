// A large /import orders through the real router, as an admin's file arrives, while a rep keeps
// using the bot: the import's time, the process's peak memory, the longest the event loop was held
// (the longest an acknowledgement could wait) and how long the rep's commands took meanwhile.
//   npm run bench   (or: npx tsx bench/import.ts --customers 20000 --rows 1000000 [--database URL])
// Without --database the workspace is generated in a child process on a temporary SQLite file, so
// that generating does not count towards this process's memory. Prints figures, asserts nothing.
import { execFileSync } from "node:child_process";
import { createWriteStream, mkdtempSync, rmSync } from "node:fs";
import { readFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { monitorEventLoopDelay, performance } from "node:perf_hooks";
import { once } from "node:events";
import { CONSOLE_WORKSPACE } from "../src/application/app.js";
import { openDatabase } from "../src/db/client.js";
import { BENCH_NOW } from "./clock.js";
import { benchScript } from "./paths.js";
import { benchRouter, flag, numberFlag, percentile } from "./support.js";
import { benchCast } from "./workspace-data.js";

const CUSTOMERS = numberFlag("customers", 20_000);
const ROWS = numberFlag("rows", 1_000_000);
const MB = 1024 * 1024;
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(1);

const dir = mkdtempSync(join(tmpdir(), "crm-bench-import-"));
let url = flag("database");
if (!url) {
  url = `file:${join(dir, "bench.db")}`;
  execFileSync(
    process.execPath,
    [...process.execArgv, benchScript(import.meta.url, "generate"), "--customers", String(CUSTOMERS)],
    { env: { ...process.env, DATABASE_URL: url }, stdio: ["ignore", "ignore", "inherit"] },
  );
}

const db = await openDatabase(url);
const ws = await db.prisma.workspace.findUniqueOrThrow({
  where: { platform_externalId: { platform: CONSOLE_WORKSPACE.platform, externalId: CONSOLE_WORKSPACE.externalId } },
});
const cast = await benchCast(db, ws.id);
const codes = (await db.prisma.customer.findMany({ where: { workspaceId: ws.id }, select: { code: true } })).map(
  (c) => c.code,
);

// The file is written a line at a time, so that making it does not count towards the peak either.
const file = join(dir, "orders.csv");
const out = createWriteStream(file);
out.write("单号,客户编码,日期,产品,数量,金额\n");
for (let i = 0; i < ROWS; i++) {
  const line = `BIG-${i},${codes[(i * 7919) % codes.length]},2026-${String(1 + (i % 10)).padStart(2, "0")}-${String(1 + (i % 28)).padStart(2, "0")},矿泉水,${1 + (i % 50)},${(100 + (i % 9000)).toFixed(2)}\n`;
  if (!out.write(line)) await once(out, "drain");
}
out.end();
await once(out, "finish");
const data = await readFile(file);
console.log(
  `${db.provider}: ${codes.length.toLocaleString("en")} customers; a file of ${ROWS.toLocaleString("en")} orders, ${(data.length / MB).toFixed(1)} MB`,
);

const router = benchRouter(db, () => BENCH_NOW);
const rssBefore = process.memoryUsage().rss;
let peakRss = rssBefore;
const sampler = setInterval(() => (peakRss = Math.max(peakRss, process.memoryUsage().rss)), 50);
const loop = monitorEventLoopDelay({ resolution: 10 });
loop.enable();
// Where the longest stalls fall: a timer that should fire every 10 ms, and how late it was.
const stalls: { at: number; ms: number }[] = [];
let tick = performance.now();
const watch = setInterval(() => {
  const now = performance.now();
  if (now - tick > 110) stalls.push({ at: now, ms: now - tick - 10 });
  tick = now;
}, 10);

// The rep looks a customer up every half second while the import runs.
const answers: number[] = [];
let importing = true;
const rep = (async () => {
  for (let i = 0; importing; i++) {
    await new Promise((resolve) => setTimeout(resolve, 500));
    const started = performance.now();
    await router.run(
      { workspaceId: ws.id, userId: cast.rep.id },
      `/customer show ${cast.repCustomers[i % cast.repCustomers.length]}`,
    );
    answers.push(performance.now() - started);
  }
})();

const started = performance.now();
let writing: number | undefined;
let written: number | undefined;
const reply = await router.run(
  {
    workspaceId: ws.id,
    userId: cast.admin.id,
    attachments: [{ name: "orders.csv", data }],
    progress: (line) => {
      if (process.env.BENCH_VERBOSE) console.log(`  … ${line} (${seconds(started)} s)`);
      if (line.includes("/") && writing === undefined) writing = performance.now();
      if (/已导入 ([\d,]+) \/ \1 行/.test(line)) written = performance.now();
    },
  },
  "/import orders",
);
const finished = performance.now();
importing = false;
await rep;
loop.disable();
clearInterval(sampler);
clearInterval(watch);

const heading = (reply.blocks[0] as { text?: string }).text;
console.log(`/import orders: ${seconds(started)} s in all — ${heading}`);
if (writing !== undefined && written !== undefined)
  console.log(
    `  reading and checking ${((writing - started) / 1000).toFixed(1)} s, writing in one transaction ${((written - writing) / 1000).toFixed(1)} s, the sweep after it ${((finished - written) / 1000).toFixed(1)} s`,
  );
console.log(
  `  peak RSS ${(peakRss / MB).toFixed(0)} MB (before the import ${(rssBefore / MB).toFixed(0)} MB; the process's maximum ${(process.resourceUsage().maxRSS / 1024).toFixed(0)} MB)`,
);
console.log(
  `  event loop held at most ${(loop.max / 1e6).toFixed(0)} ms at a time (p99 ${(loop.percentile(99) / 1e6).toFixed(0)} ms): the longest an acknowledgement waited`,
);
const phase = (at: number) =>
  writing === undefined || at < writing ? "reading" : written === undefined || at <= written ? "writing" : "sweep";
const byPhase = new Map<string, number[]>();
for (const stall of stalls) byPhase.set(phase(stall.at), [...(byPhase.get(phase(stall.at)) ?? []), stall.ms]);
console.log(
  `  stalls over 100 ms: ${stalls.length}${[...byPhase].map(([p, ms]) => `; ${p} ${ms.length} (worst ${Math.max(...ms).toFixed(0)} ms)`).join("")}`,
);
const sorted = [...answers].sort((a, b) => a - b);
if (sorted.length > 0)
  console.log(
    `  a rep's /customer show meanwhile (${sorted.length} runs): p50 ${percentile(sorted, 0.5).toFixed(0)} ms, worst ${sorted.at(-1)!.toFixed(0)} ms`,
  );
await db.close();
rmSync(dir, { recursive: true, force: true });
