import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { UserError } from "../src/core/errors.js";
import { reply } from "../src/core/reply.js";
import { profileArgs, profileInput, typeArg } from "./shared/customer-fields.js";
import { describeChange } from "./shared/describe-change.js";

export default defineCommand({
  path: ["customer", "edit"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    name: arg.text({ max: 100, aliases: ["名称", "客户名", "名字"] }),
    type: typeArg(false),
    ...profileArgs,
  },
  examples: ["C0001 电话:13900001111 授信额度:20万", "北京华达 status:churned"],
  async handle({ args, services, t, fmt }) {
    const input = profileInput(args);
    if (Object.keys(input).length === 0)
      throw new UserError("customer.nothingToChange", { usage: "/customer edit help" });
    const customer = await services.customers.resolve(args.customer);
    const changes = await services.customers.edit(customer, input);
    if (changes.length === 0) return reply({ type: "text", text: t("customer.unchanged", { name: customer.name }) });
    return reply(
      { type: "text", text: t("customer.edited", { name: customer.name, count: changes.length }) },
      { type: "list", items: changes.map((c) => ({ title: describeChange(t, fmt, c) })) },
    );
  },
});
