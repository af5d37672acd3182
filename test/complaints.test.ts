import type { Reply } from "../src/core/reply.js";
import { renderText } from "../src/platforms/console/render.js";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { escalateOverdueComplaints } from "../src/domain/complaints/escalation.js";
import { testProviders } from "./support/databases.js";
import { Harness, NOW, RecordingPort, type TestUser } from "./support/harness.js";

/** An instant in Shanghai time, 2026. */
const at = (text: string) => new Date(`2026-${text}:00+08:00`);

describe.each(testProviders())("complaints on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let manager: TestUser;
  let otherManager: TestUser;
  let wang: TestUser;
  let zhao: TestUser;

  const complaint = (number: number) =>
    h.prisma.complaint.findFirstOrThrow({ where: { number }, include: { steps: { orderBy: { id: "asc" } } } });
  const escalate = () => escalateOverdueComplaints(h.prisma, h.now);

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    admin = await h.user(ws.id, "管理员", "admin");
    manager = await h.user(ws.id, "李经理", "manager");
    otherManager = await h.user(ws.id, "赵经理", "manager");
    wang = await h.user(ws.id, "王伟", "rep", { manager });
    zhao = await h.user(ws.id, "赵强", "rep");
    await h.say(admin, "/customer add 北京华达商贸 type:dealer owner:王伟");
    await h.say(admin, "/customer add 沈阳鑫源批发部 type:dealer owner:赵强");
  });
  afterEach(() => {
    h.now = NOW;
  });
  afterAll(() => h.close());

  it("files a complaint owned by whoever took it, with a short id and a deadline one working day out", async () => {
    const text = await h.say(wang, "/complaint file 华达 质量 外箱破损 20 箱 投诉人:张总 要求:补发 对象:物流部");
    expect(text).toContain("已受理投诉 TS-0001：北京华达商贸");
    expect(text).toContain("本步期限：2026/11/26 10:00");
    const c = await complaint(1);
    expect(c).toMatchObject({
      category: "quality",
      description: "外箱破损 20 箱",
      complainant: "张总",
      demand: "补发",
      target: "物流部",
      status: "recorded",
      ownerId: wang.id,
      receivedAt: NOW,
      stepDueAt: at("11-26T10:00"),
    });
    expect(c.steps.map((s) => [s.step, s.userId])).toEqual([["record", wang.id]]);
    expect(await h.say(wang, "/customer show 华达")).toMatch(
      /未结投诉\n\s+• TS-0001 · 产品质量\s+已记录 · 本步期限 2026\/11\/26 还有 1 天/,
    );
  });

  it("counts working days: a complaint received on Friday is due to be judged on Monday", async () => {
    h.now = at("11-27T16:00");
    await h.say(wang, "/complaint file 华达 包装 纸箱受潮");
    expect((await complaint(2)).stepDueAt).toEqual(at("11-30T16:00"));
  });

  it.each([
    ["an unknown id", "/complaint validate TS-0999", /没有投诉 TS-0999/],
    ["something that is not an id", "/complaint validate 华达", /不是投诉编号/],
    [
      "a step out of order",
      "/complaint propose TS-0001 补发",
      /现在是“已记录”，这时不能“提出方案”。现在可以：\/complaint validate {2}\/complaint reject/,
    ],
    ["approval by a rep", "/complaint approve TS-0001", /\/complaint approve 需要经理或以上权限/],
    ["an empty solution", "/complaint propose TS-0001", /缺少参数 方案（解决方案）/],
    ["a blank solution", "/complaint propose TS-0001 “ ”", /参数 方案 不能为空/],
    [
      "a missing category",
      "/complaint file 华达 外箱破损",
      /请写投诉类别：产品质量、延迟交货、规格不符、包装问题、服务水平、其他/,
    ],
    ["a customer the rep may not see", "/complaint file 沈阳鑫源批发部 质量 破损", /找不到客户“沈阳鑫源批发部”/],
  ])("refuses %s with a clear reply and leaves everything as it was", async (_case, line, message) => {
    const before = await h.counts();
    const state = await complaint(1);
    expect(await h.say(wang, line)).toMatch(message);
    expect(await h.counts()).toEqual(before);
    expect(await complaint(1)).toEqual(state);
  });

  it("refuses another rep's complaint, and another team's manager", async () => {
    const before = await complaint(1);
    // Read exactly like a complaint that does not exist.
    expect(await h.say(zhao, "/complaint validate TS-0001")).toMatch(/^✗ 没有投诉 TS-0001。/);
    expect(await h.say(otherManager, "/complaint validate TS-0001")).toMatch(/^✗ 没有投诉 TS-0001。/);
    expect(await complaint(1)).toEqual(before);
  });

  it("escalates an overdue complaint to the owner's manager, then to the admins, once each, with notifications through the outbox", async () => {
    expect(await escalate()).toBe(0);
    h.now = at("11-26T11:00");
    expect(await escalate()).toBe(1);
    expect(await escalate()).toBe(0);
    let c = await complaint(1);
    expect(c).toMatchObject({ escalationLevel: 1, escalatedAt: h.now });
    expect(c.steps.at(-1)).toMatchObject({ step: "escalate_manager", userId: null, text: "李经理", at: h.now });

    const port = new RecordingPort();
    expect(await h.deliver(port)).toBe(2);
    expect(port.lines().sort()).toEqual([
      "@李经理 == 投诉 TS-0001（北京华达商贸）已超期，升级给 李经理 ==",
      "@王伟 == 投诉 TS-0001（北京华达商贸）已超期，升级给 李经理 ==",
    ]);
    expect(port.sent[0]!.text).toContain("本步期限：2026/11/26 10:00 · 已超期 1 小时");
    expect(await h.deliver(port)).toBe(0);

    // Two working days later (Thursday → Monday) it goes to the admins as well.
    h.now = at("11-27T12:00");
    expect(await escalate()).toBe(0);
    h.now = at("11-30T12:00");
    expect(await escalate()).toBe(1);
    c = await complaint(1);
    expect(c).toMatchObject({ escalationLevel: 2 });
    expect(c.steps.at(-1)).toMatchObject({ step: "escalate_admins", text: "管理员" });
    await h.deliver(port);
    expect(port.lines().slice(2).sort()).toEqual([
      "@王伟 == 投诉 TS-0001（北京华达商贸）仍未处理，升级给管理员 管理员 ==",
      "@管理员 == 投诉 TS-0001（北京华达商贸）仍未处理，升级给管理员 管理员 ==",
    ]);
    expect(await escalate()).toBe(0);

    const shown = await h.say(wang, "/complaint show TS-0001");
    expect(shown).toContain("升级：已升级给管理员");
    expect(shown).toMatch(/2026\/11\/26 11:00 · 机器人 · 超期升级经理\s+已通知 李经理/);
  });

  it("sends an owner without a manager straight to the admins", async () => {
    await h.say(zhao, "/complaint file 鑫源 延期 订货 5 天未到");
    h.now = at("11-27T12:00");
    expect(await escalate()).toBe(1);
    const c = await h.prisma.complaint.findFirstOrThrow({
      where: { customer: { name: "沈阳鑫源批发部" } },
      include: { steps: true },
    });
    expect(c.escalationLevel).toBe(2);
    expect(c.steps.map((s) => s.step)).toEqual(["record", "escalate_admins"]);
  });

  it("walks the whole workflow, recording who did each step, when and what, and resolves it on time", async () => {
    h.now = at("11-30T12:05");
    expect(await h.say(wang, "/complaint validate TS-0001 经核实属实，已告知客户")).toContain(
      "判定成立（已记录 → 成立）",
    );
    // Each step starts a new deadline and clears the escalation; the proposal deadline has passed too.
    expect(await complaint(1)).toMatchObject({ status: "validated", escalationLevel: 0, stepDueAt: at("11-30T10:00") });
    h.now = at("11-30T13:00");
    expect(await escalate()).toBe(1);
    expect(await complaint(1)).toMatchObject({ escalationLevel: 1 });
    expect(await h.say(wang, "/complaint assign TS-0001 仓储部 王主管")).toContain("确定责任（成立 → 已定责任）");
    expect(await h.say(wang, "/complaint cause TS-0001 运输途中挤压，外箱强度不够")).toContain(
      "（已定责任 → 已分析原因）",
    );
    const proposed = await h.reply(wang, "/complaint propose TS-0001 补发 20 箱");
    expect(renderText(proposed).text).toContain("（已分析原因 → 方案待批）");
    // Approving is the manager's: the rep is not offered it, as a button or as a command to type.
    const offered = (reply: Reply) =>
      reply.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons.map((x) => x.command) : []));
    expect(offered(proposed).some((c) => c.includes("approve"))).toBe(false);
    expect(renderText(proposed).text).not.toContain("/complaint approve");
    expect(offered(await h.reply(manager, "/complaint show TS-0001"))).toContain("/complaint approve TS-0001");
    // A solution can be revised until it is approved.
    expect(await h.say(wang, "/complaint propose TS-0001 补发 20 箱并承担运费")).toContain("（方案待批 → 方案待批）");
    const port = new RecordingPort();
    await h.deliver(port);
    expect(port.lines()).toContain("@李经理 == 投诉 TS-0001（北京华达商贸）的解决方案待你批示 ==");
    expect(await h.say(manager, "/complaint approve TS-0001 同意，尽快落实")).toContain("（方案待批 → 方案已批）");
    await h.deliver(port);
    expect(port.lines()).toContain("@王伟 == 投诉 TS-0001（北京华达商贸）的方案已由 李经理 批准，请落实 ==");
    h.now = at("12-02T10:00");
    expect(await h.say(wang, "/complaint resolve TS-0001 客户签收，表示满意")).toContain("（方案已批 → 已解决）");
    expect(await h.say(wang, "/complaint review TS-0001 外箱改用五层瓦楞纸，每月抽检")).toContain(
      "（已解决 → 已复盘）",
    );

    const c = await complaint(1);
    expect(c).toMatchObject({
      status: "reviewed",
      responsible: "仓储部 王主管",
      resolvedOnTime: true,
      closedAt: at("12-02T10:00"),
      stepDueAt: null,
    });
    expect(
      c.steps
        .filter((s) => !s.step.startsWith("escalate"))
        .map((s) => [s.step, s.userId === manager.id ? "李经理" : "王伟", s.text]),
    ).toEqual([
      ["record", "王伟", "外箱破损 20 箱"],
      ["validate", "王伟", "经核实属实，已告知客户"],
      ["assign", "王伟", "仓储部 王主管"],
      ["cause", "王伟", "运输途中挤压，外箱强度不够"],
      ["propose", "王伟", "补发 20 箱"],
      ["propose", "王伟", "补发 20 箱并承担运费"],
      ["approve", "李经理", "同意，尽快落实"],
      ["resolve", "王伟", "客户签收，表示满意"],
      ["review", "王伟", "外箱改用五层瓦楞纸，每月抽检"],
    ]);
    const shown = await h.say(manager, "/complaint show 1");
    expect(shown).toMatch(/2026\/12\/02 10:00 · 王伟 · 复盘与预防\s+外箱改用五层瓦楞纸，每月抽检/);
    expect(shown).toContain("按时解决：是");
    expect(await h.say(wang, "/customer show 华达")).not.toContain("TS-0001");
    expect(await h.say(wang, "/complaint resolve TS-0001")).toMatch(
      /现在是“已复盘”，这时不能“客户认可，已解决”。现在可以：\/complaint reopen/,
    );
  });

  it("reopens a resolved complaint for a new solution, with fresh deadlines, and records it", async () => {
    h.now = at("12-03T09:00");
    expect(await h.say(wang, "/complaint reopen TS-0001")).toMatch(/缺少参数 理由/);
    expect(await h.say(wang, "/complaint reopen TS-0001 补发的货仍有破损")).toContain(
      "重新打开（已复盘 → 已分析原因）",
    );
    const c = await complaint(1);
    expect(c).toMatchObject({
      status: "analysed",
      clockFrom: h.now,
      closedAt: null,
      resolvedOnTime: null,
      stepDueAt: at("12-08T09:00"),
    });
    expect(c.steps.at(-1)).toMatchObject({ step: "reopen", text: "补发的货仍有破损", userId: wang.id });
  });

  it("rejects a complaint that does not stand, and can reopen it to be judged again", async () => {
    h.now = at("12-03T09:30");
    expect(await h.say(wang, "/complaint reject TS-0002")).toMatch(/缺少参数 理由（不成立的理由）/);
    expect(await h.say(wang, "/complaint reject TS-0002 经核实为客户仓库漏水")).toContain(
      "判定不成立（已记录 → 不成立）",
    );
    expect(await complaint(2)).toMatchObject({ status: "rejected", stepDueAt: null, closedAt: h.now });
    expect(await h.say(wang, "/complaint reopen TS-0002 客户提供了新照片")).toContain("（不成立 → 已记录）");
  });

  it("lists complaints by status, category, customer, owner and overdue", async () => {
    h.now = at("12-03T10:00");
    const open = await h.say(admin, "/complaint list");
    expect(open).toContain("投诉（未结，共 3 件）");
    expect(await h.say(admin, "/complaint list category:包装")).toMatch(
      /共 1 件[\s\S]*TS-0002 · 北京华达商贸 · 包装问题 · 已记录/,
    );
    expect(await h.say(admin, "/complaint list customer:鑫源")).toMatch(/TS-0003 · 沈阳鑫源批发部 · 延迟交货/);
    expect(await h.say(admin, "/complaint list who:赵强")).not.toContain("TS-0001");
    const overdue = await h.say(admin, "/complaint list overdue:是");
    expect(overdue).toMatch(/共 1 件[\s\S]*TS-0003[^\n]*已升级给管理员/);
    expect(overdue).not.toContain("TS-0001");
    // A rep sees the complaints of their own customers only.
    expect(await h.say(zhao, "/complaint list")).toMatch(/共 1 件/);
  });

  it("gives the month's figures: by category, time per step, share resolved on time", async () => {
    const text = await h.say(manager, "/complaint stats 2026-11");
    expect(text).toContain("2026-11 投诉统计（受理 2 件）");
    expect(text).toMatch(/产品质量\s+1（50%）/);
    expect(text).toMatch(/按时解决：0 \/ 0（-）/);
    // TS-0001 was judged on 11-30 12:05, five days after it was received.
    expect(text).toMatch(/判定成立\s+平均 5.1 天（1 次）/);
    expect(await h.say(manager, "/complaint stats 2026-10")).toContain("2026-10 没有受理投诉");
  });

  it("lets an admin set deadlines for the workspace and per category", async () => {
    const before = await h.counts();
    expect(await h.say(wang, "/complaint deadlines resolve:10")).toMatch(/只有管理员/);
    expect(await h.counts()).toEqual(before);
    expect(await h.say(admin, "/complaint deadlines 服务 validate:2")).toMatch(
      /按类别另定\n\s+• 服务水平\s+判定是否成立 2 个工作日/,
    );
    h.now = at("12-07T09:00"); // a Monday
    await h.say(wang, "/complaint file 华达 服务 送货员态度差");
    expect((await h.prisma.complaint.findFirstOrThrow({ where: { category: "service" } })).stepDueAt).toEqual(
      at("12-09T09:00"),
    );
  });

  it("answers in English too", async () => {
    await h.say(wang, "/crm language en");
    expect(await h.say(wang, "/complaint propose TS-0002 resend")).toMatch(
      /Complaint TS-0002 is "recorded", so the step "solution proposed" cannot be taken now\. Possible now: \/complaint validate {2}\/complaint reject\./,
    );
    expect(await h.say(wang, "/complaint show TS-0002")).toContain("TS-0002 · 北京华达商贸 · packaging");
    await h.say(wang, "/crm language zh-CN");
  });
});
