import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { RULE_IDS } from "../src/domain/alerts/rules.js";
import type { AlertSettings } from "../src/domain/settings.js";
import type { Formatter } from "../src/i18n/format.js";
import { type Translate, phrase } from "../src/core/messages.js";
import { ruleArg } from "./shared/alerts.js";

const TIERS = ["A", "B", "C", "none"] as const;

/** One rule's thresholds as a line: amounts in money, per-tier values side by side. */
function describe(t: Translate, fmt: Formatter, params: Record<string, unknown>): string {
  return Object.entries(params)
    .filter(([key]) => key !== "enabled")
    .map(([key, value]) => {
      const shown =
        typeof value === "object" && value !== null
          ? Object.entries(value)
              .map(([tier, v]) => `${tier === "none" ? t("customer.card.noTier") : tier} ${String(v)}`)
              .join(" / ")
          : key === "minAmount"
            ? fmt.formatMoney(BigInt(value as number))
            : String(value);
      return fmt.labelled(phrase(t, "vocab.alertParam", key), shown);
    })
    .join(" · ");
}

export default defineCommand({
  path: ["alert", "rules"],
  role: "rep",
  args: {
    rule: ruleArg({ positional: true }),
    enabled: arg.bool({ aliases: ["启用"] }),
    factor: arg.number({ aliases: ["倍数"] }),
    criticalFactor: arg.number({ aliases: ["严重倍数"] }),
    threshold: arg.number({ aliases: ["阈值"] }),
    fromDay: arg.int({ aliases: ["起始日"] }),
    drop: arg.number({ aliases: ["降幅"] }),
    windowDays: arg.int({ aliases: ["窗口天数"] }),
    minAmount: arg.money({ aliases: ["最低金额"] }),
    minOrders: arg.int({ aliases: ["最少单数"] }),
    minDays: arg.int({ aliases: ["最少天数"] }),
    graceDays: arg.int({ aliases: ["宽限天数"] }),
    days: arg.int({ aliases: ["天数"] }),
    tier: arg.choice("tier", TIERS, { 未分级: "none", a: "A", b: "B", c: "C" }, { aliases: ["分级"] }),
    storm: arg.int({ min: 1, max: 10_000, aliases: ["合并阈值"] }),
  },
  examples: ["", "客户流失 倍数:1.5 分级:A", "未访 宽限天数:7", "外欠款 倍数:1.1", "档案过期 启用:否", "合并阈值:30"],
  async handle({ args, services, t, fmt }) {
    const { rule, tier, storm, ...rest } = args;
    const changes = Object.fromEntries(
      Object.entries(rest)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => [tier ? `${k}.${tier}` : k, typeof v === "bigint" ? Number(v) : v]),
    );
    let settings: AlertSettings;
    if (Object.keys(changes).length > 0) {
      if (!rule) return reply({ type: "text", text: t("alert.rules.whichRule") });
      settings = await services.alerts.setRule(rule, changes);
    } else {
      settings = await services.alerts.settings();
    }
    if (storm !== undefined) settings = await services.alerts.setStormThreshold(storm);
    const saved = Object.keys(changes).length > 0 || storm !== undefined;
    const shown = rule ? [rule] : RULE_IDS;
    return reply(
      { type: "heading", text: t(saved ? "alert.rules.saved" : "alert.rules.title") },
      {
        type: "list",
        items: shown.map((id) => {
          const params = settings.rules[id] as Record<string, unknown>;
          return {
            // In English the id is what one types; in Chinese the rule's name is.
            title: `${fmt.locale === "en" ? fmt.aside(phrase(t, "vocab.alertRule", id), id) : phrase(t, "vocab.alertRule", id)}${params.enabled ? "" : ` · ${t("alert.rules.off")}`}`,
            detail: describe(t, fmt, params) || t("alert.rules.noParams"),
          };
        }),
      },
      { type: "note", text: t("alert.storm.threshold", { count: settings.storm.threshold }) },
      { type: "note", text: t("alert.rules.hint") },
    );
  },
});
