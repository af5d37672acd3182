import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { Harness, type TestUser } from "./support/harness.js";
import { testProviders } from "./support/databases.js";

describe.each(testProviders())("users, roles and language on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;

  beforeAll(async () => {
    h = await Harness.open(provider);
    admin = await h.user((await h.workspace()).id, "管理员", "admin");
  });
  afterAll(() => h.close());

  it("lets an admin build a team with roles and managers", async () => {
    expect(await h.say(admin, "/user add 李经理 role:经理")).toContain("已添加 李经理（经理）");
    expect(await h.say(admin, "/user add 王伟 manager:李经理")).toContain("已添加 王伟（业务员）");
    expect(await h.say(admin, "/user add 王伟")).toContain("已经有同事叫 王伟");
    const list = await h.say(admin, "/user list");
    expect(list).toContain("王伟 · 业务员  上级 李经理 · 0 个客户");
    expect(await h.say(admin, "/user set 王伟 role:manager")).toContain("现在是经理");
    expect(await h.say(admin, "/user set 王伟 manager:王伟")).toContain("不能把自己设为自己的上级");
    expect(await h.say(admin, "/user set 管理员 role:rep")).toContain("不能降低自己的权限");
    expect(await h.say(admin, "/user set 不存在")).toContain("请写要修改的内容");
    expect(await h.say(admin, "/user set 不存在 role:rep")).toContain("找不到同事“不存在”");
  });

  it("stops a leaver at once and hands their customers, follow-ups, complaints and alerts to their manager, recorded", async () => {
    const ws = await h.workspace("leavers");
    const boss = await h.user(ws.id, "老板", "admin");
    const manager = await h.user(ws.id, "孙经理", "manager");
    const leaver = await h.user(ws.id, "周离", "rep", { manager });
    await h.say(boss, "/customer add 离职客户 type:dealer code:L1 owner:周离 relationSince:2020-01-01");
    await h.say(leaver, "/visit log L1 上门 谈了新品 下一步:报价 回访:+3d");
    await h.say(leaver, "/complaint file L1 质量 外箱破损");
    expect(await h.say(leaver, "/user deactivate 周离")).toContain("/user deactivate 需要管理员或以上权限");
    expect(await h.say(boss, "/user deactivate 老板")).toBe("✗ 不能停用自己，请让另一位管理员操作。");

    expect(await h.say(boss, "/user deactivate 周离")).toBe(
      "已停用 周离，立即生效。已交给 孙经理：1 个客户、1 项跟进、1 件投诉、0 条预警。",
    );
    expect(await h.say(leaver, "/customer show L1")).toBe(
      "✗ 你的账号已被停用，不能再使用客户管理机器人。如有疑问请联系团队管理员。",
    );
    expect(await h.say(manager, "/customer show L1")).toContain("负责人：孙经理");
    expect(await h.say(manager, "/customer history L1")).toContain("负责人：周离 → 孙经理");
    expect(await h.say(manager, "/followups")).toContain("未来 7 天还有 1 项到期");
    expect(await h.prisma.complaint.count({ where: { workspaceId: ws.id, ownerId: manager.id } })).toBe(1);
    expect(await h.say(boss, "/user list")).not.toContain("周离");
    const [entry] = await h.prisma.auditLog.findMany({ where: { workspaceId: ws.id, action: "deactivate" } });
    expect(entry).toMatchObject({ userId: boss.id, targetType: "user", targetId: leaver.id });
    expect(await h.say(manager, "/audit")).toBe("✗ /audit 需要管理员或以上权限。");
    await h.say(boss, "/user set 孙经理 role:admin");
    const trail = await h.say(boss, "/audit");
    expect(trail).toMatch(/访问日志（共 2 条）/);
    expect(trail).toMatch(/老板 · 角色变更\s+孙经理 · 经理 → 管理员/);
    expect(trail).toMatch(/老板 · 停用账号\s+周离 · 交给 孙经理：1 个客户、1 项跟进、1 件投诉、0 条预警/);
    await h.say(boss, "/export orders");
    const english = await h.user(ws.id, "Ada", "admin", { locale: "en" });
    const read = await h.say(english, "/audit");
    expect(read).toMatch(/老板 · exported data\s+orders, 0 rows/);
    expect(read).toMatch(/老板 · role changed\s+孙经理 · manager → admin/);
    expect(read).toContain("周离 · handed to 孙经理: customers 1, follow-ups 1, complaints 1, alerts 0");
  });

  it("answers each user in the language they chose, with the workspace default otherwise", async () => {
    const rep = await h.user(admin.workspaceId, "Rita", "rep");
    expect(await h.say(rep, "/customer find nothing")).toContain("没有找到");
    expect(await h.say(rep, "/crm language english")).toBe("OK, I will reply to you in English from now on.");
    expect(await h.say(rep, "/customer find nothing")).toContain('No customer matches "nothing"');
    expect(await h.say(rep, "/customer add x type:shop")).toContain(
      '"shop" is not a valid type: expected dealer, retailer, agent, end customer',
    );
    expect(await h.say(admin, "/customer find nothing")).toContain("没有找到");
    expect(await h.say(rep, "/crm language 中文")).toBe("好的，以后用中文回复你。");
  });
});
