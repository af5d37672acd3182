import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["alert", "route", "remove"],
  role: "admin",
  args: { id: arg.int({ required: true, positional: true, min: 1, aliases: ["编号"] }) },
  examples: ["1"],
  async handle({ args, services, t }) {
    await services.alerts.removeRoute(args.id);
    return reply({ type: "text", text: t("alert.route.removed", { id: args.id }) });
  },
});
