import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { alertCard } from "../src/views/alert-card.js";
import { alertId } from "../src/domain/alerts/service.js";
import { alertIdArg } from "./shared/alerts.js";

export default defineCommand({
  path: ["alert", "snooze"],
  role: "rep",
  args: { id: alertIdArg(), until: arg.date({ positional: true, notBeforeToday: true, aliases: ["到", "直到"] }) },
  examples: ["YJ-0001", "YJ-0001 12-10", "YJ-0001 +2w"],
  async handle({ args, services, t, fmt }) {
    const alert = await services.alerts.snooze(args.id, args.until);
    const card = alertCard(t, fmt, alert, { owner: alert.customer?.owner?.name ?? null });
    card.blocks.unshift({
      type: "text",
      text: t("alert.snoozed", { id: alertId(alert.number), date: fmt.formatDate(alert.snoozedUntil!) }),
    });
    return card;
  },
});
