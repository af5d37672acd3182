import { arg } from "../../src/core/args.js";
import { RULE_IDS } from "../../src/domain/alerts/rules.js";

/** The Chinese names users type for the rules. */
const RULE_WORDS: Record<string, (typeof RULE_IDS)[number]> = {
  外欠款: "receivables",
  欠款: "receivables",
  销售进度: "sales_behind_plan",
  进度: "sales_behind_plan",
  同期: "sales_below_last_year",
  进货频率: "order_frequency_drop",
  频率: "order_frequency_drop",
  费用超预算: "expenses_over_budget",
  费用激增: "expenses_rising",
  流失: "churn",
  重大变故: "incident",
  变故: "incident",
  未访: "no_visit",
  投诉超期: "complaint_overdue",
  档案过期: "stale_profile",
  // The names replies give the rules, so that what is read can be typed back.
  外欠款超额度: "receivables",
  销售进度落后: "sales_behind_plan",
  低于去年同期: "sales_below_last_year",
  进货频率下降: "order_frequency_drop",
  客户流失: "churn",
  未按周期拜访: "no_visit",
  档案久未更新: "stale_profile",
};

export const ruleArg = (options: { positional?: boolean; required?: boolean } = {}) =>
  options.required
    ? arg.choice("alertRule", RULE_IDS, RULE_WORDS, {
        required: true,
        positional: options.positional ?? false,
        aliases: ["规则", "类型"],
      })
    : arg.choice("alertRule", RULE_IDS, RULE_WORDS, {
        positional: options.positional ?? false,
        aliases: ["规则", "类型"],
      });

export const alertIdArg = () =>
  arg.text({ required: true, positional: true, max: 20, aliases: ["编号"], complete: "alert" });
