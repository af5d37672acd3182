import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { monthOf } from "../src/core/dates.js";
import { reply } from "../src/core/reply.js";
import { whoArg, whoFrom } from "./shared/visits.js";

export default defineCommand({
  path: ["report", "rep"],
  role: "rep",
  args: {
    who: whoArg(),
    month: arg.month({ positional: true, aliases: ["月份", "月"] }),
  },
  examples: ["", "上月", "who:王伟 2026-11", "who:team"],
  async handle({ args, services, t, fmt, now }) {
    const month = args.month ?? monthOf(now, fmt.timezone);
    const rows = await services.reports.reps(await services.users.scope(whoFrom(args.who, "me")), month);
    const progress = (sales: bigint, plan: bigint) => fmt.formatShare(sales, plan) ?? t("report.rep.noPlan");
    return reply({
      type: "list",
      title: t("report.rep.title", { month }),
      empty: t("report.rep.none"),
      items: rows.map((r) => ({
        title: `${r.name} · ${t("report.rep.salesVsPlan", { sales: fmt.formatMoney(r.sales), plan: fmt.formatMoney(r.plan), progress: progress(r.sales, r.plan) })}`,
        detail: t("report.rep.line", {
          visits: r.visits,
          newCustomers: r.newCustomers,
          complaints: r.complaints,
          open: r.openComplaints,
        }),
      })),
    });
  },
});
