import { arg } from "../../src/core/args.js";
import {
  CUSTOMER_STATUSES,
  CUSTOMER_STATUS_WORDS,
  CUSTOMER_TYPES,
  CUSTOMER_TYPE_WORDS,
  LOYALTY_STAGES,
  LOYALTY_STAGE_WORDS,
} from "../../src/domain/vocabulary.js";

/** The optional profile arguments shared by /customer add and /customer edit. */
export const profileArgs = {
  code: arg.text({ max: 20, aliases: ["编码", "简码", "代码"] }),
  shortName: arg.text({ max: 50, aliases: ["简称"] }),
  status: arg.choice("customerStatus", CUSTOMER_STATUSES, CUSTOMER_STATUS_WORDS, { aliases: ["状态"] }),
  region: arg.text({ max: 50, aliases: ["区域", "地区"] }),
  route: arg.text({ max: 50, aliases: ["线路"] }),
  phone: arg.text({ max: 30, aliases: ["电话", "手机"] }),
  address: arg.text({ max: 200, aliases: ["地址"] }),
  legalRep: arg.text({ max: 50, aliases: ["法人", "法人代表"] }),
  source: arg.text({ max: 100, aliases: ["来源", "客户来源"] }),
  relationSince: arg.date({ notAfterToday: true, aliases: ["交往时间", "合作开始"] }),
  businessType: arg.text({ max: 100, aliases: ["业务种类"] }),
  marketArea: arg.text({ max: 100, aliases: ["市场区域"] }),
  salesCapacity: arg.text({ max: 100, aliases: ["销售能力"] }),
  growthPotential: arg.text({ max: 100, aliases: ["发展潜力"] }),
  businessStyle: arg.text({ max: 100, aliases: ["经营风格", "经营特点"] }),
  salesPerformance: arg.text({ max: 200, aliases: ["销售业绩"] }),
  marketShare: arg.text({ max: 100, aliases: ["市场份额"] }),
  competitorRelation: arg.text({ max: 200, aliases: ["竞争关系"] }),
  competitorSales: arg.text({ max: 200, aliases: ["竞品销量"] }),
  currentProblems: arg.text({ max: 500, aliases: ["存在问题", "问题"] }),
  financialStatus: arg.text({ max: 200, aliases: ["财务状况"] }),
  creditStatus: arg.text({ max: 200, aliases: ["信用状况"] }),
  creditRating: arg.text({ max: 20, aliases: ["信用等级"] }),
  creditLimit: arg.money({ aliases: ["授信额度", "信用额度", "额度"] }),
  keyAccount: arg.bool({ aliases: ["大客户"] }),
  loyaltyStage: arg.choice("loyaltyStage", LOYALTY_STAGES, LOYALTY_STAGE_WORDS, { aliases: ["客户阶段", "忠诚度"] }),
  visitCadenceDays: arg.int({ min: 1, max: 366, aliases: ["拜访周期"] }),
};

export const typeArg = (required: boolean) =>
  required
    ? arg.choice("customerType", CUSTOMER_TYPES, CUSTOMER_TYPE_WORDS, { required: true, aliases: ["类型", "客户构成"] })
    : arg.choice("customerType", CUSTOMER_TYPES, CUSTOMER_TYPE_WORDS, { aliases: ["类型", "客户构成"] });

/** Maps parsed profile arguments to profile fields (keyAccount is the hand-set flag). */
export function profileInput(args: Record<string, unknown>): Record<string, unknown> {
  const input: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(args)) {
    if (value === undefined || ["customer", "name", "owner"].includes(name)) continue;
    input[name === "keyAccount" ? "keyAccountManual" : name] = value;
  }
  if ("name" in args && args.name !== undefined) input.name = args.name;
  return input;
}
