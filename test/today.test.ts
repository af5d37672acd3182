import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "./support/databases.js";
import { Harness, type TestUser } from "./support/harness.js";

describe.each(testProviders())("/today on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let manager: TestUser;
  let wang: TestUser;
  let li: TestUser;
  let tom: TestUser;

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    admin = await h.user(ws.id, "管理员", "admin");
    manager = await h.user(ws.id, "李经理", "manager");
    wang = await h.user(ws.id, "王伟", "rep", { manager });
    li = await h.user(ws.id, "李娜", "rep", { manager });
    tom = await h.user(ws.id, "Tom", "rep", { locale: "en" });
    await h.say(admin, "/customer add 北京华达商贸 type:dealer owner:王伟 授信额度:1000");
    await h.say(admin, "/customer add 重庆百货 type:retailer owner:王伟");
    await h.say(admin, "/customer add 沈阳鑫源批发部 type:dealer owner:李娜");
    // Last visited long ago: overdue under any cadence.
    await h.say(wang, "/visit log 重庆百货 日期:2026-01-05 谈了新品");
    await h.say(wang, "/visit log 华达 谈了回款 回访:2026-11-25");
    await h.say(wang, "/visit plan 华达 11-25 重庆百货 11-25");
    await h.say(manager, "/plan set 华达 2026-11 1万");
    await h.say(wang, "/order add 华达 3000");
  });
  afterAll(() => h.close());

  it("shows a rep their day: sales against plan, follow-ups due, today's planned visits, the most overdue customers, new alerts", async () => {
    const day = await h.say(wang, "/today");
    expect(day).toContain("我的今天 · 11月25日 周三");
    expect(day).toContain("2026-11 销售 / 计划：¥3,000.00 / ¥10,000.00（30%）");
    expect(day).toContain("待回访：1");
    expect(day).toContain("今日计划拜访：已访 1 / 2");
    expect(day).toMatch(/✓ 北京华达商贸（C0001）\s+今天已访/);
    expect(day).toMatch(/○ 重庆百货（C0002）\s+还没去/);
    expect(day).toContain("最久未访的客户");
    expect(day).toContain("重庆百货（C0002）");
    // 3,000 owed against a limit of 1,000.
    expect(day).toContain("未确认的预警");
    expect(day).toContain("外欠款超额度 · 北京华达商贸");
    expect(day).not.toContain("沈阳鑫源");
    expect(day).toContain("全部待回访");
    // The same words typed in Chinese.
    expect(await h.say(wang, "今天")).toContain("我的今天");
  });

  it("shows a manager the team's day, and one rep's on asking", async () => {
    const team = await h.say(manager, "/today");
    expect(team).toContain("团队的今天");
    expect(team).toMatch(/还没去 · 王伟/);
    expect(team).toContain("→ /alert list 谁:团队");
    expect(await h.say(manager, "/today who:李娜")).not.toContain("重庆百货");
    expect(await h.say(wang, "/today who:李娜")).toContain("李娜 不在你的团队里");
    expect(await h.say(li, "/today")).toContain("今天没有待办");
  });

  it("says when the day is clear, in the user's language", async () => {
    const day = await h.say(tom, "/today");
    expect(day).toContain("My day · ");
    expect(day).toContain("Nothing waiting today");
    expect(day).not.toMatch(/[\u4e00-\u9fff]/);
  });

  it("moves as the rep acts: an acknowledged alert and a done follow-up leave it", async () => {
    for (const alert of await h.prisma.alert.findMany({ where: { status: "open" } }))
      expect(await h.say(wang, `/alert ack YJ-${String(alert.number).padStart(4, "0")}`)).not.toContain("✗");
    const followUp = await h.prisma.followUp.findFirstOrThrow({ where: { doneAt: null } });
    await h.say(wang, `/followup done HF-${String(followUp.number).padStart(4, "0")}`);
    const day = await h.say(wang, "/today");
    expect(day).toContain("待回访：0");
    expect(day).toContain("新预警（未确认）：0");
    expect(day).not.toContain("未确认的预警");
  });
});
