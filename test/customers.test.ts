import { renderText } from "../src/platforms/console/render.js";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Harness, type TestUser } from "./support/harness.js";
import { testProviders } from "./support/databases.js";

describe.each(testProviders())("customer profiles on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let manager: TestUser;
  let rep: TestUser;
  let otherRep: TestUser;
  let outsider: TestUser;

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    admin = await h.user(ws.id, "管理员", "admin");
    manager = await h.user(ws.id, "李经理", "manager");
    rep = await h.user(ws.id, "王伟", "rep", { manager });
    otherRep = await h.user(ws.id, "赵强", "rep");
    const other = await h.workspace("T-OTHER", "slack");
    outsider = await h.user(other.id, "外人", "admin");
    for (const line of [
      "/customer add 北京华达商贸 type:经销商 region:华北 电话:13800138888 授信额度:10万 owner:王伟",
      "/customer add 张三商行 type:零售 owner:王伟",
      "/customer add 重庆百货大楼 type:dealer region:西南 owner:赵强",
      "/customer add 华达五金店 type:retailer owner:王伟",
    ]) {
      expect(await h.say(admin, line)).toMatch(/已新增客户/);
    }
    await h.say(outsider, "/customer add 北京华达贸易 type:dealer");
  });
  afterAll(() => h.close());

  it("adds a customer with a generated code, its owner and a history entry", async () => {
    const c = await h.prisma.customer.findFirstOrThrow({ where: { name: "北京华达商贸" }, include: { owner: true } });
    expect(c).toMatchObject({
      code: "C0001",
      type: "dealer",
      region: "华北",
      phone: "13800138888",
      creditLimit: 10_000_000n,
    });
    expect(c.owner?.name).toBe("王伟");
    expect(await h.prisma.customerChange.count({ where: { customerId: c.id, action: "create" } })).toBe(1);
  });

  it.each([
    ["zs", "张三商行"],
    ["chongqing", "重庆百货大楼"],
    ["bjhd", "北京华达商贸"],
    ["bj华达", "北京华达商贸"],
    ["8888", "北京华达商贸"],
    ["c0003", "重庆百货大楼"],
  ])("finds %s → %s, best first", async (query, name) => {
    const reply = await h.reply(admin, `/customer find ${query}`);
    const list = reply.blocks.find((b) => b.type === "list");
    expect(list?.type === "list" && list.items[0]?.title).toContain(name);
  });

  it("ranks a name typed in characters above pinyin look-alikes, and stays in its workspace", async () => {
    const text = await h.say(admin, "/customer find 华达");
    expect(text.indexOf("华达五金店")).toBeGreaterThan(0);
    expect(text).toContain("北京华达商贸");
    expect(text).not.toContain("北京华达贸易");
  });

  it("shows a profile card with owner, credit vs outstanding and empty sections", async () => {
    const text = await h.say(rep, "/customer show bjhd");
    expect(text).toContain("== 北京华达商贸（C0001） ==");
    expect(text).toContain("负责人：王伟");
    expect(text).toContain("授信额度 / 外欠款：¥100,000.00 / ¥0.00");
    expect(text).toContain("最近拜访：从未拜访");
  });

  it("replies in English for a user who chose it", async () => {
    const en = await h.user(admin.workspaceId, "Alice", "admin", { locale: "en" });
    const text = await h.say(en, "/customer show C0001");
    expect(text).toContain("Credit limit / outstanding: ¥100,000.00 / ¥0.00");
    expect(text).toContain("Owner: 王伟");
  });

  it("offers candidates instead of guessing an ambiguous reference", async () => {
    const reply = await h.reply(admin, "/customer show 华达");
    expect(reply.tone).toBe("error");
    const buttons = reply.blocks.find((b) => b.type === "buttons");
    expect(buttons?.type === "buttons" && buttons.buttons.map((b) => b.command).sort()).toEqual([
      "/customer show C0001",
      "/customer show C0004",
    ]);
  });

  it("records every edit in the history, with old and new values", async () => {
    const text = await h.say(rep, "/customer edit C0001 电话：13900001111 creditLimit:12万 status:活跃");
    expect(text).toContain("电话：13800138888 → 13900001111");
    expect(text).toContain("授信额度：¥100,000.00 → ¥120,000.00");
    expect(text).not.toContain("状态");
    const history = await h.say(rep, "/customer history C0001");
    expect(history).toMatch(/王伟 · 修改资料 {2}电话：13800138888 → 13900001111/);
    expect(history).toContain("建档");
    const c = await h.prisma.customer.findFirstOrThrow({ where: { code: "C0001" } });
    expect(c.profileUpdatedAt).toEqual(new Date("2026-11-25T02:00:00Z"));
  });

  it("keeps a rep to their own customers and a manager to the team's, and a refusal says no more than not found", async () => {
    const code = (await h.prisma.customer.findFirstOrThrow({ where: { name: "重庆百货大楼" } })).code;
    // By name or by code, someone else's customer reads exactly like one that does not exist.
    expect(await h.say(rep, "/customer show 重庆百货大楼")).toBe(
      "✗ 找不到客户“重庆百货大楼”。请用 /customer find 查一下名称或编码。",
    );
    expect(await h.say(rep, `/customer show ${code}`)).toBe(
      `✗ 找不到客户“${code}”。请用 /customer find 查一下名称或编码。`,
    );
    expect(await h.say(rep, "/customer show C9999")).toBe(
      "✗ 找不到客户“C9999”。请用 /customer find 查一下名称或编码。",
    );
    expect(await h.say(rep, "/customer edit 重庆百货大楼 phone:1")).toContain("找不到客户“重庆百货大楼”");
    expect(await h.say(rep, "/customer find chongqing")).toContain("没有找到");
    expect(await h.say(manager, "/customer show 张三商行")).toContain("张三商行");
    expect(await h.say(manager, "/customer show 重庆百货大楼")).toContain("找不到客户");
    expect(await h.say(admin, "/customer show 重庆百货大楼")).toContain("负责人：赵强");
  });

  it("lets managers reassign within their team only, recording the change", async () => {
    expect(await h.say(rep, "/customer assign 张三商行 李经理")).toContain("需要经理或以上权限");
    expect(await h.say(manager, "/customer assign 张三商行 赵强")).toContain("不在你的团队里");
    expect(await h.say(manager, "/customer assign 张三商行 李经理")).toContain("负责人已从 王伟 改为 李经理");
    expect(await h.say(manager, "/customer history 张三商行")).toContain("负责人：王伟 → 李经理");
    expect(await h.say(rep, "/customer show 张三商行")).toContain("找不到客户");
  });

  it("never reaches a customer of another workspace", async () => {
    expect(await h.say(admin, "/customer show 北京华达贸易")).toContain("找不到客户");
    expect(await h.say(outsider, "/customer show C0001")).not.toContain("北京华达商贸");
    expect(await h.say(outsider, "/customer find bjhd")).toContain("北京华达贸易");
  });

  it("shows sensitive contact notes only to owner, manager and admin, and audits each view", async () => {
    expect(
      await h.say(rep, "/contact add C0001 李明 职务:采购经理 角色:决策人 态度:支持者 爱好:钓鱼 家庭:“两个孩子”"),
    ).toContain("已为 北京华达商贸 添加联系人 李明");
    const auditBefore = await h.prisma.auditLog.count({ where: { action: "view_sensitive" } });
    expect(await h.say(rep, "/contact list C0001")).toContain("爱好：钓鱼");
    expect(await h.say(manager, "/contact list C0001")).toContain("家庭：两个孩子");
    const views = await h.prisma.auditLog.findMany({ where: { action: "view_sensitive" }, orderBy: { id: "asc" } });
    expect(views.length - auditBefore).toBe(2);
    expect(views.map((v) => v.userId).slice(-2)).toEqual([rep.id, manager.id]);

    // A rep who does not own the customer cannot see the customer at all; an admin may.
    expect(await h.say(otherRep, "/contact list C0001")).toContain("找不到客户“C0001”");
    const card = await h.say(admin, "/customer show C0001");
    expect(card).toContain("李明 · 采购经理");
    expect(card).not.toContain("钓鱼");
    // History records that personal notes were added, never the notes themselves.
    expect(await h.say(admin, "/customer history C0001")).not.toContain("钓鱼");
  });

  it("explains bad input and writes nothing", async () => {
    const before = await h.counts();
    const cases: [string, RegExp][] = [
      ["/customer add", /缺少参数 名称（客户全称）/],
      ["/customer add 新客户", /缺少参数 类型（客户类型）/],
      ["/customer add 新客户 type:foo", /类型 的值“foo”无效，应为：经销商、零售商、代理商/],
      ["/customer add 新客户 type:dealer 授信额度:很多", /授信额度 的值“很多”无效，应为：金额/],
      ["/customer add 新客户 type:dealer relationSince:2030-01-01", /在将来/],
      ["/customer add 新客户 type:dealer relationSince:13-45", /交往时间 的值“13-45”无效，应为：日期/],
      [`/customer add ${"长".repeat(101)} type:dealer`, /太长了（101 个字），最多 100 个字/],
      ["/customer add 新客户 type:dealer colour:red", /不认识参数“colour”/],
      ["/customer add 新客户 type:dealer code:C0001", /编码 C0001 已被另一个客户使用/],
      ["/customer add 新客户 type:dealer owner:赵强 extra", /多出了“extra”/],
      ["/customer add “新客户 type:dealer", /引号 “ 没有闭合/],
      ["/customer edit C0001", /请至少写一项/],
      ["/customer show 不存在的客户", /找不到客户“不存在的客户”/],
      ["/custmer show C0001", /没有 \/custmer 这个命令/],
      ["/customer delete C0001", /\/customer 没有子命令“delete”。可用的有：find, show, add/],
      ["/user add 新人", /需要管理员或以上权限/],
    ];
    for (const [line, expected] of cases) {
      const reply = await h.reply(rep, line);
      expect(reply.tone, line).toBe("error");
      expect(await h.say(rep, line), line).toMatch(expected);
    }
    expect(await h.counts()).toEqual(before);
  });

  it("refuses a owner outside the manager's team without writing", async () => {
    const before = await h.counts();
    expect(await h.say(manager, "/customer add 新客户 type:dealer owner:赵强")).toContain("不在你的团队里");
    expect(await h.counts()).toEqual(before);
  });

  it("ranks an exact name first, then names starting with what was typed, names holding it, look-alikes; offers two of one name", async () => {
    // 冬方宏 reads dongfanghong too: only the characters typed rank it last.
    // 东方红商店 and 东方红 read as one business: added anyway, as a team may.
    for (const name of ["冬方宏", "老东方红超市", "东方红商店", "东方红"])
      expect(await h.say(admin, `/customer add ${name} type:retailer 仍然新建:是`)).toMatch(/已新增客户/);
    const reply = await h.reply(admin, "/customer find 东方红");
    const list = reply.blocks.find((b) => b.type === "list");
    const titles = list?.type === "list" ? list.items.map((item) => item.title) : [];
    expect(titles.map((title) => title.split("（")[0])).toEqual(["东方红", "东方红商店", "老东方红超市", "冬方宏"]);
    // A code typed exactly beats names that merely hold it among their search keys.
    const code = (await h.prisma.customer.findFirstOrThrow({ where: { name: "东方红商店" } })).code;
    const byCode = (await h.reply(admin, `/customer find ${code.toLowerCase()}`)).blocks.find((b) => b.type === "list");
    expect(byCode?.type === "list" && byCode.items[0]?.title).toContain("东方红商店");

    // An exact name names its customer; two customers of one name are offered, not guessed between.
    expect(await h.say(admin, "/customer show 东方红商店")).toContain(`东方红商店（${code}）`);
    await h.say(admin, "/customer add 东方红 type:dealer 仍然新建:是");
    const twins = await h.prisma.customer.findMany({ where: { name: "东方红" }, select: { code: true } });
    const ambiguous = await h.reply(admin, "/customer show 东方红");
    expect(ambiguous.tone).toBe("error");
    const buttons = ambiguous.blocks.find((b) => b.type === "buttons");
    const offered = buttons?.type === "buttons" ? buttons.buttons.map((b) => b.command) : [];
    expect(twins).toHaveLength(2);
    for (const twin of twins) expect(offered).toContain(`/customer show ${twin.code}`);
  });

  it("lists commands and each command's arguments from the definitions", async () => {
    const all = await h.say(rep, "/crm help");
    for (const command of h.router.commands) expect(all).toContain(`/${command.path.join(" ")}`);
    const add = await h.say(rep, "/customer add help");
    expect(add).toContain("用法：/customer add <名称> 类型:<…> [负责人:…]");
    expect(add).toContain("电话 / 手机 / phone（可选）");
    expect(add).toContain("经销商 | 零售商");
    expect(await h.say(rep, "/customer")).toContain("/customer 的命令");
  });
  it("refuses a customer filed twice (撞单), by normalized name or phone, naming its owner even to a rep who cannot see it, unless told to add it anyway", async () => {
    const before = await h.counts();
    // 赵强's 重庆百货大楼, which 王伟 cannot see: he is told whose it is, and not offered to open it.
    const clash = await h.reply(rep, "/customer add “重庆百货大楼 有限公司” type:dealer");
    expect(clash.tone).toBe("error");
    expect(renderText(clash).text).toContain(
      "已有同名客户 重庆百货大楼（C0003），负责人 赵强。同一客户不要重复建档；如果确实是另一家，请加上 仍然新建：是 再发。",
    );
    const buttons = (reply: typeof clash) => reply.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
    expect(buttons(clash).map((b) => b.command)).toEqual([
      "/customer add “重庆百货大楼 有限公司” 类型:dealer 仍然新建:是",
    ]);
    // The same phone in another form, full-width digits and dashes.
    const phone = await h.reply(admin, "/customer add 华达新店 type:dealer 电话:１３９-0000-1111");
    expect(renderText(phone).text).toContain(
      "电话 １３９-0000-1111 已登记在客户 北京华达商贸（C0001）名下，负责人 王伟。",
    );
    expect(buttons(phone).map((b) => b.label)).toEqual(["仍然新建", "查看 C0001"]);
    expect(await h.counts()).toEqual(before);
    // Another workspace's customer of the same name is no duplicate; a like name is none either.
    expect(await h.say(outsider, "/customer add 北京华达商贸 type:dealer")).toMatch(/^已新增客户/);
    expect(await h.say(otherRep, "/customer add 张三商贸 type:retailer")).toMatch(/^已新增客户/);
    // Pressing the button adds it.
    expect(await h.say(rep, buttons(clash)[0]!.command)).toMatch(/^已新增客户 重庆百货大楼 有限公司（编码 C\d+）/);
    const english = await h.user(admin.workspaceId, "Eve", "admin", { locale: "en" });
    expect(await h.say(english, "/customer add 张三 type:dealer")).toContain(
      "There is already a customer of that name: 张三商行 (C0002), owned by 李经理.",
    );
  });
});
