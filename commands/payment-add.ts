import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { formatId } from "../src/domain/ids.js";

export default defineCommand({
  path: ["payment", "add"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    amount: arg.money({ required: true, positional: true, aliases: ["金额"] }),
    date: arg.date({ positional: true, notAfterToday: true, aliases: ["日期", "回款日期"] }),
    note: arg.text({ rest: true, max: 200, aliases: ["备注"] }),
  },
  examples: ["华达 5000", "华达 5万 11-20 转账"],
  async handle({ args, services, t, fmt }) {
    const customer = await services.customers.resolve(args.customer);
    const { payment, outstanding } = await services.trading.addPayment(customer, {
      amount: args.amount,
      paidOn: args.date,
      note: args.note,
    });
    return reply(
      {
        type: "text",
        text: t("trading.paymentAdded", {
          id: formatId("payment", payment.number),
          customer: customer.name,
          amount: fmt.formatMoney(payment.amount),
          date: fmt.formatDate(payment.paidAt),
        }),
      },
      { type: "note", text: t("trading.outstandingNow", { amount: fmt.formatMoney(outstanding) }) },
    );
  },
});
