import { addDays } from "date-fns/addDays";
import { subDays } from "date-fns/subDays";
import { monthOf, monthRange, startOfDayIn, type Month } from "../../core/dates.js";
import { groupBy } from "../../core/group.js";
import type { BulkWrites } from "../../db/bulk.js";
import type { WorkspaceDb } from "../../db/scope.js";
import { STANDING } from "../trading/entries.js";
import { enqueueMany, type Notification } from "../../outbound/outbox.js";
import type { Recipient } from "../../outbound/port.js";
import type { MonthFigures, NotificationView, TeamFigures } from "../notifications.js";

/** At most this many follow-ups are listed in a morning message; the rest are counted. */
const MORNING_ITEMS = 15;

async function digestChannels(db: WorkspaceDb): Promise<Recipient[]> {
  const routes = await db.deliveryRoute.findMany({ where: { purpose: "digests" }, select: { channelId: true } });
  return [...new Set(routes.map((r) => r.channelId))].map((channelId) => ({ kind: "channel" as const, channelId }));
}

/**
 * 晨会: each user with follow-ups due today or overdue gets their list in the morning. Nothing is
 * sent to someone with nothing due.
 */
export async function sendMorningFollowUps(
  db: WorkspaceDb,
  bulk: BulkWrites,
  workspaceId: number,
  timezone: string,
  now: Date,
  slot: Date,
): Promise<number> {
  const tomorrow = addDays(startOfDayIn(now, timezone), 1);
  const due = await db.followUp.findMany({
    where: { doneAt: null, dueAt: { lt: tomorrow }, user: { active: true } },
    select: {
      number: true,
      kind: true,
      text: true,
      dueAt: true,
      userId: true,
      customer: { select: { name: true, code: true } },
    },
    orderBy: [{ userId: "asc" }, { dueAt: "asc" }],
  });
  const notifications: Notification<NotificationView>[] = [...groupBy(due, (f) => f.userId)].map(([userId, items]) => ({
    dedupeKey: `morning:${slot.toISOString()}:${userId}`,
    kind: "followups",
    recipients: [{ kind: "user", userId }],
    at: now,
    view: {
      view: "morningFollowUps",
      items: items.slice(0, MORNING_ITEMS).map(({ userId: _, ...f }) => f),
      more: Math.max(0, items.length - MORNING_ITEMS),
    },
  }));
  return enqueueMany(db, bulk, workspaceId, notifications);
}

/** The week's figures for the customers of some owners (null = the whole workspace). */
async function teamFigures(
  db: WorkspaceDb,
  owners: number[] | null,
  from: Date,
  to: Date,
  month: Month,
  timezone: string,
): Promise<TeamFigures> {
  const customers = owners === null ? {} : { customer: { ownerId: { in: owners } } };
  const { start } = monthRange(month, timezone);
  const [visits, newComplaints, openAlerts, resolvedAlerts, sales, plan] = await Promise.all([
    db.visit.count({
      where: { visitedAt: { gte: from, lt: to }, ...STANDING, ...(owners === null ? {} : { userId: { in: owners } }) },
    }),
    db.complaint.count({ where: { receivedAt: { gte: from, lt: to }, ...customers } }),
    db.alert.count({ where: { status: { not: "resolved" }, ...customers } }),
    db.alert.count({ where: { resolvedAt: { gte: from, lt: to }, ...customers } }),
    db.order.aggregate({
      where: { orderedAt: { gte: start, lt: to }, ...STANDING, ...customers },
      _sum: { amount: true },
    }),
    db.salesPlan.aggregate({ where: { month, ...customers }, _sum: { amount: true } }),
  ]);
  return {
    visits,
    newComplaints,
    openAlerts,
    resolvedAlerts,
    sales: sales._sum.amount ?? 0n,
    plan: plan._sum.amount ?? 0n,
  };
}

/**
 * 每周五下午例会: each manager gets the week of their team (visits, new complaints, open and
 * resolved alerts, sales against plan for the month so far); the digest channels get the
 * workspace's.
 */
