import { arg } from "../../src/core/args.js";
import { type Translate, phrase } from "../../src/core/messages.js";
import { RULE_IDS } from "../../src/domain/alerts/rules.js";
import { alertId } from "../../src/domain/alerts/service.js";
import type { Formatter } from "../../src/i18n/format.js";
import { describeFacts } from "../../src/views/alert-card.js";

/** What a list shows of an alert. */
interface ListedAlert {
  number: number;
  severity: string;
  rule: string;
  facts: string;
  status: string;
  customer?: { name: string; owner?: { name: string } | null } | null;
  assignee?: { name: string } | null;
}

/** An alert in a list: its id, severity, rule and customer; what it found, its status and who has it. */
export function alertItem(t: Translate, fmt: Formatter, a: ListedAlert) {
  return {
    title: [
      alertId(a.number),
      phrase(t, "vocab.severity", a.severity),
      phrase(t, "vocab.alertRule", a.rule),
      a.customer?.name,
    ]
      .filter(Boolean)
      .join(" · "),
    detail: [
      describeFacts(t, fmt, a.rule, JSON.parse(a.facts)),
      phrase(t, "vocab.alertStatus", a.status),
      a.assignee?.name ?? a.customer?.owner?.name,
    ]
      .filter(Boolean)
      .join(" · "),
  };
}

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
