import { addDays } from "date-fns/addDays";
import type { Role } from "../src/core/roles.js";
import { monthOf, monthsBack, startOfDayIn } from "../src/core/dates.js";
import { insertRows } from "../src/db/bulk.js";
import type { Database } from "../src/db/client.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import { customerSearchTerms } from "../src/domain/customers/search-terms.js";
import { recomputeSegments } from "../src/domain/segments/recompute.js";
import {
  CITIES,
  COMPLAINT_PATH,
  COMPLAINTS,
  CORES,
  GIVEN,
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
} from "../scripts/sample-data.js";

export interface WorkspaceSize {
  customers: number;
  /** Orders in all; each customer's share is long-tailed (a few buy most, as ABC expects). */
  orders: number;
  visits: number;
  /** Complaints filed over the last half year, most of them closed. */
  complaints: number;
}

/** The bench's defaults for a number of customers: 10 orders and 3 visits each, 1 complaint in 100. */
export function sizeFor(customers: number, overrides: Partial<WorkspaceSize> = {}): WorkspaceSize {
  return {
    customers,
    orders: customers * 10,
    visits: customers * 3,
    complaints: Math.ceil(customers / 100),
    ...overrides,
  };
}

export interface BenchCast {
  admin: { id: number; name: string };
  manager: { id: number; name: string };
  /** The rep with the most customers' orders: a busy rep, for the latency figures. */
  rep: { id: number; name: string };
  /** Codes of customers in `rep`'s book, biggest first. */
  repCustomers: string[];
}

export interface GeneratedWorkspace extends BenchCast {
  counts: Record<string, number>;
}

/** Who the benchmarks speak as in a generated workspace: its admin, its busiest rep and their manager. */
export async function benchCast(db: Database, workspaceId: number): Promise<BenchCast> {
  const p = db.prisma;
  const admin = await p.user.findFirstOrThrow({
    where: { workspaceId, role: "admin" },
    select: { id: true, name: true },
    orderBy: { id: "asc" },
  });
  const busiest = await p.customer.groupBy({
    by: ["ownerId"],
    where: { workspaceId, tier: "A" },
    _count: { _all: true },
    orderBy: [{ _count: { ownerId: "desc" } }, { ownerId: "asc" }],
    take: 1,
  });
  const rep = await p.user.findFirstOrThrow({
    where: { workspaceId, role: "rep", ...(busiest[0]?.ownerId ? { id: busiest[0].ownerId } : {}) },
    select: { id: true, name: true, managerId: true },
  });
  const manager = await p.user.findUniqueOrThrow({ where: { id: rep.managerId! }, select: { id: true, name: true } });
  const book = await p.customer.findMany({
    where: { ownerId: rep.id },
    select: { code: true },
    orderBy: [{ tier: "asc" }, { id: "asc" }],
    take: 20,
  });
  return { admin, manager, rep: { id: rep.id, name: rep.name }, repCustomers: book.map((c) => c.code) };
}

const DAY_MS = 86_400_000;
const CUSTOMERS_PER_REP = 200;
const REPS_PER_MANAGER = 10;
/** How many rows are built in memory before they are written: the generator streams, too. */
const FLUSH = 50_000;
const TYPES = Object.keys(SUFFIXES);
/** Where a complaint stands after the first n steps of COMPLAINT_PATH. */
const COMPLAINT_STAGES = [
  "recorded",
  "validated",
  "assigned",
  "analysed",
  "proposed",
  "approved",
  "resolved",
  "reviewed",
];
const REGIONS = Object.keys(CITIES);

/**
 * Fills an empty workspace with a company's worth of data, written with multi-row inserts (the
 * services would take hours for a million orders): a team of reps under managers, customers with
 * Chinese names across regions and their contacts, long-tailed orders with payments, visits with
 * their follow-ups, complaints at every step, sales and visit plans. Then the bot's own ABC run
 * sets tiers and visit due dates. Deterministic for a seed.
 */