export async function sendWeeklyDigest(
  db: WorkspaceDb,
  bulk: BulkWrites,
  workspaceId: number,
  timezone: string,
  now: Date,
  slot: Date,
): Promise<number> {
  const from = subDays(now, 7);
  const month = monthOf(now, timezone);
  const managers = await db.user.findMany({
    where: { role: "manager", active: true },
    select: { id: true, name: true, team: { where: { active: true }, select: { id: true } } },
  });
  const notifications: Notification<NotificationView>[] = [];
  for (const m of managers) {
    const figures = await teamFigures(db, [m.id, ...m.team.map((u) => u.id)], from, now, month, timezone);
    notifications.push({
      dedupeKey: `weekly:${slot.toISOString()}:${m.id}`,
      kind: "digest",
      recipients: [{ kind: "user", userId: m.id }],
      at: now,
      view: { view: "weeklyDigest", team: m.name, figures, month },
    });
  }
  const channels = await digestChannels(db);
  if (channels.length > 0) {
    const figures = await teamFigures(db, null, from, now, month, timezone);
    notifications.push({
      dedupeKey: `weekly:${slot.toISOString()}:all`,
      kind: "digest",
      recipients: channels,
      at: now,
      view: { view: "weeklyDigest", team: null, figures, month },
    });
  }
  return enqueueMany(db, bulk, workspaceId, notifications);
}

/**
 * 月总结 on the 1st: last month's tier changes, customers who stopped buying, the top customers
 * and each rep's visits and sales, to managers, admins and the digest channels.
 */
export async function sendMonthlySummary(
  db: WorkspaceDb,
  bulk: BulkWrites,
  workspaceId: number,
  timezone: string,
  now: Date,
  slot: Date,
): Promise<number> {
  const month = monthOf(subDays(startOfDayIn(now, timezone), 1), timezone);
  const { start, end } = monthRange(month, timezone);
  const [tierChanges, churned, top, reps] = await Promise.all([
    db.customerChange.count({ where: { action: "tier", at: { gte: start, lt: end } } }),
    db.alert.findMany({
      where: { rule: "churn", openedAt: { gte: start, lt: end } },
      select: { customer: { select: { name: true, code: true } } },
      take: 10,
    }),
    db.order.groupBy({
      by: ["customerId"],
      where: { orderedAt: { gte: start, lt: end }, ...STANDING },
      _sum: { amount: true },
      orderBy: { _sum: { amount: "desc" } },
      take: 10,
    }),
    db.visit.groupBy({
      by: ["userId"],
      where: { visitedAt: { gte: start, lt: end }, ...STANDING },
      _count: { _all: true },
    }),
  ]);
  const names = new Map(
    (
      await db.customer.findMany({
        where: { id: { in: top.map((t) => t.customerId) } },
        select: { id: true, name: true },
      })
    ).map((c) => [c.id, c.name]),
  );
  const users = new Map(
    (
      await db.user.findMany({ where: { id: { in: reps.map((r) => r.userId) } }, select: { id: true, name: true } })
    ).map((u) => [u.id, u.name]),
  );
  const figures: MonthFigures = {
    month,
    tierChanges,
    churned: churned.flatMap((a) => (a.customer ? [{ name: a.customer.name, code: a.customer.code }] : [])),
    top: top.map((c) => ({ name: names.get(c.customerId) ?? "-", amount: c._sum.amount ?? 0n })),
    visits: reps.map((r) => ({ name: users.get(r.userId) ?? "-", count: r._count._all })),
  };
  const leads = await db.user.findMany({
    where: { role: { in: ["manager", "admin"] }, active: true },
    select: { id: true },
  });
  const recipients: Recipient[] = [
    ...leads.map((u) => ({ kind: "user" as const, userId: u.id })),
    ...(await digestChannels(db)),
  ];
  const summary: Notification<NotificationView> = {
    dedupeKey: `monthly:${slot.toISOString()}`,
    kind: "digest",
    recipients,
    at: now,
    view: { view: "monthlySummary", figures },
  };
  return enqueueMany(db, bulk, workspaceId, [summary]);
}
