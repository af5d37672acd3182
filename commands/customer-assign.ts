import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["customer", "assign"],
  role: "manager",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    user: arg.user({ required: true, positional: true, aliases: ["负责人", "业务员"] }),
  },
  examples: ["C0001 王伟"],
  async handle({ args, services, t }) {
    const customer = await services.customers.resolve(args.customer);
    const { from, to } = await services.customers.assign(customer, args.user);
    return reply({
      type: "text",
      text: t("customer.assigned", { name: customer.name, from: from ?? t("common.nobody"), to }),
    });
  },
});
