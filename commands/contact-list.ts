import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["contact", "list"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
  },
  examples: ["北京华达"],
  async handle({ args, services, t, fmt }) {
    const customer = await services.customers.resolve(args.customer);
    const { contacts, sensitiveHidden } = await services.contacts.list(customer);
    const blocks: Parameters<typeof reply> = [
      {
        type: "list",
        title: t("contact.listTitle", { customer: customer.name, count: contacts.length }),
        empty: t("contact.none"),
        items: contacts.map((c) => {
          const facts = [
            c.phone,
            c.role && phrase(t, "vocab.contactRole", c.role),
            c.stance && phrase(t, "vocab.stance", c.stance),
            c.birthday && `${t("field.contact_birthday")} ${fmt.formatMonthDay(c.birthday)}`,
            c.personality && fmt.labelled(t("field.contact_personality"), c.personality),
            c.hobbies && fmt.labelled(t("field.contact_hobbies"), c.hobbies),
            c.family && fmt.labelled(t("field.contact_family"), c.family),
          ];
          return { title: [c.name, c.title].filter(Boolean).join(" · "), detail: facts.filter(Boolean).join(" · ") };
        }),
      },
    ];
    if (sensitiveHidden) blocks.push({ type: "note", text: t("contact.sensitiveHidden") });
    return reply(...blocks);
  },
});
