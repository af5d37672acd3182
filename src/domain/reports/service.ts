import { DomainService } from "../context.js";
import { subMonths } from "date-fns/subMonths";
import { monthOf, monthRange, monthsBack, periodRange, type Month } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { Paging } from "../../core/paging.js";
import type { Customer } from "../../db/repositories/customers.js";
import { rankCustomers, type Tier } from "../segments/abc.js";
import { windowSales } from "../segments/recompute.js";
import { readSetting } from "../settings.js";
import { outstanding } from "../trading/service.js";
import { STANDING } from "../trading/entries.js";
import { visibleOwnerIds } from "../access.js";

/** At most this many points of the Pareto curve are drawn; more add nothing visible. */
const PARETO_POINTS = 200;

const RANK: Record<string, number> = { A: 0, B: 1, C: 2 };

/**
 * The reports of the monthly review (月总结): ABC tiers and key accounts (managers and admins,
 * over the whole workspace), one customer's year, and a rep's month.
 */
export class ReportService extends DomainService {
  /** A manager's reports cover their team's customers, an admin's the whole workspace (null). */
  private async managerScope(): Promise<number[] | null> {
    if (this.actor.role === "rep") throw new UserError("report.managersOnly");
    return visibleOwnerIds(this.data.users, this.actor);
  }

  /** Customers and sales per tier as stored, the Pareto curve of the window, and the tier changes since last month began. */
  async abc() {
    const owners = await this.managerScope();
    const mine = owners === null ? {} : { ownerId: { in: owners } };
    const settings = await readSetting(this.db, "segments");
    const sales = await windowSales(this.data, this.actor.workspaceId, settings.windowMonths, this.now(), owners);
    const ranked = rankCustomers(sales, settings);
    const byTier = await this.db.customer.groupBy({ by: ["tier"], where: mine, _count: { _all: true } });
    const salesOf = new Map(ranked.map((r) => [r.customerId, r.sales]));
    const tierOf = await this.db.customer.findMany({
      where: { id: { in: ranked.map((r) => r.customerId) } },
      select: { id: true, tier: true },
    });
    const salesByTier: Record<string, bigint> = {};
    for (const c of tierOf) salesByTier[c.tier ?? "-"] = (salesByTier[c.tier ?? "-"] ?? 0n) + (salesOf.get(c.id) ?? 0n);
    const total = ranked.reduce((sum, r) => sum + r.sales, 0n);

    const since = monthRange(monthOf(subMonths(this.now(), 1), this.timezone), this.timezone).start;
    const changes = await this.db.customerChange.findMany({
      where: { action: "tier", at: { gte: since }, customer: mine },
      select: { at: true, changes: true, customer: { select: { name: true, code: true } } },
      orderBy: { at: "desc" },
    });
    const moves = changes.map((c) => {
      const [change] = JSON.parse(c.changes) as { from: string | null; to: string }[];
      return { ...c.customer, at: c.at, from: change!.from, to: change!.to };
    });
    const step = Math.max(1, Math.ceil(ranked.length / PARETO_POINTS));
    let cumulative = 0n;
    const curve: { customers: number; share: number }[] = [{ customers: 0, share: 0 }];
    ranked.forEach((r, i) => {
      cumulative += r.sales;
      if ((i + 1) % step === 0 || i === ranked.length - 1)
        curve.push({ customers: ((i + 1) / ranked.length) * 100, share: Number((cumulative * 10_000n) / total) / 100 });
    });
    return {
      settings,
      team: owners !== null,
      customers: byTier.reduce((n, t) => n + t._count._all, 0),
      tiers: (["A", "B", "C"] as Tier[]).map((tier) => ({
        tier,
        customers: byTier.find((t) => t.tier === tier)?._count._all ?? 0,
        sales: salesByTier[tier] ?? 0n,
      })),
      untiered: byTier.find((t) => t.tier === null)?._count._all ?? 0,
      total,
      buying: ranked.length,
      since,
      up: moves.filter((m) => m.from !== null && RANK[m.to]! < RANK[m.from]!),
      down: moves.filter((m) => m.from !== null && RANK[m.to]! > RANK[m.from]!),
      firstTime: moves.filter((m) => m.from === null).length,
      curve,
    };
  }

  /** 大客户: by the 80/20 rule or marked by hand, biggest first, with their sales and what they owe. */
  async keyAccounts(at: Paging) {
    const owners = await this.managerScope();
    const settings = await readSetting(this.db, "segments");
    const where = {
      OR: [{ keyAccount: true }, { keyAccountManual: true }],
      ...(owners === null ? {} : { ownerId: { in: owners } }),
    };
    const [total, all, sales] = await Promise.all([
      this.db.customer.count({ where }),
      this.db.customer.findMany({
        where,
        select: {
          id: true,
          name: true,
          code: true,
          tier: true,
          keyAccount: true,
          keyAccountManual: true,
          owner: { select: { name: true } },
        },
      }),
      windowSales(this.data, this.actor.workspaceId, settings.windowMonths, this.now(), owners),
    ]);
    const salesOf = new Map(sales.map((s) => [s.customerId, s.sales]));
    const totalSales = sales.reduce((sum, s) => sum + s.sales, 0n);
    const sorted = all
      .map((c) => ({ ...c, sales: salesOf.get(c.id) ?? 0n }))
      .sort((a, b) => (a.sales === b.sales ? a.id - b.id : a.sales > b.sales ? -1 : 1))
      .slice(at.skip, at.skip + at.take);
    const rows = await Promise.all(sorted.map(async (c) => ({ ...c, outstanding: await outstanding(this.db, c.id) })));
    return { total, rows, totalSales, windowMonths: settings.windowMonths, team: owners !== null };
  }

