import { defineCommand } from "../src/application/command.js";
import { monthOf } from "../src/core/dates.js";
import { type Block, reply } from "../src/core/reply.js";
import { lastVisit, lateness } from "../src/i18n/phrases.js";
import { line } from "../src/views/command-line.js";
import { followUpItem } from "../src/views/follow-up-item.js";
import { alertItem } from "./shared/alerts.js";
import { whoArg, whoFrom } from "./shared/visits.js";

/** Items of each part of the day; each part's button opens its whole list. */
const SHOWN = { skip: 0, take: 5, page: 1 };

/**
 * 今天: my day on demand, the morning list whenever it is wanted; a manager sees the team's. In
 * Slack the same reply is the App Home tab.
 */
export default defineCommand({
  path: ["today"],
  role: "rep",
  args: { who: whoArg() },
  examples: ["", "who:王伟"],
  async handle({ args, services, t, fmt, now, actor }) {
    const who = whoFrom(args.who, actor.role === "rep" ? "me" : "team");
    const scope = await services.users.scope(who);
    const month = monthOf(now, fmt.timezone);
    const [followUps, plans, overdue, alerts, { sales, plan }] = await Promise.all([
      services.followUps.due(scope, SHOWN),
      services.visitPlans.today(scope),
      services.visits.overdue(scope, undefined, SHOWN),
      services.alerts.list({ ownerIds: scope, status: "open" }, SHOWN),
      services.reports.salesAgainstPlan(scope, month),
    ]);
    const team = who !== "me";
    const blocks: Block[] = [
      {
        type: "heading",
        text: t(team ? "today.teamTitle" : "today.title", {
          date: `${fmt.formatMonthDay(now)} ${fmt.formatWeekday(now)}`,
        }),
      },
      {
        type: "fields",
        fields: [
          {
            label: t("today.sales", { month }),
            value:
              plan === 0n
                ? fmt.aside(fmt.formatMoney(sales), t("today.noPlan"))
                : fmt.aside(`${fmt.formatMoney(sales)} / ${fmt.formatMoney(plan)}`, fmt.formatShare(sales, plan)!),
          },
          { label: t("today.followUps"), value: fmt.formatNumber(followUps.total) },
          {
            label: t("today.plans"),
            value: t("today.plansDone", { done: plans.filter((p) => p.visited).length, count: plans.length }),
          },
          { label: t("today.overdue"), value: fmt.formatNumber(overdue.total) },
          { label: t("today.alerts"), value: fmt.formatNumber(alerts.total) },
        ],
      },
    ];
    const part = (title: string, items: { title: string; detail?: string }[], total: number) => {
      if (total === 0) return;
      blocks.push({ type: "list", title, items });
      if (total > items.length) blocks.push({ type: "note", text: t("today.more", { count: total - items.length }) });
    };
    part(
      t("today.followUpsTitle"),
      followUps.rows.map((f) => followUpItem(t, fmt, f, now, team)),
      followUps.total,
    );
    part(
      t("today.plansTitle"),
      plans.map((p) => ({
        title: `${p.visited ? "✓" : "○"} ${fmt.aside(p.customer.name, p.customer.code)}`,
        detail: [t(p.visited ? "today.visited" : "today.notYet"), team ? p.rep : ""].filter(Boolean).join(" · "),
      })),
      plans.length,
    );
    part(
      t("today.overdueTitle"),
      overdue.rows.map((c) => ({
        title: fmt.aside(c.name, c.code),
        detail: [lastVisit(t, fmt, c.lastVisitAt, now), lateness(t, fmt, c.visitDueAt!, now), team ? c.owner?.name : ""]
          .filter(Boolean)
          .join(" · "),
      })),
      overdue.total,
    );
    part(
      t("today.alertsTitle"),
      alerts.rows.map((a) => alertItem(t, fmt, a)),
      alerts.total,
    );
    if (followUps.total + plans.length + overdue.total + alerts.total === 0)
      blocks.push({ type: "text", text: t("today.clear") });
    const whose = team ? { who: t("common.teamWord") } : {};
    blocks.push({
      type: "buttons",
      buttons: [
        { label: t("today.buttons.followUps"), command: line("followups", whose, fmt.locale) },
        { label: t("today.buttons.overdue"), command: line("visit due", whose, fmt.locale) },
        { label: t("today.buttons.alerts"), command: line("alert list", whose, fmt.locale) },
      ],
    });
    return reply(...blocks);
  },
});
