import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["alert", "redeliver"],
  role: "admin",
  args: {
    channel: arg.text({ positional: true, max: 100, aliases: ["频道"] }),
  },
  examples: ["", "C0123ABCD"],
  async handle({ args, services, t }) {
    const count = await services.deliveries.redeliver(args.channel);
    if (count === 0) return reply({ type: "text", text: t("delivery.nothingToRetry") });
    return reply({
      type: "text",
      text: args.channel
        ? t("delivery.retriedChannel", { count, channel: args.channel })
        : t("delivery.retried", { count }),
    });
  },
});
