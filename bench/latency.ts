// Command latency through the real router on a generated company, each beside the hand-written
// SQL floor; the early-warning sweep over the same data; the peak memory of this process, which is
// the bot serving all of it:
//   npm run bench   (or: npx tsx bench/latency.ts --customers 100000 [--database URL])
// Without --database it generates the workspace first, in a child process (so that generating
// does not count towards this process's memory), on a temporary SQLite file. With --database it
// measures a workspace `npm run bench:data` built there (SQLite or PostgreSQL).
// Prints figures, asserts nothing: timings flake on shared machines.
import { execFileSync } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { performance } from "node:perf_hooks";
import { CONSOLE_WORKSPACE } from "../src/application/app.js";
import type { Caller, Router } from "../src/application/router.js";
import { openDatabase } from "../src/db/client.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import { sweepAlerts } from "../src/domain/alerts/engine.js";
import { prefixUpperBound, queryKeys } from "../src/domain/customers/search-terms.js";
import { BENCH_NOW } from "./clock.js";
import { openFloor, type Floor } from "./floor.js";
import { benchScript } from "./paths.js";
import { benchRouter, flag, numberFlag, percentile } from "./support.js";
import { benchCast } from "./workspace-data.js";

const CUSTOMERS = numberFlag("customers", 100_000);
const RUNS = numberFlag("runs", 1000);
const seconds = (from: number) => ((performance.now() - from) / 1000).toFixed(2);

let url = flag("database");
let dispose = async () => {};
if (!url) {
  // The generator creates and migrates the file: this process opens it as a restarted bot would,
  // without the schema engine, which stays resident in a process once it has migrated.
  const dir = mkdtempSync(join(tmpdir(), "crm-bench-"));
  url = `file:${join(dir, "bench.db")}`;
  dispose = async () => rmSync(dir, { recursive: true, force: true });
  const started = performance.now();
  execFileSync(
    process.execPath,
    [...process.execArgv, benchScript(import.meta.url, "generate"), "--customers", String(CUSTOMERS)],
    {
      env: { ...process.env, DATABASE_URL: url },
      stdio: ["ignore", "inherit", "inherit"],
    },
  );
  console.log(`(generated in a child process in ${seconds(started)} s)`);
}

const db = await openDatabase(url);
const floor = await openFloor(url);
const ws = await db.prisma.workspace.findUniqueOrThrow({
  where: { platform_externalId: { platform: CONSOLE_WORKSPACE.platform, externalId: CONSOLE_WORKSPACE.externalId } },
});
const cast = await benchCast(db, ws.id);
const router = benchRouter(db, () => BENCH_NOW);
const as = (user: { id: number }): Caller => ({ workspaceId: ws.id, userId: user.id });
const team = (await db.prisma.user.findMany({ where: { managerId: cast.manager.id }, select: { id: true } })).map(
  (u) => u.id,
);
const [customers, orders, visits] = await Promise.all([
  db.prisma.customer.count(),
  db.prisma.order.count(),
  db.prisma.visit.count(),
]);
console.log(
  `${db.provider}: ${customers.toLocaleString("en")} customers, ${orders.toLocaleString("en")} orders, ${visits.toLocaleString("en")} visits`,
);

// The sweep first: it opens the alerts that /alert list then shows.
console.log("\n-- early-warning sweep --");
const summary = (blocks: unknown) => JSON.stringify(blocks).match(/"text":"([^"]*)"/)?.[1];
for (const label of ["full sweep", "full sweep again (nothing changes)"]) {
  const started = performance.now();
  const reply = await router.run(as(cast.admin), "/alert run");
  console.log(`/alert run, ${label}: ${seconds(started)} s — ${summary(reply.blocks)}`);
}
const customer = await db.prisma.customer.findFirstOrThrow({
  where: { code: cast.repCustomers[0] },
  select: { id: true },
});
let started = performance.now();
await router.run(as(cast.rep), `/order add ${cast.repCustomers[0]} 500000`);
console.log(`/order add, its incremental sweep included: ${(performance.now() - started).toFixed(1)} ms`);
const scope = scopeToWorkspace(db.prisma, ws.id);
const sweeps: number[] = [];
for (let i = 0; i < 30; i++) {
  started = performance.now();
  await sweepAlerts(scope, ws.id, db.data, BENCH_NOW, { customerIds: [customer.id] });
  sweeps.push(performance.now() - started);
}
sweeps.sort((a, b) => a - b);
console.log(
  `incremental sweep of that one customer: p50 ${percentile(sweeps, 0.5).toFixed(1)} ms, max ${sweeps.at(-1)!.toFixed(1)} ms`,
);

