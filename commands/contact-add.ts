import { line } from "../src/views/command-line.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { contactFieldArgs } from "./shared/contact-fields.js";

export default defineCommand({
  path: ["contact", "add"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    name: arg.text({ required: true, positional: true, max: 50, aliases: ["姓名", "名字"] }),
    ...contactFieldArgs,
  },
  examples: ["北京华达 李明 职务:采购经理 电话:13900001111 角色:决策人 态度:支持者 爱好:钓鱼"],
  async handle({ args, services, t }) {
    const customer = await services.customers.resolve(args.customer);
    const { customer: _ref, ...input } = args;
    const contact = await services.contacts.add(customer, input);
    return reply(
      { type: "text", text: t("contact.added", { name: contact.name, customer: customer.name }) },
      {
        type: "buttons",
        buttons: [
          { label: t("customer.buttons.contacts"), command: line("contact list", { customer: customer.code }) },
        ],
      },
    );
  },
});
