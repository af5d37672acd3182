import { UNOBSERVED } from "../src/core/observer.js";
// Fills the console workspace with a realistic team and a few hundred customers, so that every
// command can be tried at once:  npm run seed:demo   (then: npm start -- --user 王伟)
// Deterministic: the same data every time. Skips a workspace that already has customers.
import { CONSOLE_WORKSPACE } from "../src/application/app.js";
import { loadConfig } from "../src/config.js";
import type { Role } from "../src/core/roles.js";
import { openDatabase } from "../src/db/client.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import { escalateOverdueComplaints } from "../src/domain/complaints/escalation.js";
import { createServices } from "../src/domain/services.js";
import { createLogger } from "../src/logger.js";
import { monthOf, monthsBack, startOfDayIn } from "../src/core/dates.js";
import type { Customer } from "../src/db/repositories/customers.js";
import { ensureUser, ensureWorkspace } from "../src/domain/workspaces.js";
import {
  CITIES,
  COMPLAINT_PATH,
  COMPLAINTS,
  CORES,
  GIVEN,
  HOBBIES,
  NEXT_STEPS,
  NOTES,
  PEOPLE,
  picker,
  PRODUCTS,
  PROMISES,
  PURPOSES,
  random,
  SOURCES,
  SUFFIXES,
  SURNAMES,
  TITLES,
} from "./sample-data.js";

const CUSTOMERS = Number(process.argv.find((a) => a.startsWith("--customers="))?.split("=")[1] ?? 300);

const rnd = random(20261125);
const pick = picker(rnd);

/** How far back the demo's orders reach. */
const TRADING_MONTHS = 14;
/** How far back the demo's visit history reaches. */
const HISTORY_DAYS = 120;
const DAY_MS = 86_400_000;

const config = loadConfig(process.env);
const db = await openDatabase(config.databaseUrl);
const workspace = await ensureWorkspace(db.prisma, CONSOLE_WORKSPACE, config);
const existing = await db.prisma.customer.count({ where: { workspaceId: workspace.id } });
if (existing > 0) {
  console.log(`The console workspace already has ${existing} customers; nothing seeded.`);
  await db.close();
  process.exit(0);
}

const team = async (name: string, role: "rep" | "manager" | "admin", managerId?: number) => {
  const user = await ensureUser(db.prisma, workspace.id, { externalId: `console:${name}`, name }, { role });
  if (managerId) await db.prisma.user.update({ where: { id: user.id }, data: { managerId } });
  return { ...user, workspaceId: workspace.id };
};
const admin = await team(config.console.user, "admin");
const manager = await team("李经理", "manager");
const reps = [
  await team("王伟", "rep", manager.id),
  await team("张敏", "rep", manager.id),
  await team("刘洋", "rep", manager.id),
  await team("陈静", "rep", manager.id),
];
const otherManager = await team("赵经理", "manager");
reps.push(await team("杨帆", "rep", otherManager.id), await team("黄磊", "rep", otherManager.id));

const scope = scopeToWorkspace(db.prisma, workspace.id);
/** The services as `user` saw them at `at`: visits are logged the day they happened. */
const servicesAt = (user: { id: number; workspaceId: number; name: string; role: string }, at: Date) =>
  createServices({
    db: scope,
    data: db.data,
    actor: { id: user.id, workspaceId: user.workspaceId, name: user.name, role: user.role as Role },
    now: () => at,
    timezone: workspace.timezone,
    logger: createLogger("warn"),
    limits: config.limits,
    observer: UNOBSERVED,
  });
// Names that the README's examples use come first.
const names = new Set(["张三商行", "北京华达商贸有限公司", "重庆百货大楼", "北京华达超市", "重庆鑫源批发部"]);
while (names.size < CUSTOMERS) {
  const type = pick(Object.keys(SUFFIXES));
  const region = pick(Object.keys(CITIES));
  const core = rnd() < 0.15 ? pick(PEOPLE) : pick(CORES);
  names.add(`${rnd() < 0.8 ? pick(CITIES[region]!) : ""}${core}${pick(SUFFIXES[type]!)}`);
}

