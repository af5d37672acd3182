import { channelAccessHint } from "../src/views/delivery-notices.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { UserError } from "../src/core/errors.js";
import { ruleArg } from "./shared/alerts.js";

export default defineCommand({
  path: ["alert", "route", "add"],
  role: "admin",
  args: {
    // Left out, the channel (Feishu group) the command is sent in.
    channel: arg.text({ positional: true, max: 100, aliases: ["频道", "群"] }),
    region: arg.text({ max: 50, aliases: ["区域"] }),
    rule: ruleArg(),
    for: arg.choice(
      "routePurpose",
      ["alerts", "digests"] as const,
      { 预警: "alerts", 周报: "digests", 简报: "digests", 汇总: "digests" },
      { aliases: ["用途"] },
    ),
  },
  examples: ["C0123ABCD", "#预警 region:华北", "C0456 rule:receivables", "#销售例会 for:digests"],
  async handle({ args, services, t, channelAccess, channel: here, platform }) {
    const channel = args.channel ?? here;
    if (!channel) throw new UserError("alert.route.whichChannel");
    const route = await services.alerts.addRoute(args.for ?? "alerts", channel, args.region, args.rule);
    const added = { type: "text" as const, text: t("alert.route.added", { id: route.id, channel: route.channelId }) };
    // The route is kept either way: once the bot is invited, the posts go out.
    const access = await channelAccess(route.channelId).catch(() => "unknown" as const);
    if (access === "ok" || access === "unknown") return reply(added);
    return reply(added, { type: "note", text: channelAccessHint(t, platform, access, route.channelId) });
  },
});
