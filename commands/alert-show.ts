import { phrase } from "../src/core/messages.js";
import { defineCommand } from "../src/application/command.js";
import { alertCard } from "../src/views/alert-card.js";
import { alertIdArg } from "./shared/alerts.js";

export default defineCommand({
  path: ["alert", "show"],
  role: "rep",
  args: { id: alertIdArg() },
  examples: ["YJ-0001", "1"],
  async handle({ args, services, t, fmt }) {
    const alert = await services.alerts.find(args.id);
    const card = alertCard(t, fmt, alert, { owner: alert.customer?.owner?.name ?? null });
    const history = await services.alerts.history(alert);
    card.blocks.splice(card.blocks.length - (alert.status === "resolved" ? 0 : 1), 0, {
      type: "list",
      title: t("alert.history"),
      items: history.map((e) => ({
        title: `${fmt.formatDateTime(e.at)} · ${e.user?.name ?? t("common.bot")} · ${phrase(t, "vocab.alertAction", e.action)}`,
        detail: e.action === "snoozed" && e.detail ? fmt.formatDate(new Date(e.detail)) : (e.detail ?? ""),
      })),
    });
    return card;
  },
});