let added = 0;
for (const name of names) {
  const type = Object.entries(SUFFIXES).find(([, s]) => s.some((x) => name.endsWith(x)))?.[0] ?? "retailer";
  const region =
    Object.entries(CITIES).find(([, cities]) => cities.some((c) => name.startsWith(c)))?.[0] ??
    pick(Object.keys(CITIES));
  const city = CITIES[region]!.find((c) => name.startsWith(c)) ?? pick(CITIES[region]!);
  const owner = pick(reps);
  const since = new Date(Date.now() - Math.floor(rnd() * 8 * 365) * 86_400_000);
  // Entered before the visit history starts, so that its visits come after it.
  const customer = await servicesAt(admin, new Date(Date.now() - HISTORY_DAYS * DAY_MS - DAY_MS)).customers.add(
    {
      name,
      type,
      region,
      route: `${region}${1 + Math.floor(rnd() * 4)}线`,
      phone: `1${pick(["38", "39", "58", "86", "37"])}${String(Math.floor(rnd() * 1e8)).padStart(8, "0")}`,
      address: `${city}市${pick(["人民路", "解放路", "中山路", "建设路", "长江路"])}${1 + Math.floor(rnd() * 300)}号`,
      source: pick(SOURCES),
      relationSince: since,
      status: rnd() < 0.08 ? "prospect" : "active",
      creditLimit: BigInt(pick([0, 20_000, 50_000, 100_000, 200_000, 500_000])) * 100n,
      legalRep: `${pick(SURNAMES)}${pick(GIVEN)}`,
    },
    owner.name,
  );
  // A customer's contacts have distinct names (the service refuses a duplicate).
  const contactNames = new Set<string>();
  const contactCount = 1 + Math.floor(rnd() * 3);
  while (contactNames.size < contactCount) contactNames.add(`${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`);
  let i = 0;
  for (const contactName of contactNames) {
    await servicesAt(admin, new Date()).contacts.add(customer, {
      name: contactName,
      title: pick(TITLES),
      phone: `13${String(Math.floor(rnd() * 1e9)).padStart(9, "0")}`,
      role: i++ === 0 ? "decision" : pick(["handler", "influencer"]),
      stance: pick(["supporter", "supporter", "neutral", "opponent"]),
      hobbies: rnd() < 0.5 ? pick(HOBBIES) : undefined,
    });
  }
  await seedVisits(customer, owner, [...contactNames]);
  added++;
}
// This month's plan for each rep: a few of their customers, on days still ahead.
const today = new Date();
const month = monthOf(today, workspace.timezone);
for (const rep of reps) {
  const theirs = await db.prisma.customer.findMany({
    where: { ownerId: rep.id },
    select: { id: true, name: true, code: true },
    take: 6,
  });
  const entries = theirs
    .map((customer, i) => ({
      customer,
      date: startOfDayIn(new Date(today.getTime() + (1 + i * 2) * DAY_MS), workspace.timezone),
    }))
    .filter((e) => monthOf(e.date, workspace.timezone) === month);
  if (entries.length > 0) await servicesAt(rep, today).visitPlans.set(rep.id, month, entries, false);
}
await seedComplaints();
await seedTrading();
// Tiers, then every rule swept over the demo data.
await servicesAt(admin, new Date()).segments.run();
// The notifications of this made-up past were "sent" back then; the console should not replay them.
await db.prisma.outboxMessage.updateMany({
  where: { workspaceId: workspace.id },
  data: { status: "sent", sentAt: new Date() },
});
const [visits, followUps, complaints] = await Promise.all([
  db.prisma.visit.count(),
  db.prisma.followUp.count({ where: { doneAt: null } }),
  db.prisma.complaint.count(),
]);
console.log(`Seeded ${added} customers, ${reps.length} reps and 2 managers in the console workspace,`);
console.log(
  `with ${visits} visits over the last ${HISTORY_DAYS} days, ${followUps} open follow-ups, ${complaints} complaints and this month's visit plans,`,
);
console.log(
  `${await db.prisma.order.count()} orders over ${TRADING_MONTHS} months with payments, plans, budgets and expenses, and ABC tiers.`,
);
console.log("Try: npm start -- --user 王伟   then   /customer find zs, /followups, /visit due");
await db.close();

/**
 * Up to five visits by the owner over the last months, logged as on the day they happened: some
 * with promises or a next step, so that follow-ups are kept, answered by a later visit, or overdue.
 */
async function seedVisits(customer: Customer, owner: typeof admin, contacts: string[]) {
  const count = Math.floor(rnd() * 6);
  const days = Array.from({ length: count }, () => 1 + Math.floor(rnd() * HISTORY_DAYS)).sort((a, b) => b - a);
  for (const daysAgo of days) {
    const at = new Date(Date.now() - daysAgo * DAY_MS);
    const current = await db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
    const logged = await servicesAt(owner, at).visits.log(current, {
      channel: pick(["onsite", "onsite", "phone", "online"]),
      purpose: pick(PURPOSES),
      contactNames: rnd() < 0.6 ? [pick(contacts)] : [],
      notes: pick(NOTES),
      nextStep: rnd() < 0.4 ? pick(NEXT_STEPS) : undefined,
      followUpOn:
        rnd() < 0.4
          ? startOfDayIn(new Date(at.getTime() + (3 + Math.floor(rnd() * 14)) * DAY_MS), workspace.timezone)
          : undefined,
      promises: rnd() < 0.3 ? [pick(PROMISES)] : [],
    });
    // Most promises are kept within days; the rest stay open and show up in /followups.
    for (const f of logged.followUps.filter((f) => f.kind === "promise")) {
      if (rnd() < 0.7)
        await servicesAt(owner, new Date(at.getTime() + 2 * DAY_MS)).followUps.done(String(f.number), undefined);
    }
  }
}