  /** One customer's last twelve months: sales against plan by month, payments, what it owes, expenses against budget. */
  async customer(customer: Customer) {
    const months = monthsBack(monthOf(this.now(), this.timezone), 12);
    const start = monthRange(months[0]!, this.timezone).start;
    const [orders, plans, paid, owed, budgets] = await Promise.all([
      this.db.order.findMany({
        where: { customerId: customer.id, orderedAt: { gte: start }, ...STANDING },
        select: { orderedAt: true, amount: true },
      }),
      this.db.salesPlan.findMany({
        where: { customerId: customer.id, month: { in: months } },
        select: { month: true, amount: true },
      }),
      this.db.payment.aggregate({
        where: { customerId: customer.id, paidAt: { gte: start }, ...STANDING },
        _sum: { amount: true },
      }),
      outstanding(this.db, customer.id),
      this.db.expenseBudget.findMany({
        where: { customerId: customer.id },
        select: { period: true, amount: true },
        orderBy: { period: "desc" },
        take: 6,
      }),
    ]);
    const byMonth = new Map<string, bigint>();
    for (const o of orders)
      byMonth.set(
        monthOf(o.orderedAt, this.timezone),
        (byMonth.get(monthOf(o.orderedAt, this.timezone)) ?? 0n) + o.amount,
      );
    const expenses = await Promise.all(
      budgets.map(async (b) => {
        const { start: from, end } = periodRange(b.period, this.timezone);
        const spent = await this.db.expense.aggregate({
          where: { customerId: customer.id, spentAt: { gte: from, lt: end }, ...STANDING },
          _sum: { amount: true },
        });
        return { period: b.period, budget: b.amount, spent: spent._sum.amount ?? 0n };
      }),
    );
    const spentInWindow = await this.db.expense.aggregate({
      where: { customerId: customer.id, spentAt: { gte: start }, ...STANDING },
      _sum: { amount: true },
    });
    return {
      months: months.map((month) => ({
        month,
        sales: byMonth.get(month) ?? 0n,
        plan: plans.find((p) => p.month === month)?.amount ?? null,
      })),
      payments: paid._sum.amount ?? 0n,
      outstanding: owed,
      expenses,
      expensesInWindow: spentInWindow._sum.amount ?? 0n,
    };
  }

  /**
   * The month's sales and plan of the customers of some active users (null: everyone active),
   * summed: what /today shows, without the rest of the reps' report.
   */
  async salesAgainstPlan(userIds: number[] | null, month: Month): Promise<{ sales: bigint; plan: bigint }> {
    const { start, end } = monthRange(month, this.timezone);
    const workspaceId = this.actor.workspaceId;
    const [users, sales, plans] = await Promise.all([
      this.db.user.findMany({
        where: { id: userIds === null ? undefined : { in: userIds }, active: true },
        select: { id: true },
      }),
      this.data.sales.ordersByOwner(workspaceId, start, end),
      this.data.sales.plansByOwner(workspaceId, month),
    ]);
    const sum = (totals: Map<number | null, bigint>) => users.reduce((s, u) => s + (totals.get(u.id) ?? 0n), 0n);
    return { sales: sum(sales), plan: sum(plans) };
  }

  /** A rep's month (or each rep's of a team): visits, new customers, sales against plan, complaints. */
  async reps(userIds: number[] | null, month: Month) {
    const { start, end } = monthRange(month, this.timezone);
    const inScope = userIds === null ? undefined : { in: userIds };
    const workspaceId = this.actor.workspaceId;
    const [users, visits, created, complaints, openComplaints, sales, plans] = await Promise.all([
      this.db.user.findMany({
        where: { id: inScope, active: true },
        select: { id: true, name: true, role: true },
        orderBy: { name: "asc" },
      }),
      this.db.visit.groupBy({
        by: ["userId"],
        where: { userId: inScope, visitedAt: { gte: start, lt: end }, ...STANDING },
        _count: { _all: true },
      }),
      // New to the company, not to the bot: an imported old customer counts from when the relationship began.
      this.db.customer.groupBy({
        by: ["ownerId"],
        where: {
          ownerId: inScope,
          OR: [{ relationSince: { gte: start, lt: end } }, { relationSince: null, createdAt: { gte: start, lt: end } }],
        },
        _count: { _all: true },
      }),
      this.db.complaint.groupBy({
        by: ["ownerId"],
        where: { ownerId: inScope, receivedAt: { gte: start, lt: end } },
        _count: { _all: true },
      }),
      this.db.complaint.groupBy({
        by: ["ownerId"],
        where: { ownerId: inScope, closedAt: null, status: { notIn: ["reviewed"] } },
        _count: { _all: true },
      }),
      this.data.sales.ordersByOwner(workspaceId, start, end),
      this.data.sales.plansByOwner(workspaceId, month),
    ]);
    const visitCount = new Map(visits.map((r) => [r.userId, r._count._all]));
    const byOwner = (rows: { ownerId: number | null; _count: { _all: number } }[]) =>
      new Map(rows.map((r) => [r.ownerId, r._count._all]));
    const [createdCount, complaintCount, openCount] = [byOwner(created), byOwner(complaints), byOwner(openComplaints)];
    return users
      .map((u) => ({
        userId: u.id,
        name: u.name,
        role: u.role,
        visits: visitCount.get(u.id) ?? 0,
        newCustomers: createdCount.get(u.id) ?? 0,
        complaints: complaintCount.get(u.id) ?? 0,
        openComplaints: openCount.get(u.id) ?? 0,
        sales: sales.get(u.id) ?? 0n,
        plan: plans.get(u.id) ?? 0n,
      }))
      .filter((r) => userIds !== null || r.role !== "admin" || r.visits > 0 || r.sales > 0n);
  }
}
