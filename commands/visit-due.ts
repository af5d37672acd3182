import { line } from "../src/views/command-line.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { pageArg, pageBlocks, paging } from "../src/core/paging.js";
import { reply } from "../src/core/reply.js";
import { lastVisit, lateness } from "../src/i18n/phrases.js";
import { whoArg, whoFrom } from "./shared/visits.js";

/** 未访客户为零: the customers past their visit cadence, longest overdue first. */
export default defineCommand({
  path: ["visit", "due"],
  role: "rep",
  args: {
    who: whoArg(),
    region: arg.text({ max: 50, aliases: ["区域", "地区"] }),
    page: pageArg(),
  },
  examples: ["", "who:王伟", "region:华北"],
  async handle({ args, services, t, fmt, now, lineWith }) {
    // A rep's own customers; a manager's team's; an admin's everyone's.
    const ownerIds = await services.users.scope(whoFrom(args.who, "team"));
    const at = paging(args.page);
    const { total, rows } = await services.visits.overdue(ownerIds, args.region, at);
    if (total === 0) return reply({ type: "text", text: t("visit.due.none") });
    return reply(
      {
        type: "list",
        title: t("visit.due.title", { count: total }),
        items: rows.map((c) => ({
          title: `${fmt.aside(c.name, c.code)}${c.tier ? ` · ${c.tier}` : ""}`,
          detail: [lastVisit(t, fmt, c.lastVisitAt, now), lateness(t, fmt, c.visitDueAt!, now), c.owner?.name]
            .filter(Boolean)
            .join(" · "),
        })),
      },
      {
        type: "buttons",
        buttons: rows.slice(0, 5).map((c) => ({ label: c.name, command: line("customer show", { customer: c.code }) })),
      },
      ...pageBlocks(t, at, total, lineWith),
    );
  },
});