// The floors: what a person writing SQL by hand for each answer would send, nothing more.
const show = await db.prisma.customer.findFirstOrThrow({
  where: { code: cast.repCustomers[1] },
  select: { phone: true },
});
const findSql = (keys: string[], owners: number[] | null) => {
  const ranges = keys.map(() => `(t."term" >= ? AND t."term" < ?)`).join(" OR ");
  const args = keys.flatMap((k) => [k, prefixUpperBound(k)]);
  // PostgreSQL's best plan for a rep seeks each of the rep's customers' keys (see CustomerReads.search).
  if (owners && db.provider === "postgresql") {
    const sql = `SELECT c."id", c."code", c."name", c."type", c."region", MAX(t."weight") AS w FROM "Customer" c
      CROSS JOIN LATERAL (SELECT t."weight" FROM "CustomerSearchTerm" t WHERE t."customerId" = c."id" AND (${ranges})) t
      WHERE c."workspaceId" = ? AND c."ownerId" IN (${owners.join(",")}) GROUP BY c."id", c."code", c."name", c."type", c."region" ORDER BY w DESC LIMIT 10`;
    return (f: Floor) => f.all(sql, [...args, ws.id]);
  }
  const owned = owners ? `AND c."ownerId" IN (${owners.join(",")})` : "";
  const sql = `SELECT c."id", c."code", c."name", c."type", c."region", MAX(t."weight") AS w FROM "CustomerSearchTerm" t JOIN "Customer" c ON c."id" = t."customerId"
    WHERE t."workspaceId" = ? AND (${ranges}) ${owned} GROUP BY c."id", c."code", c."name", c."type", c."region" ORDER BY w DESC LIMIT 10`;
  return (f: Floor) => f.all(sql, [ws.id, ...args]);
};
const showSql = async (f: Floor, code: string) => {
  const [c] = (await f.all(`SELECT * FROM "Customer" WHERE "workspaceId" = ? AND "code" = ?`, [ws.id, code])) as {
    id: number;
    ownerId: number;
  }[];
  const id = c!.id;
  await f.all(`SELECT "name" FROM "User" WHERE "id" = ?`, [c!.ownerId]);
  await f.all(
    `SELECT (SELECT COALESCE(SUM("amount"), 0) FROM "Order" WHERE "workspaceId" = ? AND "customerId" = ? AND "voidedAt" IS NULL) - (SELECT COALESCE(SUM("amount"), 0) FROM "Payment" WHERE "workspaceId" = ? AND "customerId" = ? AND "voidedAt" IS NULL) AS owed`,
    [ws.id, id, ws.id, id],
  );
  await f.all(
    `SELECT "number", "category", "status", "stepDueAt" FROM "Complaint" WHERE "workspaceId" = ? AND "customerId" = ? AND "status" NOT IN ('rejected', 'resolved', 'reviewed') ORDER BY "receivedAt" DESC LIMIT 5`,
    [ws.id, id],
  );
  await f.all(
    `SELECT "number", "rule", "severity" FROM "Alert" WHERE "workspaceId" = ? AND "customerId" = ? AND "status" <> 'resolved' ORDER BY "openedAt" DESC LIMIT 5`,
    [ws.id, id],
  );
  await f.all(
    `SELECT "name", "title", "phone", "role", "stance" FROM "Contact" WHERE "workspaceId" = ? AND "customerId" = ? ORDER BY "role", "id" LIMIT 5`,
    [ws.id, id],
  );
  await f.all(
    `SELECT v."visitedAt", v."channel", v."purpose", v."notes", v."outcome", u."name" FROM "Visit" v JOIN "User" u ON u."id" = v."userId" WHERE v."workspaceId" = ? AND v."customerId" = ? AND v."voidedAt" IS NULL ORDER BY v."visitedAt" DESC LIMIT 3`,
    [ws.id, id],
  );
  await f.all(
    `SELECT "number", "kind", "text", "dueAt" FROM "FollowUp" WHERE "workspaceId" = ? AND "customerId" = ? AND "doneAt" IS NULL ORDER BY "dueAt", "id" LIMIT 1`,
    [ws.id, id],
  );
  await f.all(`SELECT "value" FROM "WorkspaceSetting" WHERE "workspaceId" = ? AND "key" = 'segments'`, [ws.id]);
};
const tomorrow = (f: Floor) => f.date(new Date("2026-11-25T16:00:00Z"));
const followUpsSql = (owners: number[]) => async (f: Floor) => {
  const mine = `"workspaceId" = ${ws.id} AND "doneAt" IS NULL AND "userId" IN (${owners.join(",")})`;
  await f.all(`SELECT COUNT(*) FROM "FollowUp" WHERE ${mine} AND "dueAt" < ?`, [tomorrow(f)]);
  await f.all(
    `SELECT f."number", f."kind", f."text", f."dueAt", c."name", c."code", u."name" FROM "FollowUp" f JOIN "Customer" c ON c."id" = f."customerId" JOIN "User" u ON u."id" = f."userId"
     WHERE f.${mine.replaceAll(' AND "', ' AND f."')} AND f."dueAt" < ? ORDER BY f."dueAt", f."number" LIMIT 10`,
    [tomorrow(f)],
  );
  await f.all(`SELECT COUNT(*) FROM "FollowUp" WHERE ${mine} AND "dueAt" >= ? AND "dueAt" < ?`, [
    tomorrow(f),
    f.date(new Date("2026-12-02T16:00:00Z")),
  ]);
};
const alertsSql = (owners: number[]) => async (f: Floor) => {
  const list = owners.join(",");
  const theirCustomers = `SELECT c."id" FROM "Customer" c WHERE c."workspaceId" = ${ws.id} AND c."ownerId" IN (${list})`;
  // PostgreSQL's best plan looks each customer up given their ids as an array (see AlertReads).
  const ofTheirCustomers = db.provider === "postgresql" ? `= ANY(ARRAY(${theirCustomers}))` : `IN (${theirCustomers})`;
  const union = `SELECT a."id", a."openedAt", a."number" FROM "Alert" a WHERE a."workspaceId" = ${ws.id} AND a."status" <> 'resolved' AND a."customerId" ${ofTheirCustomers}
    UNION SELECT a."id", a."openedAt", a."number" FROM "Alert" a WHERE a."workspaceId" = ${ws.id} AND a."status" <> 'resolved' AND a."assigneeId" IN (${list})`;
  // The page and its count in one pass, cut before anything is joined (see AlertReads).
  await f.all(
    `SELECT a."number", a."rule", a."severity", a."status", a."facts", c."name", o."name", s."name", p."total"
     FROM (SELECT u."id", u."openedAt", u."number", COUNT(*) OVER () AS "total" FROM (${union}) u ORDER BY u."openedAt" DESC, u."number" DESC LIMIT 10) p
     JOIN "Alert" a ON a."id" = p."id" LEFT JOIN "Customer" c ON c."id" = a."customerId"
     LEFT JOIN "User" o ON o."id" = c."ownerId" LEFT JOIN "User" s ON s."id" = a."assigneeId" ORDER BY p."openedAt" DESC, p."number" DESC`,
  );
};

