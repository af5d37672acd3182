/**
 * Closed vocabularies stored as strings (see prisma/model.prisma). Each maps the stored value to
 * the words users type for it in Chinese; the translated labels live in the locale files under
 * `vocab.<name>.<value>`.
 */
export const CUSTOMER_TYPES = ["dealer", "retailer", "agent", "end"] as const;
export type CustomerType = (typeof CUSTOMER_TYPES)[number];
export const CUSTOMER_TYPE_WORDS: Record<string, CustomerType> = {
  经销商: "dealer",
  经销: "dealer",
  零售商: "retailer",
  零售: "retailer",
  代理商: "agent",
  代理: "agent",
  终端客户: "end",
  终端: "end",
  "end-customer": "end",
};

export const CUSTOMER_STATUSES = ["prospect", "active", "churned", "blacklisted"] as const;
export type CustomerStatus = (typeof CUSTOMER_STATUSES)[number];
export const CUSTOMER_STATUS_WORDS: Record<string, CustomerStatus> = {
  潜在: "prospect",
  意向: "prospect",
  活跃: "active",
  正常: "active",
  流失: "churned",
  已流失: "churned",
  黑名单: "blacklisted",
};

export const LOYALTY_STAGES = ["target", "potential", "onetime", "loyal"] as const;
export const LOYALTY_STAGE_WORDS: Record<string, (typeof LOYALTY_STAGES)[number]> = {
  目标客户: "target",
  潜在客户: "potential",
  一次客户: "onetime",
  忠诚客户: "loyal",
};

export const CONTACT_ROLES = ["decision", "handler", "influencer"] as const;
export const CONTACT_ROLE_WORDS: Record<string, (typeof CONTACT_ROLES)[number]> = {
  决策人: "decision",
  决策: "decision",
  经办: "handler",
  经办人: "handler",
  影响者: "influencer",
  影响人: "influencer",
};

export const STANCES = ["supporter", "neutral", "opponent"] as const;
export const STANCE_WORDS: Record<string, (typeof STANCES)[number]> = {
  支持者: "supporter",
  支持: "supporter",
  中立者: "neutral",
  中立: "neutral",
  反对者: "opponent",
  反对: "opponent",
};

export const ROLE_WORDS: Record<string, "rep" | "manager" | "admin"> = {
  业务员: "rep",
  客户经理: "rep",
  销售经理: "manager",
  经理: "manager",
  主管: "manager",
  管理员: "admin",
};

export const VISIT_CHANNELS = ["onsite", "phone", "online"] as const;
export const VISIT_CHANNEL_WORDS: Record<string, (typeof VISIT_CHANNELS)[number]> = {
  上门: "onsite",
  拜访: "onsite",
  现场: "onsite",
  面谈: "onsite",
  电话: "phone",
  打电话: "phone",
  线上: "online",
  在线: "online",
  网上: "online",
  微信: "online",
  视频: "online",
};

export const COMPLAINT_CATEGORIES = [
  "quality",
  "late_delivery",
  "spec_mismatch",
  "packaging",
  "service",
  "other",
] as const;
export type ComplaintCategory = (typeof COMPLAINT_CATEGORIES)[number];
export const COMPLAINT_CATEGORY_WORDS: Record<string, ComplaintCategory> = {
  产品质量: "quality",
  质量: "quality",
  质量问题: "quality",
  延迟交货: "late_delivery",
  交货延迟: "late_delivery",
  延期: "late_delivery",
  晚到: "late_delivery",
  送货晚: "late_delivery",
  规格不符: "spec_mismatch",
  规格: "spec_mismatch",
  包装问题: "packaging",
  包装: "packaging",
  服务水平: "service",
  服务: "service",
  服务态度: "service",
  其他: "other",
  其它: "other",
};

export const IMPORT_KIND_WORDS: Record<
  string,
  "customers" | "contacts" | "orders" | "payments" | "expenses" | "plans" | "budgets"
> = {
  客户: "customers",
  客户档案: "customers",
  联系人: "contacts",
  进货: "orders",
  订单: "orders",
  进货记录: "orders",
  回款: "payments",
  收款: "payments",
  费用: "expenses",
  销售费用: "expenses",
  计划: "plans",
  销售计划: "plans",
  预算: "budgets",
  费用预算: "budgets",
};

export const INCIDENT_TYPES = ["theft", "accident", "split", "illness", "other"] as const;
export const INCIDENT_TYPE_WORDS: Record<string, (typeof INCIDENT_TYPES)[number]> = {
  被盗: "theft",
  失窃: "theft",
  车祸: "accident",
  事故: "accident",
  分家: "split",
  散伙: "split",
  重病: "illness",
  生病: "illness",
  其他: "other",
  其它: "other",
};

export const SEVERITIES = ["critical", "warning", "info"] as const;
export const SEVERITY_WORDS: Record<string, (typeof SEVERITIES)[number]> = {
  严重: "critical",
  紧急: "critical",
  警告: "warning",
  一般: "warning",
  提示: "info",
};

export const ALERT_STATUSES = ["active", "open", "acknowledged", "snoozed", "resolved", "all"] as const;
export const ALERT_STATUS_WORDS: Record<string, (typeof ALERT_STATUSES)[number]> = {
  未解除: "active",
  未处理: "open",
  新: "open",
  已确认: "acknowledged",
  暂缓: "snoozed",
  已解除: "resolved",
  全部: "all",
};
