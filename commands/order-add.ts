import { line } from "../src/views/command-line.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { goodsText } from "../src/views/goods.js";
import { formatId } from "../src/domain/ids.js";

export default defineCommand({
  path: ["order", "add"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    amount: arg.money({ required: true, positional: true, aliases: ["金额"] }),
    product: arg.text({ positional: true, max: 100, aliases: ["产品", "品名"] }),
    spec: arg.text({ positional: true, max: 100, aliases: ["规格"] }),
    qty: arg.number({ positional: true, aliases: ["数量"] }),
    date: arg.date({ positional: true, notAfterToday: true, aliases: ["日期", "进货日期"] }),
    settled: arg.bool({ aliases: ["结账", "已结账"] }),
  },
  examples: ["华达 12000", "华达 1.2万 矿泉水 550ml 100 11-20", "C0001 8600 product:饮料 settled:是"],
  async handle({ args, services, t, fmt }) {
    const customer = await services.customers.resolve(args.customer);
    const { order, outstanding } = await services.trading.addOrder(customer, {
      amount: args.amount,
      product: args.product,
      spec: args.spec,
      quantity: args.qty,
      orderedOn: args.date,
      settled: args.settled,
    });
    const goods = goodsText(fmt, order);
    return reply(
      {
        type: "text",
        text: goods
          ? t("trading.orderAdded", {
              id: formatId("order", order.number),
              customer: customer.name,
              amount: fmt.formatMoney(order.amount),
              goods,
              date: fmt.formatDate(order.orderedAt),
            })
          : t("trading.orderAddedNoGoods", {
              id: formatId("order", order.number),
              customer: customer.name,
              amount: fmt.formatMoney(order.amount),
              date: fmt.formatDate(order.orderedAt),
            }),
      },
      { type: "note", text: t("trading.outstandingNow", { amount: fmt.formatMoney(outstanding) }) },
      {
        type: "buttons",
        buttons: [
          { label: t("trading.buttons.report"), command: line("report customer", { customer: customer.code }) },
        ],
      },
    );
  },
});
