import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { line } from "../src/views/command-line.js";

export default defineCommand({
  path: ["contact", "remove"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    name: arg.text({ required: true, positional: true, max: 50, aliases: ["姓名", "名字"] }),
    reason: arg.text({ rest: true, max: 200, aliases: ["原因", "理由"] }),
  },
  examples: ["北京华达 李明 已离职"],
  async handle({ args, services, t }) {
    const customer = await services.customers.resolve(args.customer);
    const contact = await services.contacts.remove(customer, args.name, args.reason);
    return reply(
      { type: "text", text: t("contact.removed", { name: contact.name, customer: customer.name }) },
      {
        type: "buttons",
        buttons: [
          { label: t("customer.buttons.contacts"), command: line("contact list", { customer: customer.code }) },
          { label: t("customer.buttons.history"), command: line("customer history", { customer: customer.code }) },
        ],
      },
    );
  },
});
