import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, repositoriesOf } from "../src/db/client.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import { sweepAlerts } from "../src/domain/alerts/engine.js";
import { alertRoutes } from "../src/domain/alerts/recipients.js";
import { beginHeldSweep, settleHeldAlerts } from "../src/domain/alerts/storms.js";
import { runDueWorkspaceJobs } from "../src/jobs/workspace-jobs.js";
import { createLogger } from "../src/logger.js";
import { dispatchOutbox } from "../src/application/dispatcher.js";
import { DeliveryRefused, type Delivery, type OutboundPort } from "../src/outbound/port.js";
import { testProviders } from "./support/databases.js";
import { Harness, NOW, RecordingPort, type TestUser } from "./support/harness.js";

const DAY_MS = 86_400_000;
const daysAgo = (n: number) => new Date(NOW.getTime() - n * DAY_MS).toISOString().slice(0, 10);
const at = (text: string) => new Date(`2026-${text}:00+08:00`);

describe.each(testProviders())("early warnings on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let manager: TestUser;
  let wang: TestUser;
  let zhang: TestUser;
  let workspaceId: number;

  const sweep = () =>
    sweepAlerts(scopeToWorkspace(h.prisma, workspaceId), workspaceId, repositoriesOf(h.prisma), h.now);
  const alertsOf = (rule: string, code: string) =>
    h.prisma.alert.findMany({
      where: { rule, customer: { code } },
      orderBy: { id: "asc" },
      include: { events: { orderBy: { id: "asc" } } },
    });
  /** Sweeps twice and expects exactly one alert of the rule for the customer, still active. */
  async function expectOneActive(rule: string, code: string) {
    await sweep();
    await sweep();
    const alerts = await alertsOf(rule, code);
    expect(alerts.map((a) => a.status)).toEqual(["open"]);
    expect(alerts[0]!.activeKey).not.toBeNull();
    return alerts[0]!;
  }
  async function expectCleared(rule: string, code: string) {
    await sweep();
    const alerts = await alertsOf(rule, code);
    expect(alerts.map((a) => [a.status, a.activeKey])).toEqual([["resolved", null]]);
    expect(alerts[0]!.events.at(-1)!.action).toBe("cleared");
  }

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    workspaceId = ws.id;
    admin = await h.user(ws.id, "管理员", "admin");
    manager = await h.user(ws.id, "李经理", "manager");
    wang = await h.user(ws.id, "王伟", "rep", { manager });
    zhang = await h.user(ws.id, "张敏", "rep");
    // Customers in business for years, visited today, so that only the rule under test fires.
    for (const code of ["R1", "R0", "P1", "L1", "F1", "E1", "X1", "C1", "I1", "V1", "V2", "K1", "S1"]) {
      await h.say(admin, `/customer add 客户${code} type:dealer code:${code} owner:王伟 relationSince:2020-01-01`);
    }
    await h.say(admin, "/customer add 张的客户 type:dealer code:Z1 owner:张敏 relationSince:2020-01-01");
  });
  afterEach(() => {
    h.now = NOW;
  });
  afterAll(() => h.close());

  it("外欠款：alerts when what a customer owes passes its credit limit, with the numbers, and clears when it is paid down", async () => {
    await h.say(admin, "/customer edit R1 授信额度:10万");
    await h.say(wang, "/order add R1 12.8万");
    const alert = await expectOneActive("receivables", "R1");
    expect(JSON.parse(alert.facts)).toEqual({ outstanding: "12800000", limit: "10000000" });
    expect(await h.say(wang, `/alert show ${alert.number}`)).toContain(
      "外欠款 ¥128,000.00，超过授信额度 ¥100,000.00（128%）",
    );
    // Owing a little more changes the numbers, not the severity: the alert updates without a new post.
    const posts = () =>
      h.prisma.outboxMessage.findMany({
        where: { alertId: alert.id },
        select: { payload: true, version: true },
        orderBy: { id: "asc" },
      });
    const before = await posts();
    await h.say(wang, "/order add R1 1万");
    const moved = await h.prisma.alert.findUniqueOrThrow({ where: { id: alert.id }, include: { events: true } });
    expect([JSON.parse(moved.facts), moved.severity, moved.events.map((e) => e.action)]).toEqual([
      { outstanding: "13800000", limit: "10000000" },
      "warning",
      [], // numbers that moved are no event in its history
    ]);
    expect(moved.updatedAt.getTime()).toBe(h.now.getTime());
    expect(await posts()).toEqual(before);
    await h.say(wang, "/payment add R1 6万");
    await expectCleared("receivables", "R1");
    // It comes back as a new episode.
    await h.say(wang, "/order add R1 10万");
    expect((await alertsOf("receivables", "R1")).map((a) => a.status)).toEqual(["resolved", "open"]);
  });

  it("销售进度：alerts when this month's orders are behind the plan pro rata, and clears when they catch up", async () => {
    await h.say(manager, "/plan set P1 2026-11 10万");
    await h.say(wang, "/order add P1 1万");
    const alert = await expectOneActive("sales_behind_plan", "P1");
    expect(JSON.parse(alert.facts)).toMatchObject({ month: "2026-11", sales: "1000000", plan: "10000000" });
    await h.say(wang, "/order add P1 9万");
    await expectCleared("sales_behind_plan", "P1");
  });

  it("同期进货量：alerts when the last 90 days fall far below the same days a year earlier", async () => {
    await h.say(wang, `/order add L1 10万 date:${new Date(NOW.getTime() - 400 * DAY_MS).toISOString().slice(0, 10)}`);
    await h.say(wang, "/order add L1 1万");
    const alert = await expectOneActive("sales_below_last_year", "L1");
    expect(JSON.parse(alert.facts)).toMatchObject({ sales: "1000000", lastYear: "10000000", drop: 90 });
    await h.say(wang, "/order add L1 9万");
    await expectCleared("sales_below_last_year", "L1");
  });

  it("进货频率：alerts when a customer orders far less often than before", async () => {
    for (const n of [100, 120, 140, 160]) await h.say(wang, `/order add F1 1000 date:${daysAgo(n)}`);
    await h.say(wang, `/order add F1 1000 date:${daysAgo(10)}`);
    const alert = await expectOneActive("order_frequency_drop", "F1");
    expect(JSON.parse(alert.facts)).toEqual({ orders: 1, ordersBefore: 4, days: 90 });
    for (const n of [5, 2]) await h.say(wang, `/order add F1 1000 date:${daysAgo(n)}`);
    await expectCleared("order_frequency_drop", "F1");
  });

  it("销售费用：alerts on expenses over the period's budget and on a sharp rise, and clears when that no longer holds", async () => {
    await h.say(manager, "/budget set E1 2026-11 1000");
    await h.say(wang, "/expense add E1 1500 招待");
    const over = await expectOneActive("expenses_over_budget", "E1");
    expect(JSON.parse(over.facts)).toEqual({ period: "2026-11", spent: "150000", budget: "100000" });
    expect(over.subject).toBe("2026-11");
    await h.say(manager, "/budget set E1 2026-11 2000");
    await expectCleared("expenses_over_budget", "E1");

    await h.say(wang, "/expense add X1 5000 促销");
    const rising = await expectOneActive("expenses_rising", "X1");
    expect(JSON.parse(rising.facts)).toEqual({ spent: "500000", monthlyAverage: "0" });
    await h.say(wang, `/expense add X1 30000 促销 ${daysAgo(100)}`);
    await expectCleared("expenses_rising", "X1");
    // A customer entered today has no past half year to rise above.
    await h.say(admin, "/customer add 新开客户 type:dealer code:N1 owner:王伟");
    await h.say(wang, "/expense add N1 5000 促销");
    await sweep();
    expect(await alertsOf("expenses_rising", "N1")).toEqual([]);
  });

  it("客户流失：alerts when a customer is silent for longer than its own cycle times the factor, and clears on the next order", async () => {
    for (const n of [160, 150, 140, 130, 120, 110, 100]) await h.say(wang, `/order add C1 2000 date:${daysAgo(n)}`);
    const alert = await expectOneActive("churn", "C1");
    expect(JSON.parse(alert.facts)).toMatchObject({ days: 100, cycle: 10, limit: 30 });
    expect(await h.say(wang, `/alert show ${alert.number}`)).toMatch(
      /已 100 天没有进货（最后一次 2026\/08\/17）；平常约 10 天进一次货，超过 30 天即预警/,
    );
    await h.say(wang, "/order add C1 2000");
    await expectCleared("churn", "C1");
  });

  it("重大变故：alerts at once when reported, is not cleared by sweeps, and stays resolved once a person resolves it", async () => {
    const text = await h.say(wang, "/incident report I1 被盗 仓库昨夜被盗，损失约 20 万");
    expect(text).toMatch(/YJ-\d{4} · 重大变故 · 客户I1（I1） ==\n重大变故（被盗）：仓库昨夜被盗，损失约 20 万/);
    const alert = await expectOneActive("incident", "I1");
    expect(alert.severity).toBe("critical");
    await h.say(wang, `/alert resolve ${alert.number} 已上门慰问,调整账期`);
    await sweep();
    expect((await alertsOf("incident", "I1")).map((a) => a.status)).toEqual(["resolved"]);
    h.now = new Date(NOW.getTime() + 91 * DAY_MS);
    await sweepAlerts(scopeToWorkspace(h.prisma, workspaceId), workspaceId, repositoriesOf(h.prisma), h.now, {
      rules: ["incident"],
    });
    expect((await alertsOf("incident", "I1"))[0]!.activeKey).toBeNull();
  });

  it("外欠款 with a credit limit of 0 says that no credit is allowed, not a percentage of nothing", async () => {
    await h.say(admin, "/customer edit R0 授信额度:0");
    await h.say(wang, "/order add R0 500");
    const alert = await expectOneActive("receivables", "R0");
    const shown = await h.say(wang, `/alert show ${alert.number}`);
    expect(shown).toContain("外欠款 ¥500.00，而这个客户的授信额度是 0（不允许赊账）");
    expect(shown).not.toContain("Infinity");
  });

  it("未访 counts whole days past the due date: within the grace days it waits, the first day past them it alerts", async () => {
    const v2 = await h.prisma.customer.findFirstOrThrow({ where: { code: "V2" } });
    const dueDaysAgo = async (days: number, hours: number) => {
      await h.prisma.customer.update({
        where: { id: v2.id },
        data: { visitDueAt: new Date(NOW.getTime() - days * DAY_MS - hours * 3_600_000) },
      });
      await sweep();
      return alertsOf("no_visit", "V2");
    };
    // Untiered customers have 14 days' grace: 14 days and some hours is still within it.
    expect(await dueDaysAgo(14, 5)).toEqual([]);
    const [alert] = await dueDaysAgo(15, 1);
    expect(JSON.parse(alert!.facts)).toMatchObject({ days: 15 });
    expect(alert!.severity).toBe("warning");
    await h.say(wang, "/visit log V2 回访");
    await expectCleared("no_visit", "V2");
  });

  it("未访：alerts when a customer is past its visit cadence by more than the grace days, and clears with a visit", async () => {
    await h.say(wang, "/visit log V1 date:2026-08-01");
    const alert = await expectOneActive("no_visit", "V1");
    // Established and untiered: due 90 days after the visit of 08-01, and 14 days' grace are gone.
    expect(JSON.parse(alert.facts)).toMatchObject({ days: 26 });
    await h.say(wang, "/visit log V1 回访");
    await expectCleared("no_visit", "V1");
  });

  it("投诉超期：alerts when a complaint step misses its deadline, and a step taken clears it", async () => {
    await h.say(wang, "/complaint file K1 质量 破损");
    h.now = at("11-26T11:00");
    const alert = await expectOneActive("complaint_overdue", "K1");
    expect(alert.complaintId).not.toBeNull();
    await h.say(wang, "/complaint validate TS-0001");
    await expectCleared("complaint_overdue", "K1");
  });

  it("档案过期：alerts when a profile has not been touched for 180 days, and clears when it is updated", async () => {
    h.now = new Date(NOW.getTime() + 181 * DAY_MS);
    await sweep();
    expect((await alertsOf("stale_profile", "S1")).map((a) => a.severity)).toEqual(["info"]);
    await h.say(wang, "/customer edit S1 电话:13800000000");
    expect((await alertsOf("stale_profile", "S1")).map((a) => a.status)).toEqual(["resolved"]);
  });

  it("acknowledges, assigns, snoozes and resolves, recording who did what and when", async () => {
    const [alert] = await alertsOf("receivables", "R1").then((a) => a.filter((x) => x.status === "open"));
    const id = `YJ-${String(alert!.number).padStart(4, "0")}`;
    expect(await h.say(wang, `/alert ack ${id}`)).toContain(`已确认预警 ${id}`);
    expect(await h.say(wang, `/alert ack ${id}`)).toMatch(/已经确认过了/);
    expect(await h.say(manager, `/alert assign ${id} 王伟`)).toContain(`预警 ${id} 已指派给 王伟`);
    expect(await h.say(wang, `/alert assign ${id} 张敏`)).toMatch(/张敏 不在你的团队里/);
    expect(await h.say(wang, `/alert snooze ${id} 昨天`)).toMatch(/已经过去/);
    expect(await h.say(wang, `/alert snooze ${id} 今天`)).toMatch(/暂缓要到今天以后/);
    expect(await h.say(wang, `/alert snooze ${id} 12-01`)).toContain(`预警 ${id} 暂缓到 2026/12/01`);
    // The snooze runs out; the condition still holds, so the alert is back.
    h.now = at("12-01T09:00");
    await sweep();
    expect((await h.prisma.alert.findUniqueOrThrow({ where: { id: alert!.id } })).status).toBe("open");
    h.now = NOW;
    // Opened before the opening was read off the alert itself: its old "opened" row is not told twice.
    await h.prisma.alertEvent.create({
      data: { workspaceId: alert!.workspaceId, alertId: alert!.id, action: "opened", at: alert!.openedAt },
    });
    const history = await h.say(wang, `/alert show ${id}`);
    expect(history.match(/发出预警/g)).toHaveLength(1);
    for (const line of [
      /机器人 · 发出预警/,
      /王伟 · 确认收到/,
      /李经理 · 指派\s+王伟/,
      /王伟 · 暂缓\s+2026\/12\/01/,
      /机器人 · 暂缓到期，重新提醒/,
    ])
      expect(history).toMatch(line);
    expect(await h.say(zhang, `/alert ack ${id}`)).toMatch(new RegExp(`^✗ 没有预警 ${id}。`));
  });

  it("refuses acting on another workspace's alert, and thresholds that make no sense", async () => {
    const other = await h.workspace("T-OTHER", "slack");
    const outsider = await h.user(other.id, "Sam", "admin");
    const [alert] = await alertsOf("receivables", "R1");
    expect(await h.say(outsider, `/alert ack YJ-${String(alert!.number).padStart(4, "0")}`)).toMatch(/没有预警 YJ-/);
    const before = await h.counts();
    expect(await h.say(admin, "/alert rules churn factor:0.5")).toMatch(/规则 客户流失 的 倍数 不能小于 1/);
    expect(await h.say(admin, "/alert rules no_visit graceDays:-3")).toMatch(/无效|不能小于 0/);
    expect(await h.say(admin, "/alert rules stale_profile days:0")).toMatch(/无效|不能小于 1/);
    expect(await h.say(admin, "/alert rules churn nonsense:1")).toMatch(/不认识参数/);
    expect(await h.say(admin, "/alert rules receivables factor:2 tier:A")).toMatch(/不分客户级别/);
    expect(await h.say(wang, "/alert rules churn factor:3")).toMatch(/只有管理员/);
    expect(await h.say(admin, "/alert schedule 扫描:每周八")).toMatch(/“每周八”不是一个时间安排。请写成 工作日 8:00/);
    expect(await h.say(admin, '/alert schedule sweep:"99 * * * *"')).toMatch(/不是有效的 cron/);
    expect(await h.counts()).toEqual(before);
    // Words in English too, shown in the reader's language.
    expect(await h.say(admin, '/alert schedule sweep:"every hour"')).toMatch(/预警扫描：每小时整点/);
    expect(await h.say(admin, "/alert rules churn factor:1.5 tier:B")).toMatch(/倍数：A 1.5 \/ B 1.5 \/ C 2/);
    // Rules and their parameters by their Chinese names, as the replies name them, in and out.
    const rules = await h.say(admin, "/alert rules 客户流失 倍数:1.6 分级:C");
    expect(rules).toMatch(/客户流失\s+倍数：A 1.5 \/ B 1.5 \/ C 1.6/);
    expect(rules).not.toMatch(/churn|factor|minDays/);
    expect(await h.say(admin, "/alert rules 未按周期拜访")).toMatch(/宽限天数：A /);
    expect(await h.say(admin, "/alert rules 外欠款 天数:3")).toMatch(
      /规则 外欠款超额度 没有参数 天数；它的参数有：启用、倍数、严重倍数。/,
    );
  });

  it("lists mine, my team's, by type and by severity", async () => {
    const team = await h.say(manager, "/alert list");
    expect(team).toMatch(/预警（未解除，共 \d+ 条）/);
    expect(await h.say(manager, "/alert list 重大变故 status:all")).toContain("重大变故 · 客户I1");
    expect(await h.say(manager, "/alert list severity:info")).not.toContain("外欠款");
    expect(await h.say(zhang, "/alert list")).toContain("没有符合条件的预警");
    // An alert assigned to someone is theirs to see too, though the customer is not theirs.
    const [alert] = (await alertsOf("receivables", "R1")).filter((a) => a.status !== "resolved");
    const id = `YJ-${String(alert!.number).padStart(4, "0")}`;
    await h.say(admin, `/alert assign ${id} 张敏`);
    const assigned = await h.say(zhang, "/alert list");
    expect(assigned).toMatch(/共 1 条/);
    expect(assigned).toContain(`${id} · `);
  });

  it("posts new alerts to the owner and the routed channel, edits the posts in place when the alert changes, and loses nothing while the platform fails", async () => {
    await h.say(admin, "/alert route add #预警 rule:receivables");
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    await h.say(admin, "/customer edit Z1 授信额度:1000");
    await h.say(zhang, "/order add Z1 2000");
    const flaky = new FlakyPort(2);
    expect(await h.deliver(flaky)).toBe(0);
    h.now = new Date(NOW.getTime() + 60_000);
    expect(await h.deliver(flaky)).toBe(2);
    expect(flaky.posts.map((p) => [p.to.kind === "user" ? p.to.name : p.to.channelId, p.ref]).sort()).toEqual([
      ["#预警", null],
      ["张敏", null],
    ]);
    const [alert] = await alertsOf("receivables", "Z1");
    await h.say(zhang, `/alert ack YJ-${String(alert!.number).padStart(4, "0")}`);
    await h.deliver(flaky);
    const edits = flaky.posts.slice(2);
    expect(edits.map((p) => p.ref).sort()).toEqual(
      flaky.posts
        .slice(0, 2)
        .map((_, i) => `post-${i + 1}`)
        .sort(),
    );
    expect(edits.every((p) => JSON.stringify(p.reply).includes("已确认"))).toBe(true);
    expect(await h.deliver(flaky)).toBe(0);
  });

  it("a full sweep in slices of a few customers misses none and opens each alert once", async () => {
    const ws = await h.workspace("slices");
    const boss = await h.user(ws.id, "老板", "admin");
    const codes = ["Q1", "Q2", "Q3", "Q4", "Q5", "Q6", "Q7"];
    for (const code of codes)
      await h.say(boss, `/customer add 切片${code} type:dealer code:${code} relationSince:2020-01-01`);
    const overdue = (list: string[], days: number) =>
      h.prisma.customer.updateMany({
        where: { workspaceId: ws.id, code: { in: list } },
        data: { visitDueAt: new Date(NOW.getTime() - days * DAY_MS) },
      });
    const sliced = (step: number) =>
      sweepAlerts(scopeToWorkspace(h.prisma, ws.id), ws.id, repositoriesOf(h.prisma), h.now, { step });
    const active = async () =>
      (
        await h.prisma.alert.findMany({
          where: { workspaceId: ws.id, rule: "no_visit", activeKey: { not: null } },
          select: { customer: { select: { code: true } } },
        })
      )
        .map((a) => a.customer!.code)
        .sort();
    await overdue(["Q1", "Q2", "Q4", "Q5", "Q7"], 60);

    // Slices of two: Q1-Q2, Q3-Q4, Q5-Q6, Q7; every edge has an overdue customer on it.
    expect((await sliced(2)).no_visit).toEqual({ hits: 5, opened: 5, updated: 0, resolved: 0 });
    expect(await active()).toEqual(["Q1", "Q2", "Q4", "Q5", "Q7"]);
    expect((await sliced(3)).no_visit).toEqual({ hits: 5, opened: 0, updated: 0, resolved: 0 });

    await overdue(["Q2", "Q5"], -10);
    expect((await sliced(2)).no_visit).toEqual({ hits: 3, opened: 0, updated: 0, resolved: 2 });
    expect(await active()).toEqual(["Q1", "Q4", "Q7"]);
    expect(await h.prisma.alert.count({ where: { workspaceId: ws.id, rule: "no_visit" } })).toBe(5);
  });

  it("a step that cannot be written fails the sweep; the steps written before and beside it stand, and the next sweep does the rest", async () => {
    const ws = await h.workspace("failing-step");
    const boss = await h.user(ws.id, "老板", "admin");
    for (const code of ["F1", "F2", "F3", "F4", "F5", "F6"])
      await h.say(boss, `/customer add 失败${code} type:dealer code:${code} relationSince:2020-01-01`);
    await h.prisma.customer.updateMany({
      where: { workspaceId: ws.id },
      data: { visitDueAt: new Date(NOW.getTime() - 60 * DAY_MS) },
    });
    const scoped = scopeToWorkspace(h.prisma, ws.id);
    let transactions = 0;
    // The second step's transaction fails while the third step is being read, and then written beside it.
    const failing = new Proxy(scoped, {
      get: (target, key) =>
        key === "$transaction"
          ? (...args: Parameters<typeof scoped.$transaction>) =>
              ++transactions === 2 ? Promise.reject(new Error("disk full")) : target.$transaction(...args)
          : Reflect.get(target, key),
    });
    const sweep = (db: typeof scoped) =>
      sweepAlerts(db, ws.id, repositoriesOf(h.prisma), h.now, { rules: ["no_visit"], step: 2 });
    await expect(sweep(failing)).rejects.toThrow("disk full");
    const opened = () =>
      h.prisma.alert.count({ where: { workspaceId: ws.id, rule: "no_visit", activeKey: { not: null } } });
    expect(await opened()).toBe(4);
    expect((await sweep(scoped)).no_visit).toMatchObject({ hits: 6, opened: 2 });
    expect(await opened()).toBe(6);
  });

  it("opens, moves and closes hundreds of alerts in a few transactions, each recorded and its posts rewritten", async () => {
    const ws = await h.workspace("many");
    const boss = await h.user(ws.id, "老板", "admin");
    const rep = await h.user(ws.id, "小李", "rep");
    // Each post on its own rather than one summary of them all, so that each can be seen rewritten.
    expect(await h.say(boss, "/alert rules storm:1000")).not.toContain("✗");
    await h.prisma.customer.createMany({
      data: Array.from({ length: 300 }, (_, i) => ({
        workspaceId: ws.id,
        code: `M${i}`,
        name: `批量${i}`,
        type: "dealer",
        ownerId: rep.id,
        relationSince: new Date("2020-01-01"),
      })),
    });
    const overdueBy = (days: number) =>
      h.prisma.customer.updateMany({
        where: { workspaceId: ws.id },
        data: { visitDueAt: new Date(NOW.getTime() - days * DAY_MS) },
      });
    let transactions = 0;
    const scoped = scopeToWorkspace(h.prisma, ws.id);
    const counted = new Proxy(scoped, {
      get: (target, key) =>
        key === "$transaction"
          ? (...args: Parameters<typeof scoped.$transaction>) => {
              transactions++;
              return target.$transaction(...args);
            }
          : Reflect.get(target, key),
    });
    const sweep = async () => {
      transactions = 0;
      const outcome = await sweepAlerts(counted, ws.id, repositoriesOf(h.prisma), h.now, { rules: ["no_visit"] });
      return { ...outcome.no_visit, transactions };
    };
    const events = (action: string) => h.prisma.alertEvent.count({ where: { workspaceId: ws.id, action } });

    await overdueBy(20);
    // Opening them, then settling the posts the sweep held.
    expect(await sweep()).toEqual({ hits: 300, opened: 300, updated: 0, resolved: 0, transactions: 2 });
    // A sweep that summarized nothing leaves nothing of itself behind.
    expect(await h.prisma.alertSweep.count({ where: { workspaceId: ws.id } })).toBe(0);
    // The rep's list counts them all on every page, the last one and one past it too.
    for (const page of [1, 30, 31]) expect(await h.say(rep, `/alert list page:${page}`)).toMatch(/共 300 条/);
    // Tier A customers overdue for a visit are critical: every alert's severity moves.
    await h.prisma.customer.updateMany({ where: { workspaceId: ws.id }, data: { tier: "A" } });
    const moved = await sweep();
    expect(moved).toMatchObject({ hits: 300, opened: 0, updated: 300, resolved: 0 });
    expect(moved.transactions).toBeLessThanOrEqual(2);
    expect(await h.prisma.alert.count({ where: { workspaceId: ws.id, severity: "critical" } })).toBe(300);
    expect(await events("updated")).toBe(300);

    await overdueBy(-10);
    const closed = await sweep();
    expect(closed).toMatchObject({ hits: 0, opened: 0, updated: 0, resolved: 300 });
    expect(closed.transactions).toBeLessThanOrEqual(2);
    expect(await events("cleared")).toBe(300);
    expect(await h.prisma.alert.count({ where: { workspaceId: ws.id, status: "resolved", activeKey: null } })).toBe(
      300,
    );
    // Every post of them carries the closed alert now, and goes out again to be edited in place.
    const posts = await h.prisma.outboxMessage.findMany({
      where: { workspaceId: ws.id, alertId: { not: null } },
      select: { payload: true, status: true, version: true },
    });
    expect(posts.length).toBeGreaterThanOrEqual(300);
    for (const post of posts) {
      expect(post.payload).toContain('"status":"resolved"');
      // Still showing whose alert it is, and whose customer.
      expect(post.payload).toMatch(/批量\d+[\s\S]*小李|小李[\s\S]*批量\d+/);
      expect(post.version).toBe(2); // rewritten when it turned critical, and when it closed
    }
  });

  it("turns a storm of new alerts for one person or channel into one summary, and posts their later changes no more", async () => {
    const ws = await h.workspace("storm");
    const boss = await h.user(ws.id, "老板", "admin");
    const rep = await h.user(ws.id, "赵强", "rep");
    const few = await h.user(ws.id, "钱多", "rep");
    await h.say(boss, "/alert rules storm:5");
    await h.say(boss, "/alert route add C0STORM");
    for (let i = 1; i <= 6; i++)
      await h.say(boss, `/customer add 风暴${i} type:dealer code:S${i} owner:赵强 relationSince:2020-01-01`);
    await h.say(boss, "/customer add 少量1 type:dealer code:T1 owner:钱多 relationSince:2020-01-01");
    await h.prisma.customer.updateMany({
      where: { workspaceId: ws.id },
      data: { visitDueAt: new Date(NOW.getTime() - 60 * DAY_MS) },
    });
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    const port = new RecordingPort();
    await h.say(boss, "/alert run");
    await h.deliver(port);
    const lines = port.lines().filter((l) => !l.startsWith("@老板"));
    // 赵强 gets six (more than five): one summary; 钱多 one: the alert itself; the channel all seven: one summary.
    expect(lines.sort()).toEqual([
      "#C0STORM == 🔔 本次扫描新增 7 条预警 ==",
      "@赵强 == 🔔 本次扫描新增 6 条预警 ==",
      expect.stringMatching(/^@钱多 == YJ-\d{4} · 未按周期拜访 · 少量1（T1） ==$/),
    ]);
    const summary = port.sent.find((d) => d.to.kind === "user" && d.to.name === "赵强")!;
    expect(summary.text).toContain("未按周期拜访");
    expect(JSON.stringify(summary.reply)).toContain('"command":"/alert list"');
    // Nothing is written for the alerts a summary told: the one post is 钱多's. The sweep keeps whom it told.
    expect(await h.prisma.outboxMessage.count({ where: { workspaceId: ws.id, alertId: { not: null } } })).toBe(1);
    const told = await h.prisma.alertSweep.findMany({ where: { workspaceId: ws.id }, select: { stormTargets: true } });
    expect(told.map((s) => JSON.parse(s.stormTargets).sort())).toEqual([["channel:C0STORM", `user:${rep.id}`]]);

    // Their later changes post nothing one by one; the alert outside the storm is edited in place.
    const before = port.sent.length;
    await h.say(rep, "/visit log S1 上门 谈了新品");
    await h.say(few, "/visit log T1 上门 谈了新品");
    await h.deliver(port);
    expect(port.lines().slice(before)).toEqual([expect.stringMatching(/^@钱多 == YJ-\d{4} · 未按周期拜访 · 少量1/)]);
    expect(port.sent.at(-1)!.ref).not.toBeNull();
    // Given one of them, 赵强 hears of that one by itself; the channel, told of it in the summary, does not.
    const given = await h.prisma.alert.findFirstOrThrow({
      where: { workspaceId: ws.id, customer: { code: "S2" } },
      select: { number: true },
    });
    const number = `YJ-${String(given.number).padStart(4, "0")}`;
    await h.say(boss, `/alert assign ${number} 赵强`);
    await h.deliver(port);
    expect(port.lines().slice(before + 1)).toEqual([
      expect.stringMatching(new RegExp(`^@赵强 == ${number} · 未按周期拜访 · 风暴2`)),
    ]);
    expect(await h.say(boss, "/alert rules")).toContain("新增超过 5 条预警时，合并成一条汇总");
  });

  it("holds the posts of a sweep narrowed to over a thousand customers, as a full one does, so a storm is one summary", async () => {
    const ws = await h.workspace("narrow-storm");
    const boss = await h.user(ws.id, "老板", "admin");
    const rep = await h.user(ws.id, "孙丽", "rep");
    await h.say(boss, "/alert rules storm:5");
    await h.prisma.customer.createMany({
      data: Array.from({ length: 1_001 }, (_, i) => ({
        workspaceId: ws.id,
        name: `门店${i + 1}`,
        code: `N${i + 1}`,
        type: "dealer",
        ownerId: rep.id,
        relationSince: new Date("2020-01-01T00:00:00Z"),
        visitDueAt: new Date(NOW.getTime() - 60 * DAY_MS),
      })),
    });
    const ids = (await h.prisma.customer.findMany({ where: { workspaceId: ws.id }, select: { id: true } })).map(
      (c) => c.id,
    );
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    const scoped = scopeToWorkspace(h.prisma, ws.id);
    const outcome = await sweepAlerts(scoped, ws.id, repositoriesOf(h.prisma), NOW, {
      customerIds: ids,
      rules: ["no_visit"],
    });
    expect(outcome.no_visit!.opened).toBe(1_001);
    const port = new RecordingPort();
    await h.deliver(port);
    expect(port.lines().filter((l) => l.startsWith("@孙丽"))).toEqual(["@孙丽 == 🔔 本次扫描新增 1001 条预警 =="]);
    expect(await h.prisma.outboxMessage.count({ where: { workspaceId: ws.id, alertId: { not: null } } })).toBe(0);
  });

  it("settling a sweep that another instance settled meanwhile starts again, and tells nobody twice", async () => {
    const ws = await h.workspace("settled-twice");
    const boss = await h.user(ws.id, "老板", "admin");
    const rep = await h.user(ws.id, "周敏", "rep");
    await h.say(boss, "/alert rules storm:3");
    await h.say(boss, "/alert route add C0TWICE");
    for (let i = 1; i <= 4; i++)
      await h.say(boss, `/customer add 双份${i} type:dealer code:TW${i} owner:周敏 relationSince:2020-01-01`);
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    const scoped = scopeToWorkspace(h.prisma, ws.id);
    const sweep = await beginHeldSweep(scoped, ws.id, repositoriesOf(h.prisma).heldAlerts, NOW);
    const customers = await h.prisma.customer.findMany({ where: { workspaceId: ws.id } });
    for (const [i, customer] of customers.entries())
      await h.prisma.alert.create({
        data: {
          workspaceId: ws.id,
          number: 8001 + i,
          rule: "no_visit",
          customerId: customer.id,
          activeKey: `no_visit|${customer.id}|`,
          severity: "warning",
          facts: JSON.stringify({ dueAt: NOW.toISOString(), lastVisitAt: null, days: 60 }),
          updatedAt: NOW,
          sweepId: sweep,
        },
      });
    // Between this instance's reads and its writes, another one tells 周敏 of them in a summary.
    let raced = false;
    const racing = new Proxy(scoped, {
      get: (target, key) =>
        key === "$transaction"
          ? async (...args: Parameters<typeof scoped.$transaction>) => {
              if (!raced) {
                raced = true;
                await h.prisma.alertSweep.update({
                  where: { id: sweep },
                  data: { settledAt: NOW, stormTargets: JSON.stringify([`user:${rep.id}`]) },
                });
              }
              return target.$transaction(...args);
            }
          : Reflect.get(target, key),
    });
    await settleHeldAlerts(racing, ws.id, repositoriesOf(h.prisma), sweep, 3, NOW, await alertRoutes(scoped));
    const port = new RecordingPort();
    await h.deliver(port);
    // 周敏 heard of them from the other instance; the channel, from this one.
    expect(port.lines().filter((l) => !l.startsWith("@老板"))).toEqual(["#C0TWICE == 🔔 本次扫描新增 4 条预警 =="]);
    const told = await h.prisma.alertSweep.findUniqueOrThrow({ where: { id: sweep } });
    expect(JSON.parse(told.stormTargets).sort()).toEqual(["channel:C0TWICE", `user:${rep.id}`]);
  });

  it("posts what a sweep that died held at the next full sweep, and what it had posted, not again", async () => {
    const ws = await h.workspace("leftover");
    const boss = await h.user(ws.id, "老板", "admin");
    await h.user(ws.id, "孙丽", "rep");
    await h.say(boss, "/alert route add C0LEFT");
    for (const code of ["L1", "L3"])
      await h.say(
        boss,
        `/customer add 遗留${code.slice(1)} type:dealer code:${code} owner:孙丽 relationSince:2020-01-01`,
      );
    await h.prisma.customer.updateMany({
      where: { workspaceId: ws.id },
      data: { visitDueAt: new Date(NOW.getTime() - 60 * DAY_MS) },
    });
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    // A sweep opens two alerts, and dies while it posts them: one has reached the channel's queue.
    const { _max } = await h.prisma.alert.aggregate({ _max: { id: true } });
    const sweep = await h.prisma.alertSweep.create({
      data: { workspaceId: ws.id, afterAlertId: _max.id ?? 0, startedAt: NOW },
    });
    const customers = await h.prisma.customer.findMany({ where: { workspaceId: ws.id }, orderBy: { code: "asc" } });
    const alerts = await Promise.all(
      customers.map((customer, i) =>
        h.prisma.alert.create({
          data: {
            workspaceId: ws.id,
            number: 9001 + i,
            rule: "no_visit",
            customerId: customer.id,
            subject: "",
            activeKey: `no_visit|${customer.id}|`,
            severity: "warning",
            status: "open",
            facts: JSON.stringify({ dueAt: NOW.toISOString(), lastVisitAt: null, days: 60 }),
            openedAt: NOW,
            updatedAt: NOW,
            sweepId: sweep.id,
          },
        }),
      ),
    );
    await h.prisma.outboxMessage.create({
      data: {
        workspaceId: ws.id,
        dedupeKey: `alert:${alerts[0]!.id}>channel:C0LEFT`,
        kind: "alert",
        target: "channel:C0LEFT",
        payload: "{}",
        alertId: alerts[0]!.id,
        status: "sent",
      },
    });
    // Until a sweep settles them, a change of them posts nothing: the settling posts them as they then are.
    await h.say(boss, "/alert ack YJ-9002");
    expect(await h.prisma.outboxMessage.count({ where: { alertId: alerts[1]!.id } })).toBe(0);
    // The next full sweep finds another customer overdue too.
    await h.say(boss, "/customer add 遗留2 type:dealer code:L2 owner:孙丽 relationSince:2020-01-01");
    await h.prisma.customer.updateMany({
      where: { workspaceId: ws.id },
      data: { visitDueAt: new Date(NOW.getTime() - 60 * DAY_MS) },
    });
    await h.say(boss, "/alert run");
    expect(await h.prisma.alertSweep.count({ where: { workspaceId: ws.id, settledAt: null } })).toBe(0);
    const port = new RecordingPort();
    await h.deliver(port);
    expect(
      port
        .lines()
        .filter((l) => !l.startsWith("@老板"))
        .sort(),
    ).toEqual([
      expect.stringMatching(/^#C0LEFT == YJ-0\d{3} · 未按周期拜访 · 遗留2（L2） ==$/),
      "#C0LEFT == YJ-9002 · 未按周期拜访 · 遗留3（L3） ==",
      expect.stringMatching(/^@孙丽 == YJ-0\d{3} · 未按周期拜访 · 遗留2（L2） ==$/),
      "@孙丽 == YJ-9001 · 未按周期拜访 · 遗留1（L1） ==",
      "@孙丽 == YJ-9002 · 未按周期拜访 · 遗留3（L3） ==",
    ]);
    expect(port.sent.find((d) => d.text.includes("YJ-9002"))!.text).toContain("已确认");
    // Settling again finds nothing left to post.
    await h.say(boss, "/alert run");
    await h.deliver(port);
    expect(port.lines().filter((l) => !l.startsWith("@老板"))).toHaveLength(5);
  });

  it("runs sweeps and the morning, weekly and monthly messages on the workspace's schedule, once per slot", async () => {
    const logger = createLogger("silent");
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    await h.say(wang, "/visit log K1 回访 承诺:寄样品 承诺期限:今天");
    h.now = at("11-27T08:00"); // a Friday morning
    let ran = await runDueWorkspaceJobs(h.prisma, h.now, logger);
    expect(
      ran
        .filter((r) => r.workspaceId === workspaceId)
        .map((r) => r.job)
        .sort(),
    ).toEqual(["morning", "sweep"]);
    expect(await runDueWorkspaceJobs(h.prisma, h.now, logger)).toEqual([]);
    const port = new RecordingPort();
    await h.deliver(port);
    expect(port.lines()).toContain("@王伟 == 早上好！今天到期和已逾期的跟进 1 项 ==");
    h.now = at("11-27T16:00");
    ran = await runDueWorkspaceJobs(h.prisma, h.now, logger);
    expect(
      ran
        .filter((r) => r.workspaceId === workspaceId)
        .map((r) => r.job)
        .sort(),
    ).toEqual(["sweep", "weekly"]);
    await h.deliver(port);
    expect(port.lines()).toContain("@李经理 == 李经理 团队本周简报 ==");
    // Its buttons' lines read as a Chinese reader types them.
    expect(port.sent.find((d) => d.text.startsWith("== 李经理 团队本周简报"))?.text).toContain("→ /alert list 谁:团队");
    h.now = at("12-01T09:00");
    ran = await runDueWorkspaceJobs(h.prisma, h.now, logger);
    expect(ran.filter((r) => r.workspaceId === workspaceId).map((r) => r.job)).toContain("monthly");
    await h.deliver(port);
    expect(port.lines()).toContain("@管理员 == 2026-11 月度总结 ==");
  });

  it.runIf(provider === "postgresql")(
    "with two bot instances on one database, runs each sweep and sends each message once",
    async () => {
      const second = await openDatabase(h.testDb.url, { migrate: false });
      try {
        const logger = createLogger("silent");
        await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
        await h.say(
          admin,
          "/customer add 双实例客户 type:dealer code:D1 owner:王伟 授信额度:1000 relationSince:2020-01-01",
        );
        await h.prisma.order.create({
          data: {
            workspaceId,
            customerId: (await h.prisma.customer.findFirstOrThrow({ where: { code: "D1" } })).id,
            number: 9001,
            orderedAt: NOW,
            amount: 500_000n,
          },
        });
        const when = at("12-01T10:00");
        const runs = await Promise.all([
          runDueWorkspaceJobs(h.prisma, when, logger),
          runDueWorkspaceJobs(second.prisma, when, logger),
        ]);
        expect(runs.flat().filter((r) => r.workspaceId === workspaceId && r.job === "sweep")).toHaveLength(1);
        expect(await alertsOf("receivables", "D1")).toHaveLength(1);
        const [a, b] = [new RecordingPort(), new RecordingPort()];
        const send = (prisma: typeof h.prisma, port: OutboundPort) =>
          dispatchOutbox({ prisma, ports: { console: port }, now: () => when, logger });
        await Promise.all([send(h.prisma, a), send(second.prisma, b)]);
        const texts = [...a.lines(), ...b.lines()].filter((l) => l.includes("双实例客户")).sort();
        const heading = `YJ-${String((await alertsOf("receivables", "D1"))[0]!.number).padStart(4, "0")} · 外欠款超额度 · 双实例客户（D1）`;
        // Once to the owner and once to the channel routed receivables alerts, whichever instance sent them.
        expect(texts).toEqual([`##预警 == ${heading} ==`, `@王伟 == ${heading} ==`]);
      } finally {
        await second.close();
      }
    },
  );
});

/** A platform that is down for its first `failures` attempts, then posts; it numbers its posts. */
class FlakyPort implements OutboundPort {
  readonly posts: Delivery[] = [];
  constructor(private failures: number) {}
  async send(delivery: Delivery) {
    if (this.failures-- > 0) throw new DeliveryRefused("service unavailable");
    this.posts.push(delivery);
    return { ref: delivery.ref ?? `post-${this.posts.length}` };
  }
}
