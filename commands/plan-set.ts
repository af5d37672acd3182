import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["plan", "set"],
  role: "manager",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    month: arg.month({ required: true, positional: true, aliases: ["月份", "月"] }),
    amount: arg.money({ required: true, positional: true, aliases: ["金额", "目标"] }),
  },
  examples: ["华达 2026-12 5万", "华达 下月 60000"],
  async handle({ args, services, t, fmt }) {
    const customer = await services.customers.resolve(args.customer);
    const previous = await services.trading.setPlan(customer, args.month, args.amount);
    const params = { customer: customer.name, month: args.month, amount: fmt.formatMoney(args.amount) };
    return reply({
      type: "text",
      text:
        previous === null
          ? t("trading.planSet", params)
          : previous === args.amount
            ? t("trading.planUnchanged", params)
            : t("trading.planChanged", { ...params, previous: fmt.formatMoney(previous) }),
    });
  },
});
