import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "./support/databases.js";
import { Harness, type TestUser } from "./support/harness.js";

describe.each(testProviders())("contact corrections and merging duplicates on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let manager: TestUser;
  let wang: TestUser;
  let zhao: TestUser;
  let tom: TestUser;

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    admin = await h.user(ws.id, "管理员", "admin");
    manager = await h.user(ws.id, "李经理", "manager");
    wang = await h.user(ws.id, "王伟", "rep", { manager });
    zhao = await h.user(ws.id, "赵六", "rep");
    tom = await h.user(ws.id, "Tom", "rep", { manager, locale: "en" });
    await h.say(admin, "/customer add 北京华达商贸 type:dealer owner:王伟 电话:010-88886666");
    await h.say(wang, "/contact add 华达 李明 职务:采购经理 电话:13900001111 角色:决策人");
    await h.say(wang, "/contact add 华达 张红 职务:出纳");
  });
  afterAll(() => h.close());

  it("edits a contact field by field, clears with -, renames, and keeps each change in the customer's history", async () => {
    const edited = await h.say(wang, "/contact edit 华达 李明 职务:总经理 电话:- 改名:李明华");
    expect(edited).toContain("已修改 北京华达商贸 的联系人 李明华：");
    expect(edited).toContain("职务：采购经理 → 总经理");
    expect(edited).toContain("联系人电话：13900001111 → （空）");
    expect(edited).toContain("联系人：李明 → 李明华");
    const contact = await h.prisma.contact.findFirstOrThrow({ where: { name: "李明华" } });
    expect(contact).toMatchObject({ title: "总经理", phone: null, role: "decision" });

    const history = await h.say(wang, "/customer history 华达");
    expect(history).toContain("修改联系人");
    expect(history).toContain("职务：采购经理 → 总经理");

    expect(await h.say(wang, "/contact edit 华达 李明华 职务:总经理")).toContain(
      "北京华达商贸 的联系人 李明华 没有变化。",
    );
    expect(await h.say(wang, "/contact edit 华达 李明华")).toContain(
      "请写要修改的内容，如 /contact edit 华达 李明华 电话：13900002222",
    );
    expect(await h.say(wang, "/contact edit 华达 王五 职务:经理")).toContain(
      "北京华达商贸 没有叫“王五”的联系人（现有：李明华、张红）。",
    );
    expect(await h.say(wang, "/contact edit 华达 李明华 改名:张红")).toContain("北京华达商贸 已有联系人 张红。");
    // Another rep cannot see the customer, so cannot reach its contacts.
    expect(await h.say(zhao, "/contact edit 华达 张红 职务:会计")).toContain("找不到客户");
    // Personal notes stay out of the history, which more people may read.
    expect(await h.say(wang, "/contact edit 华达 张红 爱好:钓鱼")).toContain("爱好：（空） → ***");
    expect(await h.say(manager, "/customer history 华达")).not.toContain("钓鱼");
  });

  it("answers in English for an English speaker", async () => {
    await h.say(admin, "/customer assign 华达 Tom");
    expect(await h.say(tom, "/contact edit 华达 张红 title:cashier")).toContain("Updated 张红 at 北京华达商贸:");
    expect(await h.say(tom, "/contact edit 华达 Nobody title:x")).toContain(
      '北京华达商贸 has no contact called "Nobody" (on file: 李明华、张红).',
    );
    await h.say(admin, "/customer assign 华达 王伟");
  });

  it("removes a contact with the reason in the history; visits that met them keep their name", async () => {
    await h.say(wang, "/visit log 华达 联系人:张红 谈了回款");
    const removed = await h.say(wang, "/contact remove 华达 张红 已离职");
    expect(removed).toContain("已从 北京华达商贸 的联系人中移除 张红。");
    expect(await h.say(wang, "/contact list 华达")).not.toContain("张红");
    expect(await h.say(wang, "/customer show 华达")).not.toContain("张红");
    expect(await h.say(wang, "/visit list 华达")).toContain("张红");
    const history = await h.say(wang, "/customer history 华达");
    expect(history).toContain("移除联系人");
    expect(history).toContain("联系人：张红 → （空）；原因：已离职");
    expect(await h.prisma.contact.findFirstOrThrow({ where: { name: "张红" } })).toMatchObject({
      removedById: wang.id,
    });
    // A removed contact can no longer be named in a new visit, and the name is free again.
    expect(await h.say(wang, "/visit log 华达 联系人:张红 再谈")).toContain("没有叫“张红”的联系人");
    expect(await h.say(wang, "/contact remove 华达 张红")).toContain("没有叫“张红”的联系人");
    expect(await h.say(wang, "/contact add 华达 张红 职务:会计")).toContain("已为 北京华达商贸 添加联系人 张红。");
  });

  it("merges a duplicate (撞单) into the keeper: its records move over, its code names the keeper, both histories say so", async () => {
    // 赵六 enters the same shop again, insisting past the duplicate warning.
    const forced = await h.say(
      zhao,
      "/customer add 北京华达商贸有限公司 type:dealer 电话:010-88886666 地址:朝阳路1号 仍然新建:是",
    );
    const dup = await h.prisma.customer.findFirstOrThrow({ where: { name: "北京华达商贸有限公司" } });
    expect(forced).toContain(dup.code);
    await h.say(zhao, `/contact add ${dup.code} 李明华 电话:13900009999`);
    await h.say(zhao, `/contact add ${dup.code} 孙强`);
    await h.say(zhao, `/visit log ${dup.code} 联系人:李明华,孙强 初次拜访 回访:${"2026-12-20"}`);
    await h.say(zhao, `/order add ${dup.code} 2000 纯净水`);
    await h.say(zhao, `/payment add ${dup.code} 500`);
    await h.say(zhao, `/complaint file ${dup.code} 质量 外箱破损 20 箱`);
    const keeper = await h.prisma.customer.findFirstOrThrow({ where: { name: "北京华达商贸" } });
    // Both records owe beyond their credit: each has its receivables alert open.
    await h.say(admin, `/customer edit ${dup.code} 授信额度:100`);
    await h.say(admin, `/customer edit ${keeper.code} 授信额度:100`);
    await h.say(wang, `/order add ${keeper.code} 1000`);
    const receivables = { rule: "receivables", activeKey: { not: null } };
    expect(await h.prisma.alert.count({ where: receivables })).toBe(2);

    // A rep may not merge; nor may a customer be merged into itself.
    expect(await h.say(wang, `/customer merge ${dup.code} into:${keeper.code}`)).toMatch(/经理|管理员/);
    expect(await h.say(manager, `/customer merge ${keeper.code} into:${keeper.code}`)).toContain("不能并入它自己");
    // Another team's customer that is no duplicate of the keeper is not the manager's to take.
    await h.say(admin, "/customer add 沈阳鑫源批发部 type:dealer owner:赵六");
    const other = await h.prisma.customer.findFirstOrThrow({ where: { name: "沈阳鑫源批发部" } });
    expect(await h.say(manager, `/customer merge ${other.code} into:${keeper.code}`)).toContain(
      `找不到客户“${other.code}”`,
    );
    // The keeper's manager merges, though 赵六's duplicate is outside the manager's team.
    const merged = await h.say(manager, `/customer merge ${dup.code} 并入:${keeper.code}`);
    expect(merged).toContain(
      `已把 北京华达商贸有限公司（${dup.code}）并入 北京华达商贸（${keeper.code}），今后 ${dup.code} 即指 北京华达商贸。`,
    );
    expect(merged).toContain("转入：联系人 2 位、拜访 1 次、跟进 1 项、进货 1 笔、回款 1 笔、投诉 1 件、预警 1 条");
    expect(merged).toContain("北京华达商贸 原来空着的资料已用重复客户的补上：\n  • 地址：（空） → 朝阳路1号");

    expect(await h.prisma.customer.findUnique({ where: { id: dup.id } })).toBeNull();
    expect(await h.prisma.order.count({ where: { customerId: keeper.id } })).toBe(2);
    expect(await h.prisma.payment.count({ where: { customerId: keeper.id } })).toBe(1);
    expect(await h.prisma.complaint.count({ where: { customerId: keeper.id } })).toBe(1);
    expect(await h.prisma.followUp.count({ where: { customerId: keeper.id } })).toBe(1);
    // The same contact on both records becomes one; the visit that met them follows the keeper's.
    const contacts = await h.prisma.contact.findMany({ where: { customerId: keeper.id, removedAt: null } });
    expect(contacts.map((c) => c.name).sort()).toEqual(["孙强", "张红", "李明华"]);
    const visit = await h.prisma.visit.findFirstOrThrow({
      where: { customerId: keeper.id, notes: { contains: "初次" } },
    });
    expect(
      (await h.prisma.visitContact.findMany({ where: { visitId: visit.id }, include: { contact: true } })).map(
        (c) => c.contact.customerId,
      ),
    ).toEqual([keeper.id, keeper.id]);
    expect((await h.prisma.customer.findUniqueOrThrow({ where: { id: keeper.id } })).address).toBe("朝阳路1号");
    // One receivables alert stays open for the combined balance; the duplicate's closed as merged.
    expect(await h.prisma.alert.findMany({ where: receivables, select: { customerId: true } })).toEqual([
      { customerId: keeper.id },
    ]);
    expect(await h.prisma.alertEvent.count({ where: { action: "merged" } })).toBe(1);
    expect(await h.prisma.alert.count({ where: { customerId: keeper.id } })).toBe(2);

    // The old code now names the keeper, and the keeper's history and the audit log record the merge.
    expect(await h.say(manager, `/customer show ${dup.code}`)).toContain(`北京华达商贸（${keeper.code}）`);
    const found = await h.say(manager, `/customer find ${dup.code.toLowerCase()}`);
    expect(found).toContain(keeper.code);
    expect(found).not.toContain("北京华达商贸有限公司");
    const history = await h.say(manager, `/customer history ${dup.code}`);
    expect(history).toContain("合并重复客户");
    expect(history).toContain(`${dup.code} 北京华达商贸有限公司 并入本客户，原编码今后指向 ${keeper.code}`);
    expect(await h.say(admin, "/audit")).toContain("合并客户");
    expect(await h.say(manager, `/order list ${keeper.code}`)).toContain("¥2,000.00");
    expect(await h.say(manager, `/customer merge ${dup.code} into:${keeper.code}`)).toContain("不能并入它自己");
    // The old code stays the keeper's: no other customer may take it.
    expect(await h.say(admin, `/customer add 天津好运来 type:retailer code:${dup.code}`)).toContain(
      `编码 ${dup.code} 已被另一个客户使用`,
    );
  });
});
