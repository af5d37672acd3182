import { subDays } from "date-fns/subDays";
import { subYears } from "date-fns/subYears";
import { monthOf, monthRange, periodRange } from "../../core/dates.js";
import type { CustomerFilter, Figures, Ledger, SweepReads, TimeRange, Windows } from "../../db/repositories/sweep.js";
import { effectiveCreditLimit } from "../segments/abc.js";
import type { AlertRuleId, AlertSettings, SegmentSettings } from "../settings.js";
import { OPEN_STATUSES } from "../complaints/workflow.js";

export type Severity = "info" | "warning" | "critical";

/** A rule's finding about one customer (and, where it applies, one complaint, budget period or incident). */
export interface Hit {
  customerId: number;
  subject: string;
  complaintId?: number;
  severity: Severity;
  /** The numbers behind it, JSON-safe: money as strings of minor units, dates as ISO strings. */
  facts: Record<string, string | number | null>;
}

export type { CustomerFilter };

export interface RuleContext {
  reads: SweepReads;
  workspaceId: number;
  now: Date;
  timezone: string;
  settings: AlertSettings;
  segments: SegmentSettings;
  customers: CustomerFilter;
  /** The step's customers nobody has given up on, read once and shared by the rules that need them. */
  activeCustomers(): Promise<Map<number, { tier: string | null; creditLimit: bigint | null; since: Date }>>;
  /** The step's entries of a ledger over each of its windows (see `ledgerWindows`), read once and shared. */
  ledger<L extends Ledger>(ledger: L): Promise<Figures<LedgerWindows[L]>>;
}

type LedgerWindows = ReturnType<typeof ledgerWindows>;

const DAY_MS = 86_400_000;
/** 费用激增 compares the last this many days with the half year before them. */
const EXPENSES_RISING_DAYS = 30;
/** Customers nobody expects anything from any more. */
const INACTIVE = ["churned", "blacklisted"];

/** A window of a ledger, and the rule that reads it. */
type RuleWindow = TimeRange & { rule: AlertRuleId };
const window = (rule: AlertRuleId, range: TimeRange = {}): RuleWindow => ({ ...range, rule });

/**
 * The stretches of time the rules read each ledger over. A ledger's windows are read together
 * (on PostgreSQL in one pass, see SweepReads.windows), so a rule names its windows here rather
 * than reading its own.
 */
function ledgerWindows({ now, timezone, settings }: RuleBase) {
  const r = settings.rules;
  const month = monthRange(monthOf(now, timezone), timezone);
  const sales = subDays(now, r.sales_below_last_year.windowDays);
  const frequency = subDays(now, r.order_frequency_drop.windowDays);
  const expenses = subDays(now, EXPENSES_RISING_DAYS);
  const [budgetMonth, budgetQuarter, budgetYear] = budgetPeriods(now, timezone).map((period) => {
    const { start, end } = periodRange(period, timezone);
    return window("expenses_over_budget", { gte: start, lt: end });
  }) as [RuleWindow, RuleWindow, RuleWindow];
  return {
    order: {
      totals: {
        ever: window("receivables"),
        thisMonth: window("sales_behind_plan", { gte: month.start, lt: month.end }),
        lastWeeks: window("sales_below_last_year", { gte: sales, lte: now }),
        sameWeeksLastYear: window("sales_below_last_year", { gte: subYears(sales, 1), lte: subYears(now, 1) }),
      },
      counts: {
        lately: window("order_frequency_drop", { gte: frequency, lte: now }),
        before: window("order_frequency_drop", {
          gte: subDays(frequency, r.order_frequency_drop.windowDays),
          lt: frequency,
        }),
      },
      spans: { twoYears: window("churn", { gte: subYears(now, 2), lte: now }) },
    },
    payment: { totals: { ever: window("receivables") }, counts: {}, spans: {} },
    expense: {
      totals: {
        lately: window("expenses_rising", { gte: expenses, lte: now }),
        halfYearBefore: window("expenses_rising", { gte: subDays(expenses, 180), lt: expenses }),
        budgetMonth,
        budgetQuarter,
        budgetYear,
      },
      counts: {},
      spans: {},
    },
  } satisfies Record<Ledger, Windows>;
}

