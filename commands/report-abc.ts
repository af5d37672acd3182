import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { paretoChart } from "../src/charts/pareto.js";
import { renderChart } from "../src/charts/render.js";

export default defineCommand({
  path: ["report", "abc"],
  role: "manager",
  args: {},
  async handle({ services, t, fmt }) {
    const r = await services.reports.abc();
    const share = (part: bigint | number, whole: bigint | number) => fmt.formatShare(part, whole, 1) ?? "-";
    const changeItem = (m: (typeof r.up)[number]) => ({
      title: fmt.aside(m.name, m.code),
      detail: `${m.from} → ${m.to} · ${fmt.formatDate(m.at)}`,
    });
    const chart = await renderChart(
      paretoChart(
        r.curve,
        { a: r.settings.aShare, b: r.settings.bShare },
        {
          title: t("report.abc.chartTitle", { months: r.settings.windowMonths }),
          xAxis: t("report.abc.xAxis"),
          yAxis: t("report.abc.yAxis"),
          tier: (tier) => t("report.abc.tier", { tier }),
        },
      ),
    );
    return {
      ...reply(
        { type: "heading", text: t("report.abc.title", { months: r.settings.windowMonths }) },
        {
          type: "list",
          items: r.tiers.map((tier) => ({
            title: t("report.abc.tier", { tier: tier.tier }),
            detail: t("report.abc.tierLine", {
              customers: fmt.formatNumber(tier.customers),
              customerShare: share(tier.customers, r.customers),
              sales: fmt.formatMoney(tier.sales),
              salesShare: share(tier.sales, r.total),
            }),
          })),
        },
        ...(r.team ? [{ type: "note" as const, text: t("report.teamOnly") }] : []),
        {
          type: "note",
          text: t("report.abc.totals", {
            customers: fmt.formatNumber(r.customers),
            buying: fmt.formatNumber(r.buying),
            total: fmt.formatMoney(r.total),
            untiered: r.untiered,
          }),
        },
        {
          type: "list",
          title: t("report.abc.up", { count: r.up.length, since: fmt.formatDate(r.since) }),
          empty: t("common.none"),
          items: r.up.slice(0, 10).map(changeItem),
        },
        {
          type: "list",
          title: t("report.abc.down", { count: r.down.length, since: fmt.formatDate(r.since) }),
          empty: t("common.none"),
          items: r.down.slice(0, 10).map(changeItem),
        },
      ),
      files: [
        {
          name: "abc-pareto.png",
          mime: "image/png",
          data: chart,
          title: t("report.abc.chartTitle", { months: r.settings.windowMonths }),
        },
      ],
    };
  },
});
