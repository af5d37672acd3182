import { renderText } from "../src/platforms/console/render.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { testProviders } from "./support/databases.js";
import { Harness, NOW, type TestUser } from "./support/harness.js";

/** Midnight in Shanghai of a 2026 date, as the bot stores a day. */
const day = (mmdd: string) => new Date(`2026-${mmdd}T00:00:00+08:00`);
const DAY_MS = 86_400_000;

describe.each(testProviders())("visits, follow-ups and plans on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let manager: TestUser;
  let wang: TestUser;
  let zhang: TestUser;
  let zhao: TestUser;

  const customer = (name: string) => h.prisma.customer.findFirstOrThrow({ where: { name } });
  const followUps = (name: string) =>
    h.prisma.followUp.findMany({ where: { customer: { name } }, orderBy: { number: "asc" } });
  const hf = (n: number) => `HF-${String(n).padStart(4, "0")}`;

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    admin = await h.user(ws.id, "管理员", "admin");
    manager = await h.user(ws.id, "李经理", "manager");
    wang = await h.user(ws.id, "王伟", "rep", { manager });
    zhang = await h.user(ws.id, "张敏", "rep", { manager });
    zhao = await h.user(ws.id, "赵强", "rep");
    for (const [name, owner] of [
      ["北京华达商贸", "王伟"],
      ["广州佳美超市", "王伟"],
      ["成都福康商行", "王伟"],
      ["重庆百货大楼", "张敏"],
      ["沈阳鑫源批发部", "赵强"],
      ["武汉长江商行", "张敏"],
    ]) {
      expect(await h.say(admin, `/customer add ${name} type:dealer owner:${owner}`)).toMatch(/已新增客户/);
    }
    await h.say(wang, "/contact add 华达 张总 role:决策人");
    await h.say(wang, "/contact add 华达 李会计");
  });
  afterEach(() => {
    h.now = NOW;
  });
  afterAll(() => h.close());

  it("logs a bare visit: the free text becomes the notes, and the last and next visit dates move", async () => {
    const text = await h.say(wang, "/visit log 华达 谈了新品，下周三再去");
    expect(text).toContain("已记录拜访：北京华达商贸");
    expect(text).toContain("谈了新品，下周三再去");
    const visit = await h.prisma.visit.findFirstOrThrow({ where: { customer: { name: "北京华达商贸" } } });
    expect(visit).toMatchObject({ channel: "onsite", notes: "谈了新品，下周三再去", userId: wang.id, visitedAt: NOW });
    const c = await customer("北京华达商贸");
    expect(c.lastVisitAt).toEqual(NOW);
    // A new customer is visited monthly.
    expect(c.visitDueAt).toEqual(new Date(NOW.getTime() + 30 * DAY_MS));
    expect(text).toContain("下次应在 2026/12/25 前拜访");
  });

  it("logs a full visit: channel, purpose, contacts met, what was learned, outcome, promises, next step, follow-up date", async () => {
    const text = await h.say(
      wang,
      "/visit log 华达 电话 催款 目的:对账 contacts:张总,李会计 了解:竞品降价一成 结果:答应月底付清 承诺:寄对账单;送样品 下一步:上门取支票 回访:11-30",
    );
    const visit = await h.prisma.visit.findFirstOrThrow({
      where: { customer: { name: "北京华达商贸" }, channel: "phone" },
      include: { contacts: { include: { contact: true } } },
    });
    expect(visit).toMatchObject({ notes: "催款", purpose: "对账", learned: "竞品降价一成", outcome: "答应月底付清" });
    expect(visit.contacts.map((c) => c.contact.name).sort()).toEqual(["张总", "李会计"].sort());
    const open = await followUps("北京华达商贸");
    expect(open.map((f) => [f.kind, f.text, f.dueAt])).toEqual([
      ["next_step", "上门取支票", day("11-30")],
      ["promise", "寄对账单", day("11-30")],
      ["promise", "送样品", day("11-30")],
    ]);
    for (const f of open) expect(text).toContain(hf(f.number));
    expect(text).toContain("还有 5 天");
  });

  it("closes the visitor's open next steps when the customer is visited again, but keeps promises open", async () => {
    const [nextStep] = await followUps("北京华达商贸");
    const text = await h.say(wang, "/visit log 华达 取回支票");
    expect(text).toContain(`已完成之前的跟进：${hf(nextStep!.number)}`);
    const after = await followUps("北京华达商贸");
    expect(after.filter((f) => f.doneAt !== null).map((f) => f.kind)).toEqual(["next_step"]);
    expect(after.filter((f) => f.doneAt === null).map((f) => f.text)).toEqual(["寄对账单", "送样品"]);
  });

  it("gives a next step or promise without a date the workspace's default of a week", async () => {
    await h.say(wang, "/visit log 佳美 承诺:下周报价");
    const [promise] = await followUps("广州佳美超市");
    expect(promise).toMatchObject({ kind: "promise", text: "下周报价", dueAt: day("12-02") });
  });

  it.each([
    ["a follow-up date in the past", "/visit log 华达 见了老板 回访:昨天", /“昨天”已经过去/],
    ["a visit dated in the future", "/visit log 华达 见了老板 date:明天", /在将来/],
    ["a promise due in the past", "/visit log 华达 承诺:送样品 承诺期限:11-01", /已经过去/],
    ["an unknown contact", "/visit log 华达 contacts:张总,王五", /没有叫“王五”的联系人（现有：张总、李会计）/],
    ["a customer the rep may not see", "/visit log 重庆百货大楼 见了采购", /找不到客户“重庆百货大楼”/],
    ["an unknown channel", "/visit log 华达 channel:飞鸽传书", /方式|channel/],
  ])("refuses %s with a clear reply and writes nothing", async (_case, line, message) => {
    const before = await h.counts();
    const reply = await h.reply(wang, line);
    expect(reply.tone).toBe("error");
    expect(await h.say(wang, line)).toMatch(message);
    expect(await h.counts()).toEqual(before);
  });

  it("lists visits newest first for a customer, in pages, and by date range", async () => {
    for (let d = 1; d <= 11; d++) await h.say(wang, `/visit log 福康 第${d}次 date:11-${String(d).padStart(2, "0")}`);
    const first = await h.reply(wang, "/visit list 福康");
    const list = first.blocks.find((b) => b.type === "list");
    expect(list?.type === "list" && list.title).toContain("共 11 次");
    expect(list?.type === "list" && list.items.map((i) => i.detail)).toEqual(
      Array.from({ length: 10 }, (_, i) => `第${11 - i}次`),
    );
    const buttons = first.blocks.find((b) => b.type === "buttons");
    expect(buttons?.type === "buttons" && buttons.buttons.map((b) => b.command)).toEqual(["/visit list 福康 页:2"]);
    const second = await h.say(wang, "/visit list 福康 页:2");
    expect(second).toContain("第1次");
    expect(second).toContain("第 2/2 页");
    // Past the last page: how many there are, and the way back, not "第 5/2 页".
    const past = await h.reply(wang, "/visit list 福康 page:5");
    expect(renderText(past).text).toContain("一共只有 2 页（11 条），没有第 5 页。");
    expect(past.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons.map((x) => x.command) : []))).toEqual([
      "/visit list 福康 页:2",
    ]);
    const range = await h.say(wang, "/visit list 福康 from:11-03 to:11-05");
    expect(range.match(/第\d+次/g)).toEqual(["第5次", "第4次", "第3次"]);
  });

  it("lists my visits, my team's as a manager, a colleague's within the team, and refuses one outside it", async () => {
    await h.say(zhang, "/visit log 百货 新品推介");
    const mine = await h.say(zhang, "/visit list");
    expect(mine).toContain("重庆百货大楼");
    expect(mine).not.toContain("北京华达商贸");
    // Said as "me" or as 我, the list is mine: not "me的拜访记录".
    for (const me of ["me", "我"])
      expect(await h.say(zhang, `/visit list who:${me}`)).toMatch(/^我的拜访记录（共 \d+ 次）/);
    const team = await h.say(manager, "/visit list who:team");
    expect(team).toContain("重庆百货大楼 · 上门 · 张敏");
    expect(team).toContain("北京华达商贸");
    expect(await h.say(manager, "/visit list who:张敏")).not.toContain("北京华达商贸");
    expect(await h.say(manager, "/visit list who:赵强")).toMatch(/赵强 不在你的团队里/);
    expect(await h.say(wang, "/visit list who:张敏")).toMatch(/张敏 不在你的团队里/);
  });

  it("shows a rep's follow-ups due today and overdue with how late they are; a manager sees the team's", async () => {
    h.now = new Date("2026-12-02T01:00:00Z");
    const text = await h.say(wang, "/followups");
    expect(text).toMatch(/承诺 · 寄对账单\s+北京华达商贸（C0001） · 2026\/11\/30 逾期 2 天/);
    expect(text).toMatch(/承诺 · 下周报价\s+广州佳美超市（C0002） · 2026\/12\/02 今天到期/);
    expect(text).not.toContain("上门取支票");
    const team = await h.say(manager, "/followups");
    expect(team).toMatch(/寄对账单.*王伟/);
    expect(await h.say(zhang, "/followups")).toContain("今天没有到期的跟进事项");
    // Before they fall due, they are only counted as coming up.
    h.now = NOW;
    const early = await h.say(wang, "/followups");
    expect(early).toContain("今天没有到期的跟进事项");
    expect(early).toContain("未来 7 天还有 3 项到期");
  });

  it("marks a promise kept and moves a follow-up; refuses another rep's, a done one, an unknown id and a past date", async () => {
    const [, statement, samples] = await followUps("北京华达商贸");
    const before = await h.counts();
    // Someone else's reads like one that does not exist: no owner named.
    expect(await h.say(zhang, `/followup done ${hf(statement!.number)}`)).toBe(
      `✗ 没有跟进事项 ${hf(statement!.number)}。发送 /followups 查看你的跟进。`,
    );
    expect(await h.say(wang, "/followup done HF-9999")).toMatch(/没有跟进事项 HF-9999/);
    expect(await h.say(wang, "/followup done 第二个")).toMatch(/不是跟进编号/);
    expect(await h.say(wang, `/followup move ${statement!.number} 昨天`)).toMatch(/已经过去/);
    expect(await h.counts()).toEqual(before);
    const unchanged = await h.prisma.followUp.findUniqueOrThrow({ where: { id: statement!.id } });
    expect(unchanged).toMatchObject({ doneAt: null, dueAt: day("11-30") });

    expect(await h.say(wang, `/followup done ${hf(statement!.number)} 已快递`)).toContain(
      `已兑现承诺 ${hf(statement!.number)}：北京华达商贸 · 寄对账单`,
    );
    expect(await h.prisma.followUp.findUniqueOrThrow({ where: { id: statement!.id } })).toMatchObject({
      doneAt: NOW,
      doneById: wang.id,
      doneNote: "已快递",
    });
    expect(await h.say(wang, `/followup done hf${statement!.number}`)).toMatch(/已由 王伟 于 2026\/11\/25 完成/);

    expect(await h.say(manager, `/followup move #${samples!.number} 12-10`)).toContain(
      "已从 2026/11/30 改到 2026/12/10",
    );
    expect((await h.prisma.followUp.findUniqueOrThrow({ where: { id: samples!.id } })).dueAt).toEqual(day("12-10"));
  });

  it("lists customers past their visit cadence, longest overdue first, within the viewer's team", async () => {
    await h.say(zhao, "/visit log 鑫源 date:2026-08-01");
    await h.say(zhang, "/visit log 长江 date:2026-10-01");
    const all = await h.say(admin, "/visit due");
    expect(all).toMatch(/超过拜访周期未拜访的客户（2 个/);
    expect(all.indexOf("沈阳鑫源批发部")).toBeLessThan(all.indexOf("武汉长江商行"));
    expect(all).toMatch(/沈阳鑫源批发部（C0005）\s+上次拜访 2026\/08\/01（116 天前） · 逾期 86 天 · 赵强/);
    const team = await h.say(manager, "/visit due");
    expect(team).toMatch(/武汉长江商行（C0006）\s+上次拜访 2026\/10\/01（55 天前） · 逾期 25 天 · 张敏/);
    expect(team).not.toContain("沈阳鑫源批发部");
    await h.say(zhao, "/visit log 鑫源 补拜访");
    expect(await h.say(zhao, "/visit due")).toContain("未访客户为零");
  });

  it("lets an admin change the workspace cadence and anyone with the customer set one customer's", async () => {
    const before = await h.counts();
    expect(await h.say(wang, "/visit cadence A:20")).toMatch(/只有管理员/);
    expect(await h.counts()).toEqual(before);

    await h.say(wang, "/customer edit 华达 拜访周期:7");
    const huada = await customer("北京华达商贸");
    expect(huada.visitDueAt).toEqual(new Date(huada.lastVisitAt!.getTime() + 7 * DAY_MS));

    const text = await h.say(admin, "/visit cadence new:14 followUp:3");
    expect(text).toMatch(/新客户（建立关系 365 天内）：每 14 天/);
    const jiamei = await customer("广州佳美超市");
    expect(jiamei.visitDueAt).toEqual(new Date(jiamei.lastVisitAt!.getTime() + 14 * DAY_MS));
    // The per-customer cadence still wins.
    expect((await customer("北京华达商贸")).visitDueAt).toEqual(huada.visitDueAt);
    expect(await h.say(wang, "/visit cadence")).toContain("跟进事项默认期限：3 天");
    await h.say(admin, "/visit cadence new:30 followUp:7");
  });

  it("sets a monthly visit plan and compares it with the visits actually made", async () => {
    // Planned at noon: the visits of this morning came before the plan.
    h.now = new Date("2026-11-25T04:00:00Z");
    const set = await h.say(wang, "/visit plan 华达 11-26 佳美 福康 11-28");
    expect(set).toContain("已为你的 2026-11 拜访计划新增 3 项");
    expect(await h.say(wang, "/visit plan 华达 11-26")).toContain("1 项之前已在计划中");
    expect(await h.say(manager, "/visit plan who:张敏 百货 11-27")).toContain("已为张敏的 2026-11 拜访计划新增 1 项");

    h.now = new Date("2026-11-26T03:00:00Z");
    await h.say(wang, "/visit log 华达 按计划拜访");
    h.now = new Date("2026-11-29T03:00:00Z");
    const plan = await h.say(wang, "/visit plan");
    expect(plan).toMatch(/2026\/11\/26 · 北京华达商贸（C0001）\s+已访 · 2026\/11\/26/);
    // 佳美 was visited this morning and 福康 eleven times earlier in November, all before the plan.
    expect(plan).toMatch(/2026\/11\/28 · 广州佳美超市（C0002）\s+错过/);
    expect(plan).toMatch(/2026\/11\/28 · 成都福康商行（C0003）\s+错过/);

    const status = await h.say(manager, "/visit plan status");
    expect(status).toContain("2026-11 拜访计划执行情况");
    expect(status).toMatch(/王伟 · 完成率 33%\s+计划 3 · 已访 1 · 错过 2 · 待访 0 · 实际拜访 \d+ 次/);
    expect(status).toMatch(/张敏 · 完成率 0%\s+计划 1 · 已访 0 · 错过 1/);
    expect(status).not.toContain("赵强");
    expect(await h.say(zhao, "/visit plan status")).toMatch(/赵强 · 完成率 -\s+计划 0/);
  });

  it.each([
    ["a rep planning for someone outside their team", "/visit plan who:张敏 百货 11-30", /张敏 不在你的团队里/],
    ["a customer without a date", "/visit plan 华达 11-30 佳美", /广州佳美超市 后面缺少计划日期/],
    ["a date without a customer", "/visit plan 11-30", /日期 11-30 前面要写客户/],
    ["a date already past", "/visit plan 华达 11-20", /11\/20 已经过去/],
    ["a date outside the month asked for", "/visit plan month:2026-12 华达 11-30", /不在 2026-12 内/],
    ["a month already over", "/visit plan month:2026-10 华达 11-30", /2026-10 已经过去/],
    ["a whole team", "/visit plan who:team 华达 11-30", /请写一位同事的名字/],
  ])("refuses %s and writes nothing", async (_case, line, message) => {
    const before = await h.counts();
    expect(await h.say(wang, line)).toMatch(message);
    expect(await h.counts()).toEqual(before);
  });

  it("shows the last visits, the next follow-up and the next visit due on the profile card", async () => {
    const card = await h.say(wang, "/customer show 佳美");
    expect(card).toContain("最近拜访：2026/11/25（今天）");
    expect(card).toMatch(/按周期应访：2026\/12\/25/);
    expect(card).toMatch(/下次跟进：HF-\d{4} · 承诺 · 下周报价 · 2026\/12\/02 还有 7 天/);
    expect(card).toMatch(/最近拜访\n\s+• 2026\/11\/25 · 上门 · 王伟/);
  });

  it("answers in English too", async () => {
    await h.say(wang, "/crm language en");
    const text = await h.say(wang, "/followups");
    expect(text).toContain("No follow-ups are due today.");
    expect(text).toContain("1 more falls due in the next 7 days.");
    expect(await h.say(wang, "/visit log Huada date:tomorrow")).toMatch(/in the future/);
    // Natural English: "your plan", "1 planned visit", "1 field", dates year first.
    const planned = await h.say(wang, "/visit plan 福康 12-03");
    expect(planned).toContain("Added 1 planned visit to your plan for 2026-12.");
    expect(planned).toContain("2026-12-03");
    expect(planned).not.toMatch(/of you|visit\(s\)|12\/03\/2026/);
    expect(await h.say(wang, "/customer edit 福康 电话:13900000000")).toContain("Updated 1 field of 成都福康商行:");
    await h.say(wang, "/crm language zh-CN");
  });

  it("takes the dates a Chinese rep types, and refuses a follow-up years away instead of losing the visit", async () => {
    // NOW is Wednesday 2026-11-25 in Shanghai: a follow-up's 周五 is this week's, 周一 next week's.
    await h.say(admin, "/customer add 杭州西湖茶行 type:dealer owner:赵强");
    await h.say(zhao, "/visit log 西湖茶行 谈了新品，下周三再去 回访:下周三 承诺:寄样品 承诺期限:周五");
    const all = await followUps("杭州西湖茶行");
    const next = all.find((f) => f.kind === "next_step");
    const promise = all.find((f) => f.kind === "promise");
    expect(next!.dueAt).toEqual(day("12-02"));
    expect(promise!.dueAt).toEqual(day("11-27"));
    expect(await h.say(zhao, `/followup move ${next!.number} 周一`)).toContain("改到 2026/11/30");
    expect(await h.say(zhao, `/followup move ${next!.number} 月底`)).toContain("改到 2026/11/30");
    expect(await h.say(zhao, `/followup move ${next!.number} 十二月三号`)).toContain("改到 2026/12/03");

    const before = await h.counts();
    expect(await h.say(zhao, `/followup move ${next!.number} 9999-12-31`)).toMatch(/只接受 1900 年到 2100 年/);
    expect(await h.say(zhao, `/followup move ${next!.number} 2029-01-01`)).toMatch(/太远了.*2028\/11\/25/);
    expect(await h.say(zhao, "/visit log 西湖茶行 又谈了一次 回访:2030-05-01")).toMatch(/太远了/);
    expect(await h.counts()).toEqual(before);
  });

  it("answers by phone only revisits and steps already due: a step set for next week waits for a visit in person", async () => {
    await h.say(admin, "/customer add 长沙湘江商行 type:dealer owner:赵强");
    await h.say(zhao, "/visit log 湘江 上门 下一步:送样品 回访:12-02");
    await h.say(zhao, "/visit log 湘江 电话 回访:11-26");
    const [samples, revisit] = await followUps("长沙湘江商行");
    expect([samples!.text, revisit!.text]).toEqual(["送样品", null]);
    const call = await h.say(zhao, "/visit log 湘江 电话 问了问销量");
    expect(call).toContain(`已完成之前的跟进：${hf(revisit!.number)}`);
    expect(call).not.toContain(hf(samples!.number));
    expect((await h.prisma.followUp.findUniqueOrThrow({ where: { id: samples!.id } })).doneAt).toBeNull();
    await h.say(zhao, "/visit log 湘江 送去了样品");
    expect((await h.prisma.followUp.findUniqueOrThrow({ where: { id: samples!.id } })).doneAt).toEqual(NOW);
  });

  it("finds visits by what their notes, next steps or contacts hold (q:), within what the user may see", async () => {
    const ws = await h.workspace("visit-search");
    const boss = await h.user(ws.id, "周经理", "manager");
    const liu = await h.user(ws.id, "刘洋", "rep", { manager: boss });
    const ma = await h.user(ws.id, "马丽", "rep");
    await h.say(boss, "/customer add 苏州美佳超市 type:retailer owner:刘洋");
    await h.say(boss, "/customer add 无锡好运来商行 type:retailer owner:马丽");
    await h.say(liu, "/contact add 美佳 钱店长");
    await h.say(liu, "/visit log 美佳 谈了年货陈列 下一步:送试吃样品");
    await h.say(liu, "/visit log 美佳 电话 催回款 contacts:钱店长");
    await h.say(ma, "/visit log 好运来 也要样品");
    const samples = await h.say(liu, "/visit list q:样品");
    expect(samples).toContain("我的拜访记录中含“样品”的（共 1 次）");
    expect(samples).toContain("送试吃样品");
    expect(samples).not.toContain("也要样品");
    expect(await h.say(liu, "/visit list 查找:钱店长")).toMatch(/共 1 次[\s\S]*催回款/);
    expect(await h.say(boss, "/visit list who:team q:陈列")).toContain("团队的拜访记录中含“陈列”的（共 1 次）");
    expect(await h.say(liu, "/visit list q:没有这回事")).toContain("没有符合条件的拜访记录。");
    // Wildcards are text: a % finds nothing rather than everything, and itself where it was written.
    expect(await h.say(liu, "/visit list q:%")).toContain("没有符合条件的拜访记录。");
    await h.say(liu, "/visit log 美佳 谈返点 返点3%_满额");
    expect(await h.say(liu, "/visit list q:3%_")).toMatch(/共 1 次[\s\S]*返点3%_满额/);
  });
});
