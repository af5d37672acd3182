import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { followUpId } from "../src/domain/followups/service.js";

export default defineCommand({
  path: ["followup", "done"],
  role: "rep",
  args: {
    id: arg.text({ required: true, positional: true, max: 20, aliases: ["编号"], complete: "followUp" }),
    note: arg.text({ rest: true, max: 500, aliases: ["备注", "结果"] }),
  },
  examples: ["HF-0012", "12 样品已送到"],
  async handle({ args, services, t }) {
    const f = await services.followUps.done(args.id, args.note);
    const key = f.kind === "promise" ? "followup.promiseKept" : "followup.closed";
    return reply({
      type: "text",
      text: t(key, { id: followUpId(f.number), customer: f.customer.name, text: f.text ?? t("followup.revisit") }),
    });
  },
});
