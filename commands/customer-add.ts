import { line } from "../src/views/command-line.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { errorReply, reply } from "../src/core/reply.js";
import { profileArgs, profileInput, typeArg } from "./shared/customer-fields.js";

export default defineCommand({
  path: ["customer", "add"],
  role: "rep",
  form: ["name", "type", "phone", "region", "address"],
  args: {
    name: arg.text({ required: true, positional: true, max: 100, aliases: ["名称", "客户名", "名字"] }),
    type: typeArg(true),
    owner: arg.user({ aliases: ["负责人", "业务员"] }),
    ...profileArgs,
    force: arg.bool({ aliases: ["仍然新建", "强制"] }),
  },
  examples: ["北京华达商贸 type:经销商 region:华北 电话:13800138000 授信额度:10万"],
  async handle({ args, services, t, lineWith }) {
    // 撞单: one customer filed twice, often by two reps; said before anything is written.
    const duplicate = args.force ? null : await services.customers.duplicateOf(args);
    if (duplicate)
      return errorReply(
        {
          type: "text",
          text: t(`customer.duplicate.${duplicate.reason}`, {
            ...duplicate,
            owner: duplicate.owner ?? t("common.nobody"),
            phone: args.phone,
          }),
        },
        {
          type: "buttons",
          buttons: [
            { label: t("customer.duplicate.force"), command: lineWith({ force: t("common.yes") }) },
            ...(duplicate.visible
              ? [
                  {
                    label: t("customer.duplicate.show", { code: duplicate.code }),
                    command: line("customer show", { customer: duplicate.code }),
                  },
                ]
              : []),
          ],
        },
      );
    const { force: _, ...fields } = args;
    const input = profileInput(fields) as Parameters<typeof services.customers.add>[0];
    const customer = await services.customers.add(input, args.owner);
    return reply(
      { type: "text", text: t("customer.added", { name: customer.name, code: customer.code }) },
      {
        type: "buttons",
        buttons: [
          { label: t("customer.buttons.show"), command: line("customer show", { customer: customer.code }) },
          { label: t("customer.buttons.addContact"), command: `${line("contact add", { customer: customer.code })} ` },
        ],
      },
    );
  },
});
