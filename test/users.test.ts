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
    expect(await h.say(admin, "/user add 李经理 role:经理")).toContain("已添加 李经理(经理)");
    expect(await h.say(admin, "/user add 王伟 manager:李经理")).toContain("已添加 王伟(业务员)");
    expect(await h.say(admin, "/user add 王伟")).toContain("已经有同事叫 王伟");
    const list = await h.say(admin, "/user list");
    expect(list).toContain("王伟 · 业务员  上级 李经理 · 0 个客户");
    expect(await h.say(admin, "/user set 王伟 role:manager")).toContain("现在是经理");
    expect(await h.say(admin, "/user set 王伟 manager:王伟")).toContain("不能把自己设为自己的上级");
    expect(await h.say(admin, "/user set 管理员 role:rep")).toContain("不能降低自己的权限");
    expect(await h.say(admin, "/user set 不存在")).toContain("请写要修改的内容");
    expect(await h.say(admin, "/user set 不存在 role:rep")).toContain("找不到同事 “不存在”");
  });

  it("answers each user in the language they chose, with the workspace default otherwise", async () => {
    const rep = await h.user(admin.workspaceId, "Rita", "rep");
    expect(await h.say(rep, "/customer find nothing")).toContain("没有找到");
    expect(await h.say(rep, "/crm language english")).toBe("OK, I will reply to you in English from now on.");
    expect(await h.say(rep, "/customer find nothing")).toContain('No customer matches "nothing"');
    expect(await h.say(rep, "/customer add x type:shop")).toContain(
      '"shop" is not a valid type: expected dealer (dealer), retailer (retailer)',
    );
    expect(await h.say(admin, "/customer find nothing")).toContain("没有找到");
    expect(await h.say(rep, "/crm language 中文")).toBe("好的,以后用中文回复你。");
  });
});
