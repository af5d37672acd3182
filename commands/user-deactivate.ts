import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

/** 离职: stops a leaver at once and hands what they held to their manager. */
export default defineCommand({
  path: ["user", "deactivate"],
  role: "admin",
  args: {
    user: arg.user({ required: true, positional: true, aliases: ["用户", "同事"] }),
  },
  examples: ["王伟"],
  async handle({ args, services, t }) {
    const done = await services.users.deactivate(args.user);
    return reply({
      type: "text",
      text: t("user.deactivatedDone", {
        name: done.user.name,
        heir: done.heir.name,
        customers: done.customers,
        followUps: done.followUps,
        complaints: done.complaints,
        alerts: done.alerts,
      }),
    });
  },
});
