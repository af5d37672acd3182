import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["budget", "set"],
  role: "manager",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    period: arg.period({ required: true, positional: true, aliases: ["期间"] }),
    amount: arg.money({ required: true, positional: true, aliases: ["金额", "预算"] }),
  },
  examples: ["华达 2026-12 3000", "华达 2026-Q4 1万", "华达 2027 4万"],
  async handle({ args, services, t, fmt }) {
    const customer = await services.customers.resolve(args.customer);
    const previous = await services.trading.setBudget(customer, args.period, args.amount);
    const params = { customer: customer.name, period: args.period, amount: fmt.formatMoney(args.amount) };
    return reply({
      type: "text",
      text:
        previous === null
          ? t("trading.budgetSet", params)
          : previous === args.amount
            ? t("trading.budgetUnchanged", params)
            : t("trading.budgetChanged", { ...params, previous: fmt.formatMoney(previous) }),
    });
  },
});
