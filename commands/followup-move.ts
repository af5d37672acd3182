import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { followUpId } from "../src/domain/followups/service.js";

export default defineCommand({
  path: ["followup", "move"],
  role: "rep",
  args: {
    id: arg.text({ required: true, positional: true, max: 20, aliases: ["编号"], complete: "followUp" }),
    date: arg.date({ required: true, positional: true, notBeforeToday: true, aliases: ["日期", "改到"] }),
  },
  examples: ["HF-0012 12-05", "12 +3d"],
  async handle({ args, services, t, fmt }) {
    const f = await services.followUps.move(args.id, args.date);
    return reply({
      type: "text",
      text: t("followup.moved", {
        id: followUpId(f.number),
        customer: f.customer.name,
        from: fmt.formatDate(f.previousDueAt),
        to: fmt.formatDate(f.dueAt),
      }),
    });
  },
});
