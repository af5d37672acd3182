import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { toMajor } from "../src/core/money.js";
import { reply } from "../src/core/reply.js";
import { monthlyChart } from "../src/charts/monthly.js";
import { renderChart } from "../src/charts/render.js";

export default defineCommand({
  path: ["report", "customer"],
  role: "rep",
  args: { customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }) },
  examples: ["北京华达", "C0001"],
  async handle({ args, services, t, fmt }) {
    const customer = await services.customers.resolve(args.customer);
    const r = await services.reports.customer(customer);
    const sales = r.months.reduce((sum, m) => sum + m.sales, 0n);
    const planned = r.months.reduce((sum, m) => sum + (m.plan ?? 0n), 0n);
    // Completion counts the months that had a plan: a plan of six months is not met by twelve months of sales.
    const salesInPlannedMonths = r.months.reduce((sum, m) => sum + (m.plan === null ? 0n : m.sales), 0n);
    const title = t("report.customer.chartTitle", { customer: customer.name });
    const chart = await renderChart(
      monthlyChart(
        r.months.map((m) => ({
          month: m.month,
          sales: toMajor(m.sales),
          plan: m.plan === null ? null : toMajor(m.plan),
        })),
        { title, sales: t("report.customer.sales"), plan: t("report.customer.plan") },
      ),
    );
    return {
      ...reply(
        { type: "heading", text: t("report.customer.title", { customer: customer.name, code: customer.code }) },
        {
          type: "fields",
          fields: [
            { label: t("report.customer.salesTotal"), value: fmt.formatMoney(sales) },
            {
              label: t("report.customer.planTotal"),
              value:
                planned === 0n
                  ? t("common.none")
                  : fmt.aside(fmt.formatMoney(planned), fmt.formatShare(salesInPlannedMonths, planned)!),
            },
            { label: t("report.customer.payments"), value: fmt.formatMoney(r.payments) },
            { label: t("report.customer.outstanding"), value: fmt.formatMoney(r.outstanding) },
            { label: t("report.customer.expenses"), value: fmt.formatMoney(r.expensesInWindow) },
          ],
        },
        {
          type: "list",
          title: t("report.customer.byMonth"),
          items: r.months.map((m) => ({
            title: m.month,
            detail:
              m.plan === null
                ? fmt.formatMoney(m.sales)
                : t("report.customer.vsPlan", { sales: fmt.formatMoney(m.sales), plan: fmt.formatMoney(m.plan) }),
          })),
        },
        {
          type: "list",
          title: t("report.customer.budgets"),
          empty: t("report.customer.noBudgets"),
          items: r.expenses.map((e) => ({
            title: e.period,
            detail: t(e.spent > e.budget ? "report.customer.overBudget" : "report.customer.withinBudget", {
              spent: fmt.formatMoney(e.spent),
              budget: fmt.formatMoney(e.budget),
            }),
          })),
        },
      ),
      files: [{ name: `${customer.code}-12m.png`, mime: "image/png", data: chart, title }],
    };
  },
});
