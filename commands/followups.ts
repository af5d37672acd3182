import { line } from "../src/views/command-line.js";
import { defineCommand } from "../src/application/command.js";
import { pageArg, pageBlocks, paging } from "../src/core/paging.js";
import { reply } from "../src/core/reply.js";
import { followUpId } from "../src/domain/followups/service.js";
import { followUpItem } from "../src/views/follow-up-item.js";
import { whoArg, whoFrom } from "./shared/visits.js";

/** 回访: next steps and promises due today or overdue; a manager sees the team's. */
export default defineCommand({
  path: ["followups"],
  role: "rep",
  args: {
    who: whoArg(),
    page: pageArg(),
  },
  examples: ["", "who:王伟", "who:me"],
  async handle({ args, services, t, fmt, now, actor, lineWith }) {
    const who = whoFrom(args.who, actor.role === "rep" ? "me" : "team");
    const at = paging(args.page);
    const { total, rows, upcoming, upcomingDays } = await services.followUps.due(await services.users.scope(who), at);
    const blocks: Parameters<typeof reply> = [];
    if (total === 0) blocks.push({ type: "text", text: t("followup.noneDue") });
    else {
      blocks.push(
        {
          type: "list",
          title: t("followup.title", { count: total }),
          items: rows.map((f) => followUpItem(t, fmt, f, now, who !== "me")),
        },
        {
          type: "buttons",
          buttons: rows.slice(0, 5).map((f) => ({
            label: t("followup.doneButton", { id: followUpId(f.number) }),
            command: line("followup done", { id: followUpId(f.number) }),
          })),
        },
        ...pageBlocks(t, at, total, lineWith),
      );
    }
    if (upcoming > 0)
      blocks.push({ type: "note", text: t("followup.upcoming", { count: upcoming, days: upcomingDays }) });
    return reply(...blocks);
  },
});
