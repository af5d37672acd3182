import { DomainService } from "../context.js";
import { monthOf, monthRange, startOfDayIn, type Month } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { Customer } from "../../db/repositories/customers.js";
import { STANDING } from "../trading/entries.js";

export interface PlanEntry {
  customer: Pick<Customer, "id" | "name" | "code">;
  /** Start of the planned day. */
  date: Date;
}

/**
 * Where a planned visit stands: done when the rep visited the customer that month after it was
 * planned (a visit before the plan existed did not carry it out), else missed once its date has
 * passed, else ahead.
 */
export type PlanState = "done" | "missed" | "upcoming";

export interface RepPlanStatus {
  userId: number;
  name: string;
  planned: number;
  done: number;
  missed: number;
  upcoming: number;
  /** All visits the rep made that month, and those to customers outside the plan. */
  visits: number;
  unplanned: number;
}

/** 拜访计划: the visits a rep means to make in a month, and the manager's check against them. */
export class VisitPlanService extends DomainService {
  /**
   * Adds planned visits to a rep's month, or replaces the month's plan. Every date must lie in
   * that month and not before today; entries already planned are left as they are.
   */
  async set(userId: number, month: Month, entries: PlanEntry[], replace: boolean) {
    const today = startOfDayIn(this.now(), this.timezone);
    if (month < monthOf(today, this.timezone)) throw new UserError("visit.plan.pastMonth", { month });
    for (const entry of entries) {
      if (monthOf(entry.date, this.timezone) !== month)
        throw new UserError("visit.plan.outsideMonth", { date: entry.date, month, customer: entry.customer.name });
      if (entry.date < today)
        throw new UserError("visit.plan.dateInPast", { date: entry.date, customer: entry.customer.name });
    }
    const key = (customerId: number, date: Date) => `${customerId}@${date.getTime()}`;
    const unique = [...new Map(entries.map((e) => [key(e.customer.id, e.date), e])).values()];
    return this.db.$transaction(async (tx) => {
      const removed = replace ? (await tx.visitPlan.deleteMany({ where: { userId, month } })).count : 0;
      const existing = replace
        ? []
        : await tx.visitPlan.findMany({ where: { userId, month }, select: { customerId: true, plannedOn: true } });
      const taken = new Set(existing.map((p) => key(p.customerId, p.plannedOn)));
      const added = unique.filter((e) => !taken.has(key(e.customer.id, e.date)));
      const createdAt = this.now();
      await tx.visitPlan.createMany({
        data: added.map((e) => ({
          workspaceId: this.actor.workspaceId,
          userId,
          customerId: e.customer.id,
          month,
          plannedOn: e.date,
          createdAt,
        })),
      });
      return { added: added.length, alreadyPlanned: unique.length - added.length, removed };
    });
  }

  /** One rep's plan for a month, each entry with its state and the days the customer was visited. */
  async show(userId: number, month: Month) {
    const { start, end } = monthRange(month, this.timezone);
    const plans = await this.db.visitPlan.findMany({
      where: { userId, month },
      select: { plannedOn: true, createdAt: true, customerId: true, customer: { select: { name: true, code: true } } },
      orderBy: [{ plannedOn: "asc" }, { id: "asc" }],
    });
    const visits = await this.db.visit.findMany({
      where: {
        userId,
        customerId: { in: [...new Set(plans.map((p) => p.customerId))] },
        visitedAt: { gte: start, lt: end },
        ...STANDING,
      },
      select: { customerId: true, visitedAt: true },
      orderBy: { visitedAt: "asc" },
    });
    const today = startOfDayIn(this.now(), this.timezone);
    return plans.map((p) => {
      const visitedOn = visits
        .filter((v) => v.customerId === p.customerId && v.visitedAt >= p.createdAt)
        .map((v) => v.visitedAt);
      const state: PlanState = visitedOn.length > 0 ? "done" : p.plannedOn < today ? "missed" : "upcoming";
      return { customer: p.customer, plannedOn: p.plannedOn, state, visitedOn };
    });
  }

  /**
   * Today's planned visits of some reps (null: everyone's), each with whether the rep has been
   * there today: the plan part of /today.
   */
  async today(userIds: number[] | null) {
    const today = startOfDayIn(this.now(), this.timezone);
    const plans = await this.db.visitPlan.findMany({
      where: { userId: userIds === null ? undefined : { in: userIds }, plannedOn: today },
      select: {
        userId: true,
        customerId: true,
        customer: { select: { name: true, code: true } },
        user: { select: { name: true } },
      },
      orderBy: [{ userId: "asc" }, { id: "asc" }],
    });
    if (plans.length === 0) return [];
    const visited = await this.db.visit.findMany({
      where: {
        ...STANDING,
        visitedAt: { gte: today },
        OR: plans.map((p) => ({ userId: p.userId, customerId: p.customerId })),
      },
      select: { userId: true, customerId: true },
    });
    const done = new Set(visited.map((v) => `${v.userId}:${v.customerId}`));
    return plans.map((p) => ({
      customer: p.customer,
      rep: p.user.name,
      visited: done.has(`${p.userId}:${p.customerId}`),
    }));
  }

  /**
   * Plan against actual visits per rep for a month: `userIds` null means every active user. Reps
   * appear even with no plan, since an empty plan is what the manager needs to see.
   */
  async status(userIds: number[] | null, month: Month): Promise<RepPlanStatus[]> {
    const { start, end } = monthRange(month, this.timezone);
    const inScope = userIds === null ? undefined : { in: userIds };
    const [users, plans, visits] = await Promise.all([
      this.db.user.findMany({
        where: { id: inScope, active: true },
        select: { id: true, name: true, role: true },
        orderBy: { name: "asc" },
      }),
      this.db.visitPlan.findMany({
        where: { userId: inScope, month },
        select: { userId: true, customerId: true, plannedOn: true, createdAt: true },
      }),
      this.db.visit.groupBy({
        by: ["userId", "customerId"],
        where: { userId: inScope, visitedAt: { gte: start, lt: end }, ...STANDING },
        _count: { _all: true },
        _max: { visitedAt: true },
      }),
    ]);
    const today = startOfDayIn(this.now(), this.timezone);
    const lastVisit = new Map(visits.map((v) => [`${v.userId}:${v.customerId}`, v._max.visitedAt]));
    const isDone = (p: { userId: number; customerId: number; createdAt: Date }) => {
      const last = lastVisit.get(`${p.userId}:${p.customerId}`);
      return last != null && last >= p.createdAt;
    };
    return users
      .map((user) => {
        const own = plans.filter((p) => p.userId === user.id);
        const planned = new Set(own.map((p) => p.customerId));
        const ownVisits = visits.filter((v) => v.userId === user.id);
        const done = own.filter(isDone).length;
        const missed = own.filter((p) => !isDone(p) && p.plannedOn < today).length;
        return {
          userId: user.id,
          name: user.name,
          role: user.role,
          planned: own.length,
          done,
          missed,
          upcoming: own.length - done - missed,
          visits: ownVisits.reduce((sum, v) => sum + v._count._all, 0),
          unplanned: ownVisits.filter((v) => !planned.has(v.customerId)).reduce((sum, v) => sum + v._count._all, 0),
        };
      })
      .filter((r) => r.role === "rep" || r.planned > 0 || r.visits > 0)
      .map(({ role: _role, ...r }) => r);
  }
}