/** A score of complaints over the last two months, most of them closed, some overdue and escalated. */
async function seedComplaints() {
  const customers = await db.prisma.customer.findMany({
    where: { workspaceId: workspace.id },
    take: 20,
    orderBy: { id: "desc" },
  });
  for (const customer of customers) {
    const owner = await db.prisma.user.findUniqueOrThrow({ where: { id: customer.ownerId! } });
    const [category, description] = pick(COMPLAINTS);
    let at = new Date(Date.now() - (2 + Math.floor(rnd() * 60)) * DAY_MS);
    const filed = await servicesAt(owner, at).complaints.file(customer, { category, description });
    const steps = Math.floor(rnd() * (COMPLAINT_PATH.length + 1));
    for (const [action, text] of COMPLAINT_PATH.slice(0, steps)) {
      at = new Date(at.getTime() + Math.floor(rnd() * 2 * DAY_MS));
      if (at > new Date()) break;
      const actor =
        action === "approve"
          ? owner.managerId
            ? await db.prisma.user.findUniqueOrThrow({ where: { id: owner.managerId } })
            : admin
          : owner;
      await servicesAt(actor, at).complaints.act(String(filed.number), action, text);
    }
  }
  await escalateOverdueComplaints(db.prisma, new Date());
}

/**
 * Orders for every customer over the last months with a long tail (a few customers buy most, as
 * ABC expects), payments for most of them, monthly plans and quarterly budgets for the bigger ones.
 */
async function seedTrading() {
  const customers = await db.prisma.customer.findMany({
    where: { workspaceId: workspace.id },
    select: { id: true, ownerId: true },
    orderBy: { id: "asc" },
  });
  const monthMs = 30 * DAY_MS;
  const orders: {
    workspaceId: number;
    customerId: number;
    orderedAt: Date;
    product: string;
    spec: string;
    quantity: number;
    amount: bigint;
    settled: boolean;
  }[] = [];
  const payments: { workspaceId: number; customerId: number; paidAt: Date; amount: bigint }[] = [];
  const plans: { workspaceId: number; customerId: number; month: string; amount: bigint }[] = [];
  for (const customer of customers) {
    // Size follows a power law; some customers stopped buying a few months ago (for churn later).
    const size = Math.floor(200_000 * rnd() ** 4) + 500;
    const stoppedMonthsAgo = rnd() < 0.1 ? 2 + Math.floor(rnd() * 6) : 0;
    for (let m = TRADING_MONTHS; m > stoppedMonthsAgo; m--) {
      if (rnd() < 0.25) continue;
      const [product, spec] = pick(PRODUCTS);
      const amount = BigInt(Math.floor(size * (0.6 + rnd() * 0.8))) * 100n;
      const orderedAt = new Date(Date.now() - m * monthMs + Math.floor(rnd() * 25) * DAY_MS);
      orders.push({
        workspaceId: workspace.id,
        customerId: customer.id,
        orderedAt,
        product,
        spec,
        quantity: Math.ceil(Number(amount) / 100 / 40),
        amount,
        settled: m > 2,
      });
      if (m > 1 && rnd() < 0.9)
        payments.push({
          workspaceId: workspace.id,
          customerId: customer.id,
          paidAt: new Date(orderedAt.getTime() + 20 * DAY_MS),
          amount,
        });
    }
    if (size > 40_000) {
      for (const month of monthsBack(monthOf(new Date(), workspace.timezone), 6)) {
        plans.push({
          workspaceId: workspace.id,
          customerId: customer.id,
          month,
          amount: BigInt(Math.round(size / 1000) * 1000) * 100n,
        });
      }
    }
  }
  // Demo entries are numbered from 1 (JH-0001, HK-0001) and the counters continue after them.
  await db.prisma.order.createMany({ data: orders.map((o, i) => ({ ...o, number: i + 1 })) });
  await db.prisma.payment.createMany({ data: payments.map((p, i) => ({ ...p, number: i + 1 })) });
  await db.prisma.counter.createMany({
    data: [
      { workspaceId: workspace.id, name: "order", value: orders.length },
      { workspaceId: workspace.id, name: "payment", value: payments.length },
    ],
  });
  await db.prisma.salesPlan.createMany({ data: plans });
  for (const customer of customers.slice(0, 30)) {
    const services = servicesAt(admin, new Date());
    const record = await db.prisma.customer.findUniqueOrThrow({ where: { id: customer.id } });
    await services.trading.setBudget(record, quarterOf(new Date()), 500_000n);
    await services.trading.addExpense(record, {
      amount: BigInt(100_000 + Math.floor(rnd() * 600_000)),
      category: pick(["招待", "促销", "运费", "赠品"]),
    });
  }
  for (const customer of customers) {
    const last = orders.filter((o) => o.customerId === customer.id).at(-1);
    if (last) await db.prisma.customer.update({ where: { id: customer.id }, data: { lastOrderAt: last.orderedAt } });
  }
}

function quarterOf(date: Date): string {
  const [year, month] = monthOf(date, workspace.timezone).split("-").map(Number) as [number, number];
  return `${year}-Q${Math.ceil(month / 3)}`;
}
