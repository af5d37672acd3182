import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { describeChange } from "./shared/describe-change.js";

export default defineCommand({
  path: ["customer", "history"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    limit: arg.int({ min: 1, max: 100, aliases: ["数量"] }),
  },
  examples: ["C0001"],
  async handle({ args, services, t, fmt }) {
    const customer = await services.customers.resolve(args.customer);
    const entries = await services.customers.history(customer.id, args.limit ?? 20);
    return reply({
      type: "list",
      title: t("customer.historyTitle", { name: customer.name }),
      empty: t("customer.noHistory"),
      items: entries.map((e) => ({
        title: `${fmt.formatDateTime(e.at)} · ${e.user ?? t("common.bot")} · ${phrase(t, "history.action", e.action)}`,
        detail: fmt.clauses(e.changes.map((c) => describeChange(t, fmt, c))),
      })),
    });
  },
});
