import { defineCommand } from "../src/application/command.js";
import { pageArg, pageBlocks, paging } from "../src/core/paging.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["report", "keyaccounts"],
  role: "manager",
  args: { page: pageArg() },
  async handle({ args, services, t, fmt, lineWith }) {
    const at = paging(args.page);
    const r = await services.reports.keyAccounts(at);
    const share = (part: bigint) =>
      r.totalSales === 0n ? "-" : `${(Number((part * 1000n) / r.totalSales) / 10).toFixed(1)}%`;
    return reply(
      {
        type: "list",
        title: t("report.keyAccounts.title", { count: r.total, months: r.windowMonths }),
        empty: t("report.keyAccounts.none"),
        items: r.rows.map((c) => ({
          title: `${fmt.aside(c.name, c.code)}${c.tier ? ` · ${c.tier}` : ""}${c.keyAccountManual && !c.keyAccount ? ` · ${t("report.keyAccounts.manual")}` : ""}`,
          detail: t("report.keyAccounts.line", {
            sales: fmt.formatMoney(c.sales),
            share: share(c.sales),
            outstanding: fmt.formatMoney(c.outstanding),
            owner: c.owner?.name ?? "-",
          }),
        })),
      },
      ...(r.team ? [{ type: "note" as const, text: t("report.teamOnly") }] : []),
      ...pageBlocks(t, at, r.total, lineWith),
    );
  },
});
