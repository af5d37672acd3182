import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { alertCard } from "../src/views/alert-card.js";
import { alertId } from "../src/domain/alerts/service.js";
import { alertIdArg } from "./shared/alerts.js";

export default defineCommand({
  path: ["alert", "assign"],
  role: "rep",
  args: { id: alertIdArg(), user: arg.user({ positional: true, aliases: ["给", "同事"] }) },
  examples: ["YJ-0001 王伟", "YJ-0001"],
  async handle({ args, services, t, fmt }) {
    const alert = await services.alerts.assign(args.id, args.user);
    const card = alertCard(t, fmt, alert, { owner: alert.customer?.owner?.name ?? null });
    card.blocks.unshift({
      type: "text",
      text: t("alert.assigned", { id: alertId(alert.number), user: alert.assignee?.name ?? "-" }),
    });
    return card;
  },
});
