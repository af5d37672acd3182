import { line } from "../src/views/command-line.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { CONTACT_ROLES, CONTACT_ROLE_WORDS, STANCES, STANCE_WORDS } from "../src/domain/vocabulary.js";

export default defineCommand({
  path: ["contact", "add"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    name: arg.text({ required: true, positional: true, max: 50, aliases: ["姓名", "名字"] }),
    title: arg.text({ max: 50, aliases: ["职务", "职位"] }),
    phone: arg.text({ max: 30, aliases: ["电话", "手机"] }),
    role: arg.choice("contactRole", CONTACT_ROLES, CONTACT_ROLE_WORDS, { aliases: ["角色"] }),
    stance: arg.choice("stance", STANCES, STANCE_WORDS, { aliases: ["态度", "立场"] }),
    // A birthday is a month and a day (5-12, 5月12号); a year, if typed, is kept but not shown.
    birthday: arg.date({ aliases: ["生日"] }),
    personality: arg.text({ max: 500, aliases: ["性格"] }),
    hobbies: arg.text({ max: 500, aliases: ["爱好", "性格爱好"] }),
    family: arg.text({ max: 500, aliases: ["家庭"] }),
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
