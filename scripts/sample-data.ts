// Words a Chinese sales team's data is made of, and a seeded random generator: shared by the demo
// seed (a few hundred customers through the services) and the benchmark generator (a hundred
// thousand with bulk inserts), so that both look like the same business.
/** A small seeded generator (mulberry32), so the demo data is the same on every machine. */
export function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const CITIES: Record<string, string[]> = {
  华北: ["北京", "天津", "石家庄", "太原", "保定"],
  华东: ["上海", "南京", "杭州", "苏州", "合肥", "济南", "青岛", "宁波"],
  华南: ["广州", "深圳", "厦门", "福州", "南宁", "东莞"],
  华中: ["武汉", "长沙", "郑州", "南昌", "宜昌"],
  西南: ["重庆", "成都", "昆明", "贵阳", "乐山"],
  西北: ["西安", "兰州", "银川", "西宁"],
  东北: ["沈阳", "长春", "哈尔滨", "大连"],
};
export const CORES = [
  "华达",
  "鑫源",
  "宏发",
  "金利",
  "永盛",
  "恒通",
  "佳美",
  "福康",
  "盛世",
  "惠民",
  "友谊",
  "长江",
  "乐天",
  "银行路",
  "朝阳",
  "兴隆",
  "新世纪",
  "万家",
  "百惠",
  "龙腾",
  "瑞丰",
  "顺发",
  "华联",
  "天虹",
];
export const SUFFIXES: Record<string, string[]> = {
  dealer: ["商贸有限公司", "贸易公司", "批发部", "食品批发"],
  retailer: ["超市", "便利店", "商行", "百货店", "购物中心"],
  agent: ["代理有限公司", "经营部", "商务公司"],
  end: ["大酒店", "职工食堂", "餐饮管理公司", "宾馆"],
};
export const PEOPLE = ["张三", "李四", "王五", "赵六", "刘芳", "陈刚", "杨丽", "周杰", "吴敏", "郑华"];
export const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡"];
export const GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "丽"];
export const TITLES = ["总经理", "采购经理", "店长", "财务", "仓库主管", "老板"];
export const HOBBIES = ["钓鱼", "打羽毛球", "喝茶", "下象棋", "旅游", "摄影"];
export const SOURCES = ["老客户介绍", "展会", "电话开发", "上门拜访", "网络"];
export const PURPOSES = ["新品推介", "催款对账", "了解库存", "处理投诉", "签订年度协议", "节日促销"];
export const NOTES = [
  "谈了新品,对方有兴趣",
  "库存偏高,下月再订",
  "老板不在,见了店长",
  "竞品在搞促销,价格压力大",
  "对上次送货很满意",
  "提出账期要延长",
];
export const PROMISES = ["寄样品", "发报价单", "申请促销支持", "寄对账单", "安排技术培训"];
export const NEXT_STEPS = ["再去拜访老板", "电话确认订单", "带新品样品上门", "跟进回款"];
/** The texts of each step, in workflow order; a complaint goes as far as its dice say. */
export const COMPLAINT_PATH = [
  ["validate", "经核实属实,已告知客户"],
  ["assign", "仓储部"],
  ["cause", "运输途中挤压"],
  ["propose", "补发并承担运费"],
  ["approve", "同意"],
  ["resolve", "客户签收,表示满意"],
  ["review", "外箱加固,每月抽检"],
] as const;
export const COMPLAINTS = [
  ["quality", "部分产品有异味"],
  ["late_delivery", "订货一周未到"],
  ["packaging", "外箱破损 10 箱"],
  ["spec_mismatch", "规格与合同不符"],
  ["service", "送货员态度差"],
  ["quality", "保质期标注不清"],
] as const;

export const PRODUCTS = [
  ["矿泉水", "550ml"],
  ["矿泉水", "1.5L"],
  ["果汁", "1L"],
  ["茶饮料", "500ml"],
  ["功能饮料", "250ml"],
] as const;

/** A picker over `rnd`: one element of a list, uniformly. */
export function picker(rnd: () => number) {
  return <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;
}
