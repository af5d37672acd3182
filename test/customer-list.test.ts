import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderText } from "../src/platforms/console/render.js";
import { testProviders } from "./support/databases.js";
import { Harness, type TestUser } from "./support/harness.js";

describe.each(testProviders())("/customer list on %s", (provider) => {
  let h: Harness;
  let manager: TestUser;
  let wang: TestUser;
  let zhao: TestUser;

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    const admin = await h.user(ws.id, "管理员", "admin");
    manager = await h.user(ws.id, "李经理", "manager");
    wang = await h.user(ws.id, "王伟", "rep", { manager });
    zhao = await h.user(ws.id, "赵强", "rep");
    for (let i = 1; i <= 12; i++)
      await h.say(
        admin,
        `/customer add 王伟客户${String(i).padStart(2, "0")} type:retailer owner:王伟 region:${i % 2 ? "华北" : "华东"}`,
      );
    await h.say(admin, "/customer add 赵强客户 type:dealer owner:赵强");
    await h.say(wang, "/order add 王伟客户03 2万");
    await h.say(wang, "/payment add 王伟客户03 5000");
    await h.say(wang, "/order add 王伟客户07 5万");
    await h.say(wang, "/order add 王伟客户09 1000");
    await h.say(wang, "/payment add 王伟客户09 1000");
  });
  afterAll(() => h.close());

  it("lists a rep's own customers by name, ten a page, and a manager the team's with their owners", async () => {
    const mine = await h.say(wang, "/customer list");
    expect(mine).toContain("客户（共 12 个，按名称排列）");
    expect(mine).toContain("王伟客户01（C0001） · 未分级 · 零售商  从未拜访");
    expect(mine).not.toContain("赵强客户");
    expect(mine).not.toContain("王伟客户11");
    expect(mine).toContain("第 1/2 页");
    expect(await h.say(wang, "/customer list 页:2")).toMatch(/王伟客户11[\s\S]*王伟客户12/);
    expect(await h.say(zhao, "/customer list")).toContain("客户（共 1 个，按名称排列）");
    const team = await h.say(manager, "/customer list 区域:华北");
    expect(team).toContain("客户（共 6 个，按名称排列）");
    expect(team).toContain("王伟客户01（C0001） · 未分级 · 零售商  从未拜访 · 王伟");
    // 赵强 is not in 李经理's team.
    expect(await h.say(manager, "/customer list 谁:赵强")).toBe("✗ 赵强 不在你的团队里，你看不到他的记录。");
  });

  it("keeps those that owe, most owed first, and those overdue for a visit", async () => {
    const owing = await h.say(wang, "/customer list 欠款:是 排序:外欠款");
    expect(owing).toContain("客户（共 2 个，按外欠款排列）");
    expect(owing).toMatch(
      /王伟客户07（C0007）[^\n]*外欠款 ¥50,000.00[\s\S]*王伟客户03（C0003）[^\n]*外欠款 ¥15,000.00/,
    );
    expect(owing).not.toContain("王伟客户09");
    // New customers are due monthly: 40 days on, every one is overdue but the one just visited.
    h.travel(40);
    await h.say(wang, "/visit log 王伟客户05 谈了新品");
    const due = await h.say(wang, "/customer list 待拜访:是 排序:拜访到期");
    expect(due).toContain("客户（共 11 个，按拜访到期排列）");
    expect(due).not.toContain("王伟客户05");
    expect(due).toContain("王伟客户01（C0001） · 未分级 · 零售商  从未拜访 · 逾期 10 天");
    const recent = renderText(await h.reply(wang, "/customer list sort:recent")).text;
    expect(recent.split("\n")[1]).toContain("王伟客户05");
    h.travel(-40);
  });

  it("filters by tier and status, and reads in English", async () => {
    expect(await h.say(wang, "/customer list 分级:A")).toContain("没有符合条件的客户。");
    expect(await h.say(wang, "/customer list 分级:未分级 状态:活跃")).toContain("客户（共 12 个");
    const english = await h.user(wang.workspaceId, "Ann", "manager", { locale: "en" });
    expect(await h.say(english, "/customer list who:team owes:yes sort:owed")).toMatch(
      /Customers \(\d+, by amount owed\)/,
    );
    expect(await h.say(wang, "/customer list 排序:随便")).toContain(
      "参数 排序 的值“随便”无效，应为：名称、拜访到期、最近拜访、外欠款。",
    );
  });
});
