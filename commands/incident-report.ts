import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { alertCard } from "../src/views/alert-card.js";
import { INCIDENT_TYPES, INCIDENT_TYPE_WORDS } from "../src/domain/vocabulary.js";

export default defineCommand({
  path: ["incident", "report"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    type: arg.choice("incidentType", INCIDENT_TYPES, INCIDENT_TYPE_WORDS, {
      required: true,
      positional: true,
      aliases: ["类型"],
    }),
    text: arg.text({ required: true, rest: true, max: 1000, aliases: ["内容", "情况"] }),
  },
  examples: ["华达 被盗 仓库昨夜被盗，损失约 20 万", "C0001 重病 老板住院，店由儿子代管"],
  async handle({ args, services, t, fmt }) {
    const customer = await services.customers.resolve(args.customer);
    const alert = await services.alerts.reportIncident(customer, args.type, args.text);
    const head = { type: "text" as const, text: t("alert.incidentRecorded", { customer: customer.name }) };
    if (!alert) return reply(head, { type: "note", text: t("alert.incidentRuleOff") });
    const card = alertCard(t, fmt, alert, { owner: alert.customer?.owner?.name ?? null });
    card.blocks.unshift(head);
    return card;
  },
});