const phoneTail = show.phone!.slice(-8);
const cases: [label: string, caller: Caller, line: string, floor: (f: Floor) => Promise<unknown>][] = [
  ["find by name (rep)", as(cast.rep), "/customer find 华达", findSql(queryKeys("华达"), [cast.rep.id])],
  ["find by initials (rep)", as(cast.rep), "/customer find bjhd", findSql(queryKeys("bjhd"), [cast.rep.id])],
  ["find by phone (rep)", as(cast.rep), `/customer find ${phoneTail}`, findSql([phoneTail], [cast.rep.id])],
  ["find by name (admin, all)", as(cast.admin), "/customer find 华达", findSql(queryKeys("华达"), null)],
  ["find by initials (admin)", as(cast.admin), "/customer find bjhd", findSql(queryKeys("bjhd"), null)],
  [
    "customer show (rep)",
    as(cast.rep),
    `/customer show ${cast.repCustomers[1]}`,
    (f) => showSql(f, cast.repCustomers[1]!),
  ],
  ["/followups (rep)", as(cast.rep), "/followups", followUpsSql([cast.rep.id])],
  ["/followups (manager, team)", as(cast.manager), "/followups", followUpsSql([cast.manager.id, ...team])],
  ["/alert list (rep)", as(cast.rep), "/alert list", alertsSql([cast.rep.id])],
  ["/alert list (manager, team)", as(cast.manager), "/alert list", alertsSql([cast.manager.id, ...team])],
];

