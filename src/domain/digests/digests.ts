import { addDays } from "date-fns/addDays";
import { subDays } from "date-fns/subDays";
import { monthOf, monthRange, startOfDayIn, type Month } from "../../core/dates.js";
import { groupBy } from "../../core/group.js";
import { reply, type Reply } from "../../core/reply.js";
import type { Provider } from "../../db/provider.js";
import type { WorkspaceDb } from "../../db/scope.js";
import type { Formatter } from "../../i18n/format.js";
import type { Translate } from "../../core/messages.js";
import { enqueueMany, type Notification } from "../../outbound/outbox.js";
import type { Recipient } from "../../outbound/port.js";
import { followUpItem } from "../followups/card.js";

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
  provider: Provider,
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
  const notifications: Notification[] = [...groupBy(due, (f) => f.userId)].map(([userId, items]) => ({
    dedupeKey: `morning:${slot.toISOString()}:${userId}`,
    kind: "followups",
    recipients: [{ kind: "user", userId }],
    at: now,
    build: (t: Translate, fmt: Formatter): Reply =>
      reply(
        { type: "heading", text: t("digest.morning.title", { count: items.length }) },
        { type: "list", items: items.slice(0, MORNING_ITEMS).map((f) => followUpItem(t, fmt, f, now, false)) },
        ...(items.length > MORNING_ITEMS
          ? [{ type: "note" as const, text: t("digest.morning.more", { count: items.length - MORNING_ITEMS }) }]
          : []),
        { type: "buttons", buttons: [{ label: t("digest.morning.open"), command: "/followups" }] },
      ),
  }));
  return enqueueMany(db, provider, workspaceId, notifications);
}

interface TeamFigures {
  visits: number;
  newComplaints: number;
  openAlerts: number;
  resolvedAlerts: number;
  sales: bigint;
  plan: bigint;
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
      where: { visitedAt: { gte: from, lt: to }, ...(owners === null ? {} : { userId: { in: owners } }) },
    }),
    db.complaint.count({ where: { receivedAt: { gte: from, lt: to }, ...customers } }),
    db.alert.count({ where: { status: { not: "resolved" }, ...customers } }),
    db.alert.count({ where: { resolvedAt: { gte: from, lt: to }, ...customers } }),
    db.order.aggregate({ where: { orderedAt: { gte: start, lt: to }, ...customers }, _sum: { amount: true } }),
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

function weeklyCard(team: string | null, f: TeamFigures, month: Month) {
  return (t: Translate, fmt: Formatter): Reply =>
    reply(
      { type: "heading", text: team ? t("digest.weekly.teamTitle", { team }) : t("digest.weekly.title") },
      {
        type: "fields",
        fields: [
          { label: t("digest.weekly.visits"), value: fmt.formatNumber(f.visits) },
          { label: t("digest.weekly.newComplaints"), value: fmt.formatNumber(f.newComplaints) },
          { label: t("digest.weekly.openAlerts"), value: fmt.formatNumber(f.openAlerts) },
          { label: t("digest.weekly.resolvedAlerts"), value: fmt.formatNumber(f.resolvedAlerts) },
          {
            label: t("digest.weekly.salesVsPlan", { month }),
            value:
              f.plan === 0n
                ? fmt.formatMoney(f.sales)
                : `${fmt.formatMoney(f.sales)} / ${fmt.formatMoney(f.plan)} (${fmt.formatShare(f.sales, f.plan)})`,
          },
        ],
      },
      {
        type: "buttons",
        buttons: [
          { label: t("digest.weekly.alerts"), command: "/alert list who:team" },
          { label: t("digest.weekly.reps"), command: "/report rep who:team" },
        ],
      },
    );
}

/**
 * 每周五下午例会: each manager gets the week of their team (visits, new complaints, open and
 * resolved alerts, sales against plan for the month so far); the digest channels get the
 * workspace's.
 */
export async function sendWeeklyDigest(
  db: WorkspaceDb,
  provider: Provider,
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
  const notifications: Notification[] = [];
  for (const m of managers) {
    const figures = await teamFigures(db, [m.id, ...m.team.map((u) => u.id)], from, now, month, timezone);
    notifications.push({
      dedupeKey: `weekly:${slot.toISOString()}:${m.id}`,
      kind: "digest",
      recipients: [{ kind: "user", userId: m.id }],
      at: now,
      build: weeklyCard(m.name, figures, month),
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
      build: weeklyCard(null, figures, month),
    });
  }
  return enqueueMany(db, provider, workspaceId, notifications);
}

/**
 * 月总结 on the 1st: last month's tier changes, customers who stopped buying, the top customers
 * and each rep's visits and sales, to managers, admins and the digest channels.
 */
export async function sendMonthlySummary(
  db: WorkspaceDb,
  provider: Provider,
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
      where: { orderedAt: { gte: start, lt: end } },
      _sum: { amount: true },
      orderBy: { _sum: { amount: "desc" } },
      take: 10,
    }),
    db.visit.groupBy({ by: ["userId"], where: { visitedAt: { gte: start, lt: end } }, _count: { _all: true } }),
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
  const build = (t: Translate, fmt: Formatter): Reply =>
    reply(
      { type: "heading", text: t("digest.monthly.title", { month }) },
      { type: "text", text: t("digest.monthly.tierChanges", { count: tierChanges }) },
      {
        type: "list",
        title: t("digest.monthly.churned", { count: churned.length }),
        empty: t("common.none"),
        items: churned.map((a) => ({ title: `${a.customer?.name} (${a.customer?.code})` })),
      },
      {
        type: "list",
        title: t("digest.monthly.top"),
        empty: t("common.none"),
        items: top.map((c) => ({
          title: names.get(c.customerId) ?? "-",
          detail: fmt.formatMoney(c._sum.amount ?? 0n),
        })),
      },
      {
        type: "list",
        title: t("digest.monthly.visits"),
        empty: t("common.none"),
        items: reps.map((r) => ({
          title: users.get(r.userId) ?? "-",
          detail: t("digest.monthly.visitCount", { count: r._count._all }),
        })),
      },
      {
        type: "buttons",
        buttons: [
          { label: t("digest.monthly.abc"), command: "/report abc" },
          { label: t("digest.monthly.reps"), command: `/report rep who:team ${month}` },
        ],
      },
    );
  const leads = await db.user.findMany({
    where: { role: { in: ["manager", "admin"] }, active: true },
    select: { id: true },
  });
  const recipients: Recipient[] = [
    ...leads.map((u) => ({ kind: "user" as const, userId: u.id })),
    ...(await digestChannels(db)),
  ];
  return enqueueMany(db, provider, workspaceId, [
    { dedupeKey: `monthly:${slot.toISOString()}`, kind: "digest", recipients, at: now, build },
  ]);
}
