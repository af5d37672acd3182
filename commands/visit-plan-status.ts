import { line } from "../src/views/command-line.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { monthOf } from "../src/core/dates.js";
import { reply } from "../src/core/reply.js";
import { whoArg, whoFrom } from "./shared/visits.js";

/** The manager's monthly check: each rep's planned visits against the visits made. */
export default defineCommand({
  path: ["visit", "plan", "status"],
  role: "rep",
  args: {
    month: arg.month({ positional: true, aliases: ["月份", "月"] }),
    who: whoArg(),
  },
  examples: ["", "2026-11", "上月 who:王伟"],
  async handle({ args, services, t, fmt, now }) {
    const month = args.month ?? monthOf(now, fmt.timezone);
    const rows = await services.visitPlans.status(await services.users.scope(whoFrom(args.who, "team")), month);
    const percent = (part: number, whole: number) => fmt.formatShare(part, whole) ?? "-";
    const behind = rows.filter((r) => r.missed > 0).slice(0, 5);
    return reply(
      {
        type: "list",
        title: t("visit.planStatus.title", { month }),
        empty: t("visit.planStatus.empty"),
        items: rows.map((r) => ({
          title: `${r.name} · ${t("visit.planStatus.rate", { rate: percent(r.done, r.planned) })}`,
          detail: t("visit.planStatus.detail", { ...r }),
        })),
      },
      ...(behind.length > 0
        ? [
            {
              type: "buttons" as const,
              buttons: behind.map((r) => ({
                label: t("visit.planStatus.showPlan", { name: r.name }),
                command: line("visit plan", { who: r.name, month }),
              })),
            },
          ]
        : []),
    );
  },
});