/** Only the windows of rules that run: a sweep after a segment run reads no sales of last year. */
function windowsOf(windows: Windows, running: ReadonlySet<AlertRuleId>): Windows {
  const kept = (group: Record<string, TimeRange>) =>
    Object.fromEntries(Object.entries(group).filter(([, w]) => running.has((w as RuleWindow).rule)));
  return { totals: kept(windows.totals), counts: kept(windows.counts), spans: kept(windows.spans) };
}

/** What every step of a sweep shares with its rules. */
export type RuleBase = Omit<RuleContext, "customers" | "activeCustomers" | "ledger">;

/** What the `running` rules of one step read, each read once and shared. */
export function ruleContext(base: RuleBase, customers: CustomerFilter, running: readonly AlertRuleId[]): RuleContext {
  let active: ReturnType<RuleContext["activeCustomers"]> | undefined;
  const ledgers = new Map<Ledger, Promise<unknown>>();
  const windows = ledgerWindows(base);
  const runs = new Set(running);
  return {
    ...base,
    customers,
    activeCustomers: () => (active ??= base.reads.activeCustomers(base.workspaceId, customers, INACTIVE)),
    ledger<L extends Ledger>(ledger: L) {
      let read = ledgers.get(ledger);
      if (!read)
        ledgers.set(
          ledger,
          (read = base.reads.windows(base.workspaceId, customers, ledger, windowsOf(windows[ledger], runs))),
        );
      return read as Promise<Figures<LedgerWindows[L]>>;
    },
  };
}

/** The budget periods now running: the month, its quarter and its year (`2026-11`, `2026-Q4`, `2026`). */
function budgetPeriods(now: Date, timezone: string): [string, string, string] {
  const month = monthOf(now, timezone);
  const [year, m] = month.split("-").map(Number) as [number, number];
  return [month, `${year}-Q${Math.ceil(m / 3)}`, String(year)];
}

type TierKey = "A" | "B" | "C" | "none";
const tierKey = (tier: string | null): TierKey => (tier === "A" || tier === "B" || tier === "C" ? tier : "none");

const money = (v: bigint) => v.toString();

/** 外欠款预警: what the customer owes is over its credit limit (its own, or its tier's). */
async function receivables(ctx: RuleContext): Promise<Hit[]> {
  const r = ctx.settings.rules.receivables;
  const [orders, payments] = await Promise.all([ctx.ledger("order"), ctx.ledger("payment")]);
  const paid = payments.totals.ever;
  const owing = new Map(
    [...orders.totals.ever]
      .map(([id, total]) => [id, total - (paid.get(id) ?? 0n)] as const)
      .filter(([, owed]) => owed > 0n),
  );
  const active = await ctx.activeCustomers();
  const hits: Hit[] = [];
  for (const [id, owed] of owing) {
    const c = active.get(id);
    if (!c) continue;
    const { limit } = effectiveCreditLimit(c, ctx.segments);
    if (limit === null || Number(owed) <= Number(limit) * r.factor) continue;
    hits.push({
      customerId: id,
      subject: "",
      severity: Number(owed) > Number(limit) * r.criticalFactor ? "critical" : "warning",
      facts: { outstanding: money(owed), limit: money(limit) },
    });
  }
  return hits;
}

