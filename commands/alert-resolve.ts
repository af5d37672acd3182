import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { alertCard } from "../src/views/alert-card.js";
import { alertId } from "../src/domain/alerts/service.js";
import { alertIdArg } from "./shared/alerts.js";

export default defineCommand({
  path: ["alert", "resolve"],
  role: "rep",
  args: { id: alertIdArg(), note: arg.text({ rest: true, max: 500, aliases: ["备注", "处理"] }) },
  examples: ["YJ-0001 已电话催款,客户承诺月底付清"],
  async handle({ args, services, t, fmt }) {
    const alert = await services.alerts.resolve(args.id, args.note);
    const card = alertCard(t, fmt, alert, { owner: alert.customer?.owner?.name ?? null });
    card.blocks.unshift({ type: "text", text: t("alert.resolved", { id: alertId(alert.number) }) });
    return card;
  },
});
