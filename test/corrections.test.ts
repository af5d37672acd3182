import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "./support/databases.js";
import { Harness, type TestUser } from "./support/harness.js";

/** Midnight of a November day in Beijing. */
const day = (d: number) => new Date(Date.UTC(2026, 10, d - 1, 16));

describe.each(testProviders())("ids, lists, voids and visit corrections on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let manager: TestUser;
  let wang: TestUser;
  let zhao: TestUser;
  let tom: TestUser;
  const huada = () => h.prisma.customer.findFirstOrThrow({ where: { name: "北京华达商贸" } });
  const openAlerts = async (rule: string) =>
    h.prisma.alert.count({ where: { rule, customerId: (await huada()).id, status: { not: "resolved" } } });

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    admin = await h.user(ws.id, "管理员", "admin");
    manager = await h.user(ws.id, "李经理", "manager");
    wang = await h.user(ws.id, "王伟", "rep", { manager });
    zhao = await h.user(ws.id, "赵六", "rep");
    tom = await h.user(ws.id, "Tom", "rep", { manager, locale: "en" });
    await h.say(admin, "/customer add 北京华达商贸 type:dealer owner:王伟 授信额度:10000 relationSince:2020-01-01");
    await h.say(admin, "/customer add 沈阳鑫源批发部 type:dealer owner:赵六");
  });
  afterAll(() => h.close());

  it("shows each order and payment's id when recorded and in the customer's list, with the total", async () => {
    expect(await h.say(wang, "/order add 华达 1.5万 矿泉水")).toMatch(
      /^已记录进货 JH-0001：北京华达商贸 ¥15,000.00（矿泉水）/,
    );
    expect(await h.say(wang, "/order add 华达 300 date:11-20")).toMatch(/^已记录进货 JH-0002：/);
    expect(await h.say(wang, "/payment add 华达 1000")).toMatch(/^已记录回款 HK-0001：/);
    expect(await h.say(admin, "/order add 鑫源 50")).toMatch(/^已记录进货 JH-0003：/);
    // Owing 14,000 against a limit of 10,000.
    expect(await openAlerts("receivables")).toBe(1);

    const list = await h.say(wang, "/order list 华达");
    expect(list).toContain("北京华达商贸 的进货（2 笔）");
    expect(list).toMatch(/JH-0001 · 2026\/11\/25 · ¥15,000.00\s+矿泉水/);
    expect(list).toContain("JH-0002 · 2026/11/20 · ¥300.00");
    expect(list).not.toContain("JH-0003");
    expect(list).toContain("合计（不含作废）：¥15,300.00");
    expect(await h.say(wang, "/order list 华达 从:11-21")).toContain("北京华达商贸 的进货（1 笔）");
  });

  it("voids an order with the reason: it stays listed, marked, and leaves the balance, the last order date and the alerts at once", async () => {
    const voided = await h.say(wang, "/order void JH-0001 金额录错，应为 1500");
    expect(voided).toContain(
      "已作废 JH-0001：北京华达商贸 ¥15,000.00 · 矿泉水 · 2026/11/25。原因：金额录错，应为 1500。",
    );
    expect(voided).toContain("不再计入余额、报表和预警");
    expect(await h.prisma.order.findFirstOrThrow({ where: { number: 1 } })).toMatchObject({
      voidedById: wang.id,
      voidReason: "金额录错，应为 1500",
    });
    expect((await huada()).lastOrderAt).toEqual(day(20));
    expect(await openAlerts("receivables")).toBe(0);

    const list = await h.say(wang, "/order list 华达");
    expect(list).toContain("北京华达商贸 的进货（2 笔）");
    expect(list).toContain("〔作废〕王伟 2026/11/25：金额录错，应为 1500");
    expect(list).toContain("合计（不含作废）：¥300.00");
    expect(await h.say(wang, "/report customer 华达")).toContain("¥300.00");

    expect(await h.say(wang, "/order void JH-0001 再作废一次")).toContain(
      "JH-0001 已由王伟作废（原因：金额录错，应为 1500），不用再作废。",
    );
    expect(await h.say(wang, "/order void HK-0001 录错")).toContain(
      "HK-0001 是回款编号，请用 /payment void HK-0001 原因。",
    );
    expect(await h.say(wang, "/order void 华达 录错")).toContain("“华达”不是编号，编号形如 JH-0012 或 12。");
    // Another rep's customer's order reads as one that does not exist.
    expect(await h.say(zhao, "/order void JH-0002 录错")).toContain("没有 JH-0002。");
    expect(await h.say(wang, "/order void JH-0003 录错")).toContain("没有 JH-0003。");
    expect(await h.prisma.order.count({ where: { voidedAt: { not: null } } })).toBe(1);

    const history = await h.say(wang, "/customer history 华达");
    expect(history).toMatch(/王伟 · 作废\s+JH-0001，原因：金额录错，应为 1500/);
  });

  it("voids a payment, which the customer then owes again, and answers in English too", async () => {
    await h.say(wang, "/payment void HK-0001 重复录入");
    expect(await h.say(wang, "/payment list 华达")).toContain("〔作废〕王伟 2026/11/25：重复录入");
    expect(await h.say(wang, "/order add 华达 9900")).toContain("当前外欠款 ¥10,200.00");
    expect(await openAlerts("receivables")).toBe(1);

    const en = await h.say(tom, "/expense void FY-0001 typo");
    expect(en).toContain("There is no FY-0001. Check the id in the customer's list, e.g. /expense list Huada.");
    expect(await h.say(tom, "/order void hk1 typo")).toContain("HK1 is a payment: use /payment void HK1 <reason>.");
  });

  it("voids a visit: kept in the list, marked, its open follow-ups closed, the last visit and the next due date worked out again", async () => {
    expect(await h.say(wang, "/visit log 华达 date:11-20 电话 催款")).toContain("编号：BF-0001");
    expect(await h.say(wang, "/visit log 华达 谈了新品 下一步:报价")).toContain("编号：BF-0002");
    const before = await huada();
    expect(before.lastVisitAt!.getTime()).toBeGreaterThan(day(25).getTime());

    expect(await h.say(zhao, "/visit void BF-0002 记错")).toContain("没有 BF-0002。");
    const voided = await h.say(wang, "/visit void BF-0002 记错了客户");
    expect(voided).toContain("已作废 BF-0002：北京华达商贸 2026/11/25 · 上门 · 王伟。原因：记错了客户。");
    expect(voided).toContain("这次拜访未完成的跟进 HF-0001 已一并关闭。");
    expect(await h.prisma.followUp.findFirstOrThrow({ where: { number: 1 } })).toMatchObject({
      doneNote: "记错了客户",
    });
    const after = await huada();
    expect(after.lastVisitAt).toEqual(day(20));
    expect(after.visitDueAt!.getTime()).toBeLessThan(before.visitDueAt!.getTime());

    const list = await h.say(wang, "/visit list 华达");
    expect(list).toMatch(/BF-0002 · 2026\/11\/25 · 上门 · 王伟\s+谈了新品[^\n]*〔作废〕王伟 2026\/11\/25：记错了客户/);
    expect(list).toContain("BF-0001 · 2026/11/20 · 电话 · 王伟");
    expect(await h.say(wang, "/visit edit BF-0002 结果:成交")).toContain("BF-0002 已作废，不能再修改。");
  });

  it("corrects a visit field by field, kept in the customer's history; only its author, a manager or an admin may", async () => {
    const edited = await h.say(wang, "/visit edit BF-0001 结果:答应月底付清 日期:11-21 方式:上门");
    expect(edited).toContain("已修改拜访 BF-0001（北京华达商贸）：");
    expect(edited).toContain("拜访日期：2026/11/20 → 2026/11/21");
    expect(edited).toContain("方式：电话 → 上门");
    expect(edited).toContain("结果：（空） → 答应月底付清");
    expect(await h.prisma.visit.findFirstOrThrow({ where: { number: 1 } })).toMatchObject({
      visitedAt: day(21),
      channel: "onsite",
      outcome: "答应月底付清",
    });
    expect((await huada()).lastVisitAt).toEqual(day(21));
    expect(await h.say(wang, "/visit edit BF-0001 结果:答应月底付清")).toContain("BF-0001 没有要改的内容。");
    expect(await h.say(wang, "/customer history 华达")).toMatch(
      /修改拜访记录\s+BF-0001；拜访日期：2026\/11\/20 → 2026\/11\/21；方式：电话 → 上门；结果：（空） → 答应月底付清/,
    );

    await h.say(manager, "/visit log 华达 陪访");
    expect(await h.say(wang, "/visit edit BF-0003 目的:陪访")).toContain(
      "BF-0003 是李经理记录的拜访，只有记录人、经理或管理员可以修改或作废。",
    );
    expect(await h.say(zhao, "/visit edit BF-0001 目的:x")).toContain("没有 BF-0001。");
    expect(await h.say(manager, "/visit edit BF-0001 目的:催款")).toContain("目的：（空） → 催款");
  });

  it("opens again the follow-ups a voided visit had completed", async () => {
    const asked = await h.say(wang, "/visit log 华达 谈了回款 回访:11-25");
    const followUp = /HF-\d{4}/.exec(asked)![0];
    const call = await h.say(wang, "/visit log 华达 电话 已催款");
    expect(call).toContain(`这次拜访已完成之前的跟进：${followUp}。`);
    expect(await h.say(wang, "/followups")).not.toContain(followUp);
    const visit = /BF-\d{4}/.exec(call)![0];
    expect(await h.say(wang, `/visit void ${visit} 电话没打通`)).toContain(
      `这次拜访原先完成的跟进 ${followUp} 已重新打开。`,
    );
    expect(await h.say(wang, "/followups")).toContain(followUp);
  });
});