/**
 * Runs before the timed ones: V8 optimises a function after some hundreds of calls, and until then
 * a command's p99 measures the compiler. A bot in service has long reached that steady state.
 */
const WARM_UP_RUNS = 300;

/** How many runs of one go before the other takes its turn (see `measureByTurns`). */
const TURN = 50;

/**
 * The command and its floor, in turns of TURN runs each: a shared machine's slow spells, which
 * last seconds, then fall on both alike, where all of one and then all of the other compared a
 * quiet minute with a busy one. Within a turn each runs back to back, as before, so the floor
 * keeps the warm CPU caches of a tight loop.
 */
async function measureByTurns(
  command: () => Promise<unknown>,
  floor: () => Promise<unknown>,
): Promise<[number[], number[]]> {
  for (let i = 0; i < WARM_UP_RUNS; i++) {
    await command();
    await floor();
  }
  const timed = async (run: () => Promise<unknown>, into: number[]) => {
    for (let i = 0; i < TURN; i++) {
      const t0 = performance.now();
      await run();
      into.push(performance.now() - t0);
    }
  };
  const c: number[] = [];
  const f: number[] = [];
  while (c.length < RUNS) {
    await timed(command, c);
    await timed(floor, f);
  }
  return [c.sort((a, b) => a - b), f.sort((a, b) => a - b)];
}

async function routed(router: Router, caller: Caller, line: string) {
  const reply = await router.run(caller, line);
  if (reply.tone === "error") throw new Error(`${line} failed: ${JSON.stringify(reply.blocks)}`);
}

console.log(
  `\n-- latency, ${RUNS} runs each, router and floor in turns of ${TURN}, ms (router = the whole command: parse, access, queries, reply; floor = the same rows by hand-written SQL) --`,
);
console.log("command                        router p50    p99 | floor p50    p99 | ratio p50  p99");
for (const [label, caller, line, sql] of cases) {
  const [r, f] = await measureByTurns(
    () => routed(router, caller, line),
    () => sql(floor),
  );
  const [rp50, rp99, fp50, fp99] = [percentile(r, 0.5), percentile(r, 0.99), percentile(f, 0.5), percentile(f, 0.99)];
  const cells = [rp50, rp99, fp50, fp99].map((v) => v.toFixed(2).padStart(6));
  console.log(
    `${label.padEnd(29)} ${cells[0]} ${cells[1]} | ${cells[2]} ${cells[3]} | ${(rp50 / fp50).toFixed(1).padStart(7)}× ${(rp99 / fp99).toFixed(1).padStart(4)}×`,
  );
}

console.log(
  `\npeak RSS of this process (the bot's router and database, through the sweep and every command above): ${Math.round(process.resourceUsage().maxRSS / 1024)} MB`,
);
await floor.close();
await db.close();
await dispose();
