import { defineCommand } from "../src/application/command.js";
import { alertCard } from "../src/views/alert-card.js";
import { alertId } from "../src/domain/alerts/service.js";
import { alertIdArg } from "./shared/alerts.js";

export default defineCommand({
  path: ["alert", "ack"],
  role: "rep",
  args: { id: alertIdArg() },
  examples: ["YJ-0001"],
  async handle({ args, services, t, fmt }) {
    const alert = await services.alerts.acknowledge(args.id);
    const card = alertCard(t, fmt, alert, { owner: alert.customer?.owner?.name ?? null });
    card.blocks.unshift({ type: "text", text: t("alert.acknowledged", { id: alertId(alert.number) }) });
    return card;
  },
});
