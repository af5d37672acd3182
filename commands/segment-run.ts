import { line } from "../src/views/command-line.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["segment", "run"],
  role: "admin",
  args: {},
  async handle({ services, t, fmt }) {
    const run = await services.segments.run();
    return reply(
      { type: "heading", text: t("segment.ran") },
      {
        type: "fields",
        fields: [
          { label: t("segment.customers"), value: fmt.formatNumber(run.customers) },
          { label: t("segment.buying"), value: fmt.formatNumber(run.buying) },
          { label: t("segment.totalSales"), value: fmt.formatMoney(run.totalSales) },
          {
            label: t("segment.tiers"),
            value: `A ${fmt.formatNumber(run.tiers.A)} · B ${fmt.formatNumber(run.tiers.B)} · C ${fmt.formatNumber(run.tiers.C)}`,
          },
          { label: t("segment.keyAccounts"), value: fmt.formatNumber(run.keyAccounts) },
          { label: t("segment.changed"), value: fmt.formatNumber(run.changed) },
        ],
      },
      {
        type: "buttons",
        buttons: [
          { label: t("segment.buttons.report"), command: line("report abc") },
          { label: t("segment.buttons.keyAccounts"), command: line("report keyaccounts") },
        ],
      },
    );
  },
});
