import { line } from "./command-line.js";
import type { Month } from "../core/dates.js";
import type { Translate } from "../core/messages.js";
import { reply, type Reply } from "../core/reply.js";
import type { FollowUpView, MonthFigures, TeamFigures } from "../domain/notifications.js";
import type { Formatter } from "../i18n/format.js";
import { followUpItem } from "./follow-up-item.js";

/** 晨会: a user's follow-ups due today or overdue; `more` counts those left out of the list. */
export function morningFollowUps(t: Translate, fmt: Formatter, items: FollowUpView[], more: number, now: Date): Reply {
  return reply(
    { type: "heading", text: t("digest.morning.title", { count: items.length + more }) },
    { type: "list", items: items.map((f) => followUpItem(t, fmt, f, now, false)) },
    ...(more > 0 ? [{ type: "note" as const, text: t("digest.morning.more", { count: more }) }] : []),
    { type: "buttons", buttons: [{ label: t("digest.morning.open"), command: line("followups") }] },
  );
}

/** 每周五例会: a team's week (or the workspace's, without a team). */
export function weeklyDigest(t: Translate, fmt: Formatter, team: string | null, f: TeamFigures, month: Month): Reply {
  return reply(
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
              : fmt.aside(
                  `${fmt.formatMoney(f.sales)} / ${fmt.formatMoney(f.plan)}`,
                  fmt.formatShare(f.sales, f.plan)!,
                ),
        },
      ],
    },
    {
      type: "buttons",
      buttons: [
        { label: t("digest.weekly.alerts"), command: line("alert list", { who: t("common.teamWord") }, fmt.locale) },
        { label: t("digest.weekly.reps"), command: line("report rep", { who: t("common.teamWord") }, fmt.locale) },
      ],
    },
  );
}

/** 月总结: last month's tier changes, customers who stopped buying, the top customers and each rep's visits. */
export function monthlySummary(t: Translate, fmt: Formatter, f: MonthFigures): Reply {
  return reply(
    { type: "heading", text: t("digest.monthly.title", { month: f.month }) },
    { type: "text", text: t("digest.monthly.tierChanges", { count: f.tierChanges }) },
    {
      type: "list",
      title: t("digest.monthly.churned", { count: f.churned.length }),
      empty: t("common.none"),
      items: f.churned.map((c) => ({ title: fmt.aside(c.name, c.code) })),
    },
    {
      type: "list",
      title: t("digest.monthly.top"),
      empty: t("common.none"),
      items: f.top.map((c) => ({ title: c.name, detail: fmt.formatMoney(c.amount) })),
    },
    {
      type: "list",
      title: t("digest.monthly.visits"),
      empty: t("common.none"),
      items: f.visits.map((r) => ({ title: r.name, detail: t("digest.monthly.visitCount", { count: r.count }) })),
    },
    {
      type: "buttons",
      buttons: [
        { label: t("digest.monthly.abc"), command: line("report abc") },
        {
          label: t("digest.monthly.reps"),
          command: line("report rep", { who: t("common.teamWord"), month: f.month }, fmt.locale),
        },
      ],
    },
  );
}
