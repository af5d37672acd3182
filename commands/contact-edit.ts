import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { UserError } from "../src/core/errors.js";
import { reply } from "../src/core/reply.js";
import type { ContactEdit } from "../src/domain/contacts/service.js";
import { contactFieldArgs } from "./shared/contact-fields.js";
import { line } from "../src/views/command-line.js";
import { describeChange } from "./shared/describe-change.js";

/** A text field typed as "-" is cleared, as with /user set 经理：-. */
const CLEAR = "-";
const cleared = (value: string | undefined) => (value === CLEAR ? null : value);

export default defineCommand({
  path: ["contact", "edit"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    name: arg.text({ required: true, positional: true, max: 50, aliases: ["姓名", "名字"] }),
    rename: arg.text({ max: 50, aliases: ["改名", "新姓名"] }),
    ...contactFieldArgs,
  },
  examples: ["北京华达 李明 职务:总经理 电话:13900002222", "北京华达 李明 态度:中立 爱好:-"],
  async handle({ args, services, t, fmt }) {
    const edit: ContactEdit = {
      name: args.rename,
      title: cleared(args.title),
      phone: cleared(args.phone),
      role: args.role,
      stance: args.stance,
      birthday: args.birthday,
      personality: cleared(args.personality),
      hobbies: cleared(args.hobbies),
      family: cleared(args.family),
    };
    if (Object.values(edit).every((v) => v === undefined))
      throw new UserError("contact.nothingToEdit", { name: args.name, customer: args.customer });
    const customer = await services.customers.resolve(args.customer);
    const { contact, changes } = await services.contacts.edit(customer, args.name, edit);
    if (changes.length === 0)
      return reply({ type: "text", text: t("contact.unchanged", { name: contact.name, customer: customer.name }) });
    return reply(
      {
        type: "list",
        title: t("contact.edited", { name: contact.name, customer: customer.name }),
        items: changes.map((c) => ({ title: describeChange(t, fmt, c) })),
      },
      {
        type: "buttons",
        buttons: [
          { label: t("customer.buttons.contacts"), command: line("contact list", { customer: customer.code }) },
        ],
      },
    );
  },
});