/** 销售进度预警: this month's orders are behind the plan's share for the days gone. */
async function salesBehindPlan(ctx: RuleContext): Promise<Hit[]> {
  const r = ctx.settings.rules.sales_behind_plan;
  const month = monthOf(ctx.now, ctx.timezone);
  const { start, end } = monthRange(month, ctx.timezone);
  const elapsed = (ctx.now.getTime() - start.getTime()) / (end.getTime() - start.getTime());
  const day = Math.floor((ctx.now.getTime() - start.getTime()) / DAY_MS) + 1;
  if (day < r.fromDay) return [];
  const plans = await ctx.reads.plans(ctx.workspaceId, ctx.customers, month, INACTIVE);
  if (plans.length === 0) return [];
  const sales = (await ctx.ledger("order")).totals.thisMonth;
  return plans.flatMap((p) => {
    const sold = sales.get(p.customerId) ?? 0n;
    const expected = BigInt(Math.round(Number(p.amount) * elapsed));
    if (Number(sold) >= (Number(expected) * r.threshold) / 100) return [];
    return [
      {
        customerId: p.customerId,
        subject: month,
        severity: Number(sold) < Number(expected) / 2 ? "critical" : "warning",
        facts: { month, sales: money(sold), plan: money(p.amount), expected: money(expected) },
      },
    ];
  });
}

/** 同期进货量: the last weeks' orders fell well below the same weeks a year earlier. */
async function salesBelowLastYear(ctx: RuleContext): Promise<Hit[]> {
  const r = ctx.settings.rules.sales_below_last_year;
  const { lastWeeks: current, sameWeeksLastYear: lastYear } = (await ctx.ledger("order")).totals;
  const candidates = [...lastYear].filter(
    ([id, before]) =>
      Number(before) >= r.minAmount && Number(current.get(id) ?? 0n) < (Number(before) * (100 - r.drop)) / 100,
  );
  const active = await ctx.activeCustomers();
  return candidates
    .filter(([id]) => active.has(id))
    .map(([id, before]) => {
      const now = current.get(id) ?? 0n;
      return {
        customerId: id,
        subject: "",
        severity: "warning" as const,
        facts: {
          sales: money(now),
          lastYear: money(before),
          days: r.windowDays,
          drop: Math.round(100 - (Number(now) / Number(before)) * 100),
        },
      };
    });
}

/** 进货频率: fewer orders in the last weeks than in the weeks before, by a wide margin. */
async function orderFrequencyDrop(ctx: RuleContext): Promise<Hit[]> {
  const r = ctx.settings.rules.order_frequency_drop;
  const { lately: current, before } = (await ctx.ledger("order")).counts;
  const candidates = [...before].filter(
    ([id, n]) => n >= r.minOrders && (current.get(id) ?? 0) <= (n * (100 - r.drop)) / 100,
  );
  const active = await ctx.activeCustomers();
  return candidates
    .filter(([id]) => active.has(id))
    .map(([id, n]) => ({
      customerId: id,
      subject: "",
      severity: "warning" as const,
      facts: { orders: current.get(id) ?? 0, ordersBefore: n, days: r.windowDays },
    }));
}

/** 销售费用预警: the expenses of a budget period now running exceed its budget. */
async function expensesOverBudget(ctx: RuleContext): Promise<Hit[]> {
  const periods = budgetPeriods(ctx.now, ctx.timezone);
  const budgets = await ctx.reads.budgets(ctx.workspaceId, ctx.customers, periods);
  if (budgets.length === 0) return [];
  const { budgetMonth, budgetQuarter, budgetYear } = (await ctx.ledger("expense")).totals;
  const windows = [budgetMonth, budgetQuarter, budgetYear];
  const hits: Hit[] = [];
  for (const [i, period] of periods.entries()) {
    const spent = windows[i]!;
    for (const b of budgets.filter((b) => b.period === period)) {
      const s = spent.get(b.customerId) ?? 0n;
      if (s > b.amount)
        hits.push({
          customerId: b.customerId,
          subject: period,
          severity: "warning",
          facts: { period, spent: money(s), budget: money(b.amount) },
        });
    }
  }
  return hits;
}

