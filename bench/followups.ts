// Latency of /followups and the visit listings through the real router on a SQLite file, for a rep
// with 500 customers and 20,000 visits in a team of ten (issue: "answers in milliseconds"):
//   npm run bench   (or: npx tsx bench/followups.ts --visits=50000)
// Prints p50 and p99 per query; figures, not assertions (timings flake on shared machines).
import { addDays } from "date-fns";
import { performance } from "node:perf_hooks";
import { SETTINGS } from "../src/domain/settings.js";
import { visitDueAt } from "../src/domain/visits/cadence.js";
import { ensureUser, ensureWorkspace } from "../src/domain/workspaces.js";
import { benchDatabase, benchRouter, numberFlag, printLatencies } from "./support.js";

const REPS = 10;
const CUSTOMERS_PER_REP = 500;
const VISITS = numberFlag("visits", 20_000);
/** Visits of the other reps, so that the focus rep's rows are a slice of a bigger table. */
const OTHER_VISITS = numberFlag("other-visits", 2_000);
/** Share of follow-ups still open: most were done long ago. */
const OPEN_SHARE = 0.05;
const NOW = new Date("2026-11-25T02:00:00Z");
const TIERS = ["A", "B", "C", "C", null];

let seed = 42;
const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);

const { db, dispose } = await benchDatabase();
const p = db.prisma;
const ws = await ensureWorkspace(p, { platform: "console", externalId: "bench", name: "bench" }, { locale: "zh-CN", timezone: "Asia/Shanghai", currency: "CNY" });
const manager = await ensureUser(p, ws.id, { externalId: "console:经理", name: "经理" }, { role: "manager" });
const reps = [];
for (let r = 0; r < REPS; r++) {
  const rep = await ensureUser(p, ws.id, { externalId: `console:rep${r}`, name: `业务员${r}` }, { role: "rep" });
  await p.user.update({ where: { id: rep.id }, data: { managerId: manager.id } });
  reps.push(rep);
}

const started = performance.now();
let number = 0;
for (const [r, rep] of reps.entries()) {
  const customers = await p.customer.createManyAndReturn({
    data: Array.from({ length: CUSTOMERS_PER_REP }, (_, i) => ({
      workspaceId: ws.id,
      code: `C${r}${String(i).padStart(4, "0")}`,
      name: `客户${r}-${i}`,
      type: "dealer",
      tier: TIERS[i % TIERS.length],
      ownerId: rep.id,
      createdAt: new Date("2024-01-01T00:00:00Z"),
    })),
    select: { id: true },
  });
  const visits = r === 0 ? VISITS : OTHER_VISITS;
  for (let offset = 0; offset < visits; offset += 1_000) {
    const batch = Array.from({ length: Math.min(1_000, visits - offset) }, () => {
      const customer = customers[Math.floor(rnd() * customers.length)]!;
      return { customer, visitedAt: addDays(NOW, -Math.floor(rnd() * 730) - 1) };
    });
    const created = await p.visit.createManyAndReturn({
      data: batch.map((v) => ({ workspaceId: ws.id, customerId: v.customer.id, userId: rep.id, visitedAt: v.visitedAt, notes: "例行拜访" })),
      select: { id: true, customerId: true, visitedAt: true },
    });
    await p.followUp.createMany({
      data: created.map((v) => {
        const open = rnd() < OPEN_SHARE;
        return {
          workspaceId: ws.id,
          number: ++number,
          kind: rnd() < 0.5 ? "promise" : "next_step",
          text: "送样品",
          visitId: v.id,
          customerId: v.customerId,
          userId: rep.id,
          dueAt: open ? addDays(NOW, Math.floor(rnd() * 60) - 30) : addDays(v.visitedAt, 7),
          doneAt: open ? null : addDays(v.visitedAt, 5),
          createdAt: v.visitedAt,
        };
      }),
    });
  }
  // The last visit and the next due date, as logging the visits would have left them.
  const last = await p.visit.groupBy({ by: ["customerId"], where: { userId: rep.id }, _max: { visitedAt: true } });
  const lastVisit = new Map(last.map((l) => [l.customerId, l._max.visitedAt]));
  const rows = await p.customer.findMany({ where: { ownerId: rep.id } });
  await p.$transaction(
    rows.map((c) => {
      const lastVisitAt = lastVisit.get(c.id) ?? null;
      return p.customer.update({ where: { id: c.id }, data: { lastVisitAt, visitDueAt: visitDueAt({ ...c, lastVisitAt }, SETTINGS.visits.defaults) } });
    }),
  );
}
const [customers, visits, followUps] = await Promise.all([p.customer.count(), p.visit.count(), p.followUp.count()]);
console.log(`${customers} customers, ${visits} visits (${VISITS} by the rep measured), ${followUps} follow-ups loaded in ${((performance.now() - started) / 1000).toFixed(1)} s`);

const router = benchRouter(db, () => NOW);
const rep = { workspaceId: ws.id, userId: reps[0]!.id };
await printLatencies(router, rep, [
  ["/followups (rep)", "/followups"],
  ["/followups page 3 (rep)", "/followups page:3"],
  ["/visit due (rep)", "/visit due"],
  ["/visit list (rep)", "/visit list"],
  ["/visit list customer", "/visit list C00042"],
  ["/customer show (card)", "/customer show C00042"],
]);
await printLatencies(router, { workspaceId: ws.id, userId: manager.id }, [
  ["/followups (manager, 10 reps)", "/followups"],
  ["/visit plan status (manager)", "/visit plan status"],
]);
await dispose();
