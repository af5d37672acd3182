// Fills the console workspace with a realistic team and a few hundred customers, so that every
// command can be tried at once:  npm run seed:demo   (then: npm start -- --user 王伟)
// Deterministic: the same data every time. Skips a workspace that already has customers.
import { CONSOLE_WORKSPACE } from "../src/app.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import { createServices } from "../src/domain/services.js";
import { ensureUser, ensureWorkspace } from "../src/domain/workspaces.js";

const CUSTOMERS = Number(process.argv.find((a) => a.startsWith("--customers="))?.split("=")[1] ?? 300);

/** A small seeded generator (mulberry32), so the demo data is the same on every machine. */
function random(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}
const rnd = random(20261125);
const pick = <T>(items: readonly T[]): T => items[Math.floor(rnd() * items.length)]!;

const CITIES: Record<string, string[]> = {
  华北: ["北京", "天津", "石家庄", "太原", "保定"],
  华东: ["上海", "南京", "杭州", "苏州", "合肥", "济南", "青岛", "宁波"],
  华南: ["广州", "深圳", "厦门", "福州", "南宁", "东莞"],
  华中: ["武汉", "长沙", "郑州", "南昌", "宜昌"],
  西南: ["重庆", "成都", "昆明", "贵阳", "乐山"],
  西北: ["西安", "兰州", "银川", "西宁"],
  东北: ["沈阳", "长春", "哈尔滨", "大连"],
};
const CORES = ["华达", "鑫源", "宏发", "金利", "永盛", "恒通", "佳美", "福康", "盛世", "惠民", "友谊", "长江", "乐天", "银行路", "朝阳", "兴隆", "新世纪", "万家", "百惠", "龙腾", "瑞丰", "顺发", "华联", "天虹"];
const SUFFIXES: Record<string, string[]> = {
  dealer: ["商贸有限公司", "贸易公司", "批发部", "食品批发"],
  retailer: ["超市", "便利店", "商行", "百货店", "购物中心"],
  agent: ["代理有限公司", "经营部", "商务公司"],
  end: ["大酒店", "职工食堂", "餐饮管理公司", "宾馆"],
};
const PEOPLE = ["张三", "李四", "王五", "赵六", "刘芳", "陈刚", "杨丽", "周杰", "吴敏", "郑华"];
const SURNAMES = ["王", "李", "张", "刘", "陈", "杨", "黄", "赵", "周", "吴", "徐", "孙", "马", "朱", "胡"];
const GIVEN = ["伟", "芳", "娜", "敏", "静", "强", "磊", "军", "洋", "勇", "艳", "杰", "涛", "明", "超", "丽"];
const TITLES = ["总经理", "采购经理", "店长", "财务", "仓库主管", "老板"];
const HOBBIES = ["钓鱼", "打羽毛球", "喝茶", "下象棋", "旅游", "摄影"];
const SOURCES = ["老客户介绍", "展会", "电话开发", "上门拜访", "网络"];

const config = loadConfig(process.env);
const db = await openDatabase(config.databaseUrl);
const workspace = await ensureWorkspace(db.prisma, CONSOLE_WORKSPACE, config);
const existing = await db.prisma.customer.count({ where: { workspaceId: workspace.id } });
if (existing > 0) {
  console.log(`The console workspace already has ${existing} customers; nothing seeded.`);
  await db.close();
  process.exit(0);
}

const team = async (name: string, role: "rep" | "manager" | "admin", managerId?: number) => {
  const user = await ensureUser(db.prisma, workspace.id, { externalId: `console:${name}`, name }, { role });
  if (managerId) await db.prisma.user.update({ where: { id: user.id }, data: { managerId } });
  return { ...user, workspaceId: workspace.id };
};
const admin = await team(config.console.user, "admin");
const manager = await team("李经理", "manager");
const reps = [await team("王伟", "rep", manager.id), await team("张敏", "rep", manager.id), await team("刘洋", "rep", manager.id), await team("陈静", "rep", manager.id)];
const otherManager = await team("赵经理", "manager");
reps.push(await team("杨帆", "rep", otherManager.id), await team("黄磊", "rep", otherManager.id));

const services = createServices(scopeToWorkspace(db.prisma, workspace.id), { ...admin }, () => new Date(), workspace.timezone);
// Names that the README's examples use come first.
const names = new Set(["张三商行", "北京华达商贸有限公司", "重庆百货大楼", "北京华达超市", "重庆鑫源批发部"]);
while (names.size < CUSTOMERS) {
  const type = pick(Object.keys(SUFFIXES));
  const region = pick(Object.keys(CITIES));
  const core = rnd() < 0.15 ? pick(PEOPLE) : pick(CORES);
  names.add(`${rnd() < 0.8 ? pick(CITIES[region]!) : ""}${core}${pick(SUFFIXES[type]!)}`);
}

let added = 0;
for (const name of names) {
  const type = Object.entries(SUFFIXES).find(([, s]) => s.some((x) => name.endsWith(x)))?.[0] ?? "retailer";
  const region = Object.entries(CITIES).find(([, cities]) => cities.some((c) => name.startsWith(c)))?.[0] ?? pick(Object.keys(CITIES));
  const city = CITIES[region]!.find((c) => name.startsWith(c)) ?? pick(CITIES[region]!);
  const owner = pick(reps);
  const since = new Date(Date.now() - Math.floor(rnd() * 8 * 365) * 86_400_000);
  const customer = await services.customers.add(
    {
      name,
      type,
      region,
      route: `${region}${1 + Math.floor(rnd() * 4)}线`,
      phone: `1${pick(["38", "39", "58", "86", "37"])}${String(Math.floor(rnd() * 1e8)).padStart(8, "0")}`,
      address: `${city}市${pick(["人民路", "解放路", "中山路", "建设路", "长江路"])}${1 + Math.floor(rnd() * 300)}号`,
      source: pick(SOURCES),
      relationSince: since,
      status: rnd() < 0.08 ? "prospect" : "active",
      creditLimit: BigInt(pick([0, 20_000, 50_000, 100_000, 200_000, 500_000])) * 100n,
      legalRep: `${pick(SURNAMES)}${pick(GIVEN)}`,
    },
    owner.name,
  );
  // A customer's contacts have distinct names (the service refuses a duplicate).
  const contactNames = new Set<string>();
  const contactCount = 1 + Math.floor(rnd() * 3);
  while (contactNames.size < contactCount) contactNames.add(`${pick(SURNAMES)}${pick(GIVEN)}${pick(GIVEN)}`);
  let i = 0;
  for (const contactName of contactNames) {
    await services.contacts.add(customer, {
      name: contactName,
      title: pick(TITLES),
      phone: `13${String(Math.floor(rnd() * 1e9)).padStart(9, "0")}`,
      role: i++ === 0 ? "decision" : pick(["handler", "influencer"]),
      stance: pick(["supporter", "supporter", "neutral", "opponent"]),
      hobbies: rnd() < 0.5 ? pick(HOBBIES) : undefined,
    });
  }
  added++;
}
console.log(`Seeded ${added} customers, ${reps.length} reps and 2 managers in the console workspace.`);
console.log("Try: npm start -- --user 王伟   then   /customer find zs");
await db.close();