/** 费用激增: the last 30 days' expenses are a multiple of the monthly average of the six months before. */
async function expensesRising(ctx: RuleContext): Promise<Hit[]> {
  const r = ctx.settings.rules.expenses_rising;
  const since = subDays(ctx.now, EXPENSES_RISING_DAYS);
  const [expenses, active] = await Promise.all([ctx.ledger("expense"), ctx.activeCustomers()]);
  const { lately: recent, halfYearBefore: before } = expenses.totals;
  return [...recent].flatMap(([id, spent]) => {
    // The average is over the months of the half year the customer was with us; one that came
    // this month has no past to rise above ("过去半年月均 ¥0.00" said nothing).
    const customer = active.get(id);
    const months = customer ? Math.min(6, Math.floor((since.getTime() - customer.since.getTime()) / (30 * DAY_MS))) : 0;
    if (months < 1) return [];
    const average = Number(before.get(id) ?? 0n) / months;
    if (Number(spent) < r.minAmount || Number(spent) <= average * r.factor) return [];
    return [
      {
        customerId: id,
        subject: "",
        severity: "warning" as const,
        facts: { spent: money(spent), monthlyAverage: money(BigInt(Math.round(average))) },
      },
    ];
  });
}

/**
 * 客户流失预警: no order for longer than the customer's own usual purchase cycle (the average gap
 * between its orders over two years) times its tier's factor, and never less than `minDays`.
 */
async function churn(ctx: RuleContext): Promise<Hit[]> {
  const r = ctx.settings.rules.churn;
  const spans = (await ctx.ledger("order")).spans.twoYears;
  const quiet = [...spans].filter(([, o]) => ctx.now.getTime() - o.last.getTime() > r.minDays * DAY_MS);
  const active = await ctx.activeCustomers();
  return quiet.flatMap(([customerId, o]) => {
    const customer = active.get(customerId);
    if (!customer) return [];
    const tier = customer.tier;
    const cycle = o.count >= 2 ? (o.last.getTime() - o.first.getTime()) / (o.count - 1) / DAY_MS : null;
    const limit = Math.max(r.minDays, cycle === null ? r.minDays : cycle * r.factor[tierKey(tier)]);
    const silent = (ctx.now.getTime() - o.last.getTime()) / DAY_MS;
    if (silent <= limit) return [];
    return [
      {
        customerId,
        subject: "",
        severity: tier === "A" ? "critical" : "warning",
        facts: {
          lastOrderAt: o.last.toISOString(),
          days: Math.floor(silent),
          cycle: cycle === null ? null : Math.round(cycle),
          limit: Math.round(limit),
        },
      },
    ];
  });
}

/** 重大变故: an incident reported in the last 90 days, until someone resolves its alert. */
async function incident(ctx: RuleContext): Promise<Hit[]> {
  const events = await ctx.reads.incidents(ctx.workspaceId, ctx.customers, subDays(ctx.now, 90));
  return events.map((e) => ({
    customerId: e.customerId,
    subject: `incident:${e.id}`,
    severity: "critical" as const,
    facts: { type: e.incidentType, description: e.description, occurredAt: e.occurredAt.toISOString() },
  }));
}

/** 未访: past the visit cadence by more than the tier's grace days. */
async function noVisit(ctx: RuleContext): Promise<Hit[]> {
  const grace = ctx.settings.rules.no_visit.graceDays;
  // The smallest grace narrows the read; each tier's own is applied below.
  const rows = await ctx.reads.visitsDueBefore(
    ctx.workspaceId,
    ctx.customers,
    subDays(ctx.now, Math.min(grace.A, grace.B, grace.C, grace.none)),
  );
  return rows.flatMap((c) => {
    // Whole days past the due date: on the day itself a visit is due, not overdue (not "已逾期 0 天").
    const overdue = Math.floor((ctx.now.getTime() - c.visitDueAt.getTime()) / DAY_MS);
    if (overdue <= grace[tierKey(c.tier)]) return [];
    return [
      {
        customerId: c.id,
        subject: "",
        severity: c.tier === "A" ? "critical" : "warning",
        facts: {
          dueAt: c.visitDueAt.toISOString(),
          lastVisitAt: c.lastVisitAt?.toISOString() ?? null,
          days: overdue,
        },
      },
    ];
  });
}