export async function generateWorkspace(
  db: Database,
  workspace: { id: number; timezone: string },
  admin: { id: number; name: string },
  size: WorkspaceSize,
  now: Date,
  seed = 20261125,
): Promise<GeneratedWorkspace> {
  const rnd = random(seed);
  const pick = picker(rnd);
  const p = db.prisma;
  const wsId = workspace.id;
  const insert = (table: string, columns: string[], rows: unknown[][]) =>
    insertRows(p, db.provider, table, columns, rows);
  /** A log-normal draw with mean 1: most values small, a few very large. */
  const longTail = (sigma: number) =>
    Math.exp(sigma * Math.sqrt(-2 * Math.log(1 - rnd())) * Math.cos(2 * Math.PI * rnd()) - (sigma * sigma) / 2);
  const daysAgo = (days: number) => new Date(now.getTime() - days * DAY_MS);

  /** Writes the rows `rowsOf(0 … count-1)` make, FLUSH at a time; returns how many there were. */
  const buffered = async (table: string, columns: string[], count: number, rowsOf: (n: number) => unknown[][]) => {
    const rows: unknown[][] = [];
    let written = 0;
    for (let n = 0; n < count; n++) {
      rows.push(...rowsOf(n));
      if (rows.length >= FLUSH) {
        written += rows.length;
        await insert(table, columns, rows.splice(0));
      }
    }
    await insert(table, columns, rows);
    return written + rows.length;
  };

  // The team: 200 customers a rep, 10 reps a manager, all with distinct Chinese names.
  const repCount = Math.max(2, Math.ceil(size.customers / CUSTOMERS_PER_REP));
  const managerCount = Math.ceil(repCount / REPS_PER_MANAGER);
  const names = new Set<string>([admin.name]);
  const personName = () => {
    for (;;) {
      const name = `${pick(SURNAMES)}${pick(GIVEN)}${rnd() < 0.6 ? pick(GIVEN) : ""}`;
      if (!names.has(name)) {
        names.add(name);
        return name;
      }
      if (names.size > SURNAMES.length * GIVEN.length * 10) return `${name}${names.size}`;
    }
  };
  const people = (count: number, role: Role) =>
    Array.from({ length: count }, () => {
      const name = personName();
      return [wsId, `console:${name}`, name, role, now, now];
    });
  const userColumns = ["workspaceId", "externalId", "name", "role", "createdAt", "updatedAt"];
  await insert("User", userColumns, people(managerCount, "manager"));
  const managers = await p.user.findMany({
    where: { workspaceId: wsId, role: "manager" },
    select: { id: true, name: true },
    orderBy: { id: "asc" },
  });
  await insert(
    "User",
    [...userColumns, "managerId"],
    people(repCount, "rep").map((row, i) => [...row, managers[i % managers.length]!.id]),
  );
  const reps = await p.user.findMany({
    where: { workspaceId: wsId, role: "rep" },
    select: { id: true, name: true, managerId: true },
    orderBy: { id: "asc" },
  });

  // Customers: a size per customer (long-tailed: a few buy most, as ABC expects) decides what
  // they buy; how often they order and are visited varies much less.
  const sizes = Array.from({ length: size.customers }, () => longTail(1.3));
  const frequency = Array.from({ length: size.customers }, () => longTail(0.5));
  const frequencyTotal = frequency.reduce((sum, f) => sum + f, 0);
  /** A whole number with `x` as its mean: the fraction decides by chance, so totals come out right. */
  const roundByChance = (x: number) => Math.floor(x) + (rnd() < x % 1 ? 1 : 0);
  /** `count` dates spread evenly back from `latestDaysAgo` over `spanDays`, each jittered. */
  const series = (count: number, latestDaysAgo: number, spanDays: number) =>
    Array.from({ length: count }, (_, k) => daysAgo(latestDaysAgo + (spanDays / count) * (k + 0.3 * rnd())));
  const entered = daysAgo(730);
  const customerColumns = [
    "workspaceId",
    "code",
    "name",
    "type",
    "region",
    "route",
    "phone",
    "address",
    "source",
    "legalRep",
    "status",
    "relationSince",
    "creditLimit",
    "ownerId",
    "createdAt",
    "updatedAt",
    "profileUpdatedAt",
  ];
  await buffered("Customer", customerColumns, size.customers, (i) => {
    const type = pick(TYPES);
    const region = pick(REGIONS);
    const city = pick(CITIES[region]!);
    const name = `${rnd() < 0.85 ? city : ""}${rnd() < 0.15 ? pick(PEOPLE) : pick(CORES)}${pick(SUFFIXES[type]!)}${type === "retailer" && i % 3 === 0 ? `${1 + (i % 97)}号店` : ""}`;
    const status = rnd() < 0.05 ? "prospect" : rnd() < 0.03 ? "churned" : "active";
    // Credit lines for most, sized to the customer, so that some run over them.
    const creditLimit = rnd() < 0.7 ? BigInt(Math.ceil(sizes[i]! * 0.6) * 10_000) * 100n : null;
    return [
      [
        wsId,
        `C${String(i + 1).padStart(6, "0")}`,
        name,
        type,
        region,
        `${region}${1 + Math.floor(rnd() * 6)}线`,
        `1${pick(["38", "39", "58", "86", "37", "50"])}${String(i).padStart(8, "0")}`,
        `${city}市${pick(["人民路", "解放路", "中山路", "建设路", "长江路"])}${1 + Math.floor(rnd() * 300)}号`,
        pick(SOURCES),
        `${pick(SURNAMES)}${pick(GIVEN)}`,
        status,
        daysAgo(730 + Math.floor(rnd() * 2000)),
        creditLimit,
        reps[Math.floor(i / CUSTOMERS_PER_REP) % reps.length]!.id,
        entered,
        entered,
        daysAgo(rnd() < 0.95 ? rnd() * 170 : 180 + rnd() * 200),
      ],
    ];
  });
  const customers = await p.customer.findMany({
    where: { workspaceId: wsId },
    select: { id: true, code: true, name: true, phone: true, ownerId: true },
    orderBy: { id: "asc" },
  });

  await buffered("CustomerSearchTerm", ["workspaceId", "customerId", "term", "weight"], customers.length, (n) =>
    customerSearchTerms(customers[n]!).map((t) => [wsId, customers[n]!.id, t.term, t.weight]),
  );
  await buffered(
    "Contact",
    ["workspaceId", "customerId", "name", "title", "phone", "role", "stance", "createdAt", "updatedAt"],
    customers.length * 2,
    (n) => {
      const c = customers[n >> 1]!;
      if (n % 2 === 1 && rnd() < 0.4) return [];
      return [
        [
          wsId,
          c.id,
          `${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`,
          pick(TITLES),
          `13${String(Math.floor(rnd() * 1e9)).padStart(9, "0")}`,
          n % 2 === 0 ? "decision" : pick(["handler", "influencer"]),
          pick(["supporter", "supporter", "neutral", "opponent"]),
          entered,
          entered,
        ],
      ];
    },
  );

  // Orders over the last 14 months at each customer's own pace, most paid a month later; about
  // one customer in twenty stopped buying some months ago.
  const orderColumns = [
    "workspaceId",
    "number",
    "customerId",
    "orderedAt",
    "product",
    "spec",
    "quantity",
    "amount",
    "settled",
    "createdAt",
  ];
  const paymentColumns = ["workspaceId", "number", "customerId", "paidAt", "amount", "createdAt"];
  let orderNumber = 0;
  const paymentRows: unknown[][] = [];
  const orders = await buffered("Order", orderColumns, customers.length, (i) => {
    const id = customers[i]!.id;
    const stopped = rnd() < 0.05 ? 90 + rnd() * 180 : rnd() * 20;
    return series(
      Math.max(1, roundByChance((size.orders * frequency[i]!) / frequencyTotal)),
      stopped,
      425 - stopped,
    ).map((at) => {
      const [product, spec] = pick(PRODUCTS);
      const amount = BigInt(Math.ceil(2_000 * sizes[i]! * (0.7 + 0.6 * rnd()))) * 100n;
      const paidAt = addDays(at, 20 + Math.floor(rnd() * 30));
      if (paidAt < now && rnd() < 0.9) paymentRows.push([wsId, paymentRows.length + 1, id, paidAt, amount, paidAt]);
      return [wsId, ++orderNumber, id, at, product, spec, Math.ceil(Number(amount) / 4_000), amount, paidAt < now, at];
    });
  });
  await insert("Payment", paymentColumns, paymentRows);

  // Visits by the owner, the last one within about a cadence for most customers; a follow-up for
  // about half of them, done unless recent (then some are overdue, as in any team).
  // Bigger buyers are visited more often (the A/B/C cadences).
  const bySales = sizes.map((x, i) => x * frequency[i]!).sort((x, y) => x - y);
  const [bottomQuarter, topHalf] = [bySales[Math.floor(bySales.length / 4)]!, bySales[Math.floor(bySales.length / 2)]!];
  const followUpRows: unknown[][] = [];
  const followUpColumns = [
    "workspaceId",
    "number",
    "kind",
    "text",
    "customerId",
    "userId",
    "dueAt",
    "doneAt",
    "createdAt",
  ];
  let visitNumber = 0;
  const visits = await buffered(
    "Visit",
    ["workspaceId", "number", "customerId", "userId", "visitedAt", "channel", "purpose", "notes", "createdAt"],
    customers.length,
    (i) => {
      const c = customers[i]!;
      const sales = sizes[i]! * frequency[i]!;
      const latest =
        rnd() < 0.92 ? rnd() * (sales >= topHalf ? 26 : sales >= bottomQuarter ? 55 : 85) : 90 + rnd() * 200;
      return series(
        Math.max(1, roundByChance((size.visits * frequency[i]!) / frequencyTotal)),
        latest,
        365 - latest,
      ).map((at) => {
        if (rnd() < 0.5) {
          const promise = rnd() < 0.5;
          const due = addDays(at, 3 + Math.floor(rnd() * 14));
          const open = due > daysAgo(45) && rnd() < 0.3;
          followUpRows.push([
            wsId,
            followUpRows.length + 1,
            promise ? "promise" : "next_step",
            promise ? pick(PROMISES) : pick(NEXT_STEPS),
            c.id,
            c.ownerId,
            due,
            open ? null : addDays(at, 2),
            at,
          ]);
        }
        return [
          wsId,
          ++visitNumber,
          c.id,
          c.ownerId,
          at,
          pick(["onsite", "onsite", "phone", "online"]),
          pick(PURPOSES),
          pick(NOTES),
          at,
        ];
      });
    },
  );
  await insert("FollowUp", followUpColumns, followUpRows);

  // Complaints: filed over half a year, each as far along the workflow as its dice say.
  let complaintSteps = 0;
  const complaintColumns = [
    "workspaceId",
    "number",
    "customerId",
    "category",
    "description",
    "status",
    "ownerId",
    "receivedAt",
    "clockFrom",
    "stepDueAt",
    "closedAt",
    "resolvedOnTime",
    "createdAt",
    "updatedAt",
  ];
  const complaintRows = Array.from({ length: size.complaints }, (_, n) => {
    const c = customers[Math.floor(rnd() * customers.length)]!;
    const [category, description] = pick(COMPLAINTS);
    const received = daysAgo(rnd() * 180);
    const steps = Math.min(COMPLAINT_PATH.length, Math.floor(rnd() * 9));
    const status = COMPLAINT_STAGES[steps]!;
    const closed = steps >= 6;
    complaintSteps += 1 + steps;
    return [
      wsId,
      n + 1,
      c.id,
      category,
      description,
      status,
      c.ownerId,
      received,
      received,
      closed ? null : addDays(received, 1 + steps),
      closed ? addDays(received, steps) : null,
      closed ? rnd() < 0.8 : null,
      received,
      now,
    ];
  });
  await insert("Complaint", complaintColumns, complaintRows);
  const complaints = await p.complaint.findMany({
    where: { workspaceId: wsId },
    select: { id: true, status: true, receivedAt: true, ownerId: true, description: true },
    orderBy: { id: "asc" },
  });
  await insert(
    "ComplaintStep",
    ["workspaceId", "complaintId", "step", "userId", "at", "text"],
    complaints.flatMap((c) => {
      const reached = COMPLAINT_STAGES.indexOf(c.status);
      return [
        [wsId, c.id, "record", c.ownerId, c.receivedAt, c.description],
        ...COMPLAINT_PATH.slice(0, reached).map(([step, text], k) => [
          wsId,
          c.id,
          step,
          c.ownerId,
          addDays(c.receivedAt, k + 1),
          text,
        ]),
      ];
    }),
  );
  await insert(
    "Counter",
    ["workspaceId", "name", "value"],
    [
      [wsId, "followup", followUpRows.length],
      [wsId, "complaint", size.complaints],
      [wsId, "customer", size.customers],
      [wsId, "order", orderNumber],
      [wsId, "payment", paymentRows.length],
      [wsId, "visit", visitNumber],
    ],
  );

  // Monthly sales plans for the bigger tenth; this month's visit plan for every rep.
  const month = monthOf(now, workspace.timezone);
  const big = customers.flatMap((c, i) =>
    sizes[i]! > 2.5 ? [{ c, monthly: (2_000 * sizes[i]! * size.orders * frequency[i]!) / frequencyTotal / 14 }] : [],
  );
  await insert(
    "SalesPlan",
    ["workspaceId", "customerId", "month", "amount"],
    big.flatMap(({ c, monthly }) =>
      monthsBack(month, 7).map((m) => [wsId, c.id, m, BigInt(Math.round(monthly * 1.05)) * 100n]),
    ),
  );
  const repBooks = new Map<number, typeof customers>();
  for (const c of customers) repBooks.set(c.ownerId!, [...(repBooks.get(c.ownerId!) ?? []), c].slice(0, 8));
  const today = startOfDayIn(now, workspace.timezone);
  await insert(
    "VisitPlan",
    ["workspaceId", "userId", "customerId", "month", "plannedOn", "createdAt"],
    [...repBooks].flatMap(([userId, book]) =>
      book.map((c, k) => [wsId, userId, c.id, month, addDays(today, (k % 5) - 2), daysAgo(5)]),
    ),
  );

  // What logging the visits and orders would have left on each customer, then tiers and due dates.
  for (const [column, table, at] of [
    ["lastOrderAt", "Order", "orderedAt"],
    ["lastVisitAt", "Visit", "visitedAt"],
  ] as const) {
    await p.$executeRawUnsafe(
      `UPDATE "Customer" SET "${column}" = (SELECT MAX(x."${at}") FROM "${table}" x WHERE x."workspaceId" = "Customer"."workspaceId" AND x."customerId" = "Customer"."id") WHERE "workspaceId" = ${wsId}`,
    );
  }
  // Not services.segments.run(): its alert sweep is what the benchmark measures.
  await recomputeSegments(scopeToWorkspace(p, wsId), wsId, db.data, now);
  // As after any bulk load: the planner's statistics, which the bot would otherwise gather at its next start.
  await p.$executeRawUnsafe("ANALYZE");

  return {
    ...(await benchCast(db, wsId)),
    counts: {
      reps: reps.length,
      managers: managers.length,
      customers: customers.length,
      orders,
      payments: paymentRows.length,
      visits,
      followUps: followUpRows.length,
      complaints: size.complaints,
      complaintSteps,
      salesPlans: big.length * 7,
    },
  };
}
