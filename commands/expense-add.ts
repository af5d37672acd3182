import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { formatId } from "../src/domain/ids.js";

export default defineCommand({
  path: ["expense", "add"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    amount: arg.money({ required: true, positional: true, aliases: ["金额"] }),
    category: arg.text({ positional: true, max: 50, aliases: ["类别", "科目"] }),
    date: arg.date({ positional: true, notAfterToday: true, aliases: ["日期"] }),
    note: arg.text({ rest: true, max: 200, aliases: ["备注"] }),
  },
  examples: ["华达 800 招待", "华达 2000 促销 11-20 端午堆头费"],
  async handle({ args, services, t, fmt }) {
    const customer = await services.customers.resolve(args.customer);
    const expense = await services.trading.addExpense(customer, {
      amount: args.amount,
      category: args.category ?? t("trading.defaultCategory"),
      spentOn: args.date,
      note: args.note,
    });
    return reply({
      type: "text",
      text: t("trading.expenseAdded", {
        id: formatId("expense", expense.number),
        customer: customer.name,
        amount: fmt.formatMoney(expense.amount),
        category: expense.category,
        date: fmt.formatDate(expense.spentAt),
      }),
    });
  },
});