/** A complaint step past its deadline (the escalation's alert); a new step is a new episode. */
async function complaintOverdue(ctx: RuleContext): Promise<Hit[]> {
  const rows = await ctx.reads.complaintsDueBefore(ctx.workspaceId, ctx.customers, OPEN_STATUSES, ctx.now);
  return rows.map((c) => ({
    customerId: c.customerId,
    complaintId: c.id,
    subject: `complaint:${c.id}:${c.stepDueAt.getTime()}`,
    severity: c.escalationLevel > 0 ? "critical" : "warning",
    facts: { number: c.number, status: c.status, dueAt: c.stepDueAt.toISOString() },
  }));
}

/** 档案过期: the profile has not been touched for months (客户管理是一个动态的过程). */
async function staleProfile(ctx: RuleContext): Promise<Hit[]> {
  const days = ctx.settings.rules.stale_profile.days;
  const rows = await ctx.reads.profilesUntouchedSince(ctx.workspaceId, ctx.customers, INACTIVE, subDays(ctx.now, days));
  return rows.map((c) => ({
    customerId: c.id,
    subject: "",
    severity: "info" as const,
    facts: {
      updatedAt: c.profileUpdatedAt.toISOString(),
      days: Math.floor((ctx.now.getTime() - c.profileUpdatedAt.getTime()) / DAY_MS),
    },
  }));
}

export const RULES: Record<AlertRuleId, (ctx: RuleContext) => Promise<Hit[]>> = {
  receivables,
  sales_behind_plan: salesBehindPlan,
  sales_below_last_year: salesBelowLastYear,
  order_frequency_drop: orderFrequencyDrop,
  expenses_over_budget: expensesOverBudget,
  expenses_rising: expensesRising,
  churn,
  incident,
  no_visit: noVisit,
  complaint_overdue: complaintOverdue,
  stale_profile: staleProfile,
};

export const RULE_IDS = Object.keys(RULES) as AlertRuleId[];

/** A customer's tier change, with what else the tier-reading rules read of it. */
export interface TierMove {
  customerId: number;
  from: string | null;
  to: string;
  /** Its own credit limit, which overrides its tier's. */
  creditLimit: bigint | null;
  /** Whether the change moved its next visit (the cadence follows the tier). */
  visitDueMoved: boolean;
}

/**
 * For each rule that reads a tier (its credit limit, churn factor, visit cadence and grace, and
 * A's alerts being critical), the customers whose verdict these tier changes can move: a rule
 * whose every input is the same for the old tier and the new gives the same verdict. With the
 * defaults a customer's first tier, C, moves only its credit limit: "no tier" and C share the
 * churn factor, cadence and grace.
 */
export function customersMovedByTier(
  moves: readonly TierMove[],
  alerts: AlertSettings,
  segments: SegmentSettings,
): Map<AlertRuleId, number[]> {
  const { factor } = alerts.rules.churn;
  const { graceDays } = alerts.rules.no_visit;
  const moved = new Map<AlertRuleId, number[]>([
    ["receivables", []],
    ["churn", []],
    ["no_visit", []],
  ]);
  for (const m of moves) {
    const [from, to] = [tierKey(m.from), tierKey(m.to)];
    const critical = (from === "A") !== (to === "A");
    const limit = (tier: string | null) => effectiveCreditLimit({ creditLimit: m.creditLimit, tier }, segments).limit;
    if (limit(m.from) !== limit(m.to)) moved.get("receivables")!.push(m.customerId);
    if (critical || factor[from] !== factor[to]) moved.get("churn")!.push(m.customerId);
    if (critical || m.visitDueMoved || graceDays[from] !== graceDays[to]) moved.get("no_visit")!.push(m.customerId);
  }
  return moved;
}

/** Rules whose alerts a person closes; the others close themselves when the condition clears. */
export const MANUAL_CLOSE: ReadonlySet<AlertRuleId> = new Set(["incident"]);
