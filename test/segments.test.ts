import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { repositoriesOf } from "../src/db/client.js";
import type { BulkWrites } from "../src/db/bulk.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import { SETTINGS } from "../src/domain/settings.js";
import { effectiveCreditLimit, rankCustomers } from "../src/domain/segments/abc.js";
import { recomputeSegments } from "../src/domain/segments/recompute.js";
import { testProviders } from "./support/databases.js";
import { Harness, NOW, type TestUser } from "./support/harness.js";

const DAY_MS = 86_400_000;

/** The width and height a PNG declares in its IHDR chunk, after checking its signature. */
function pngSize(data: Uint8Array): { width: number; height: number } {
  const bytes = Buffer.from(data);
  expect(bytes.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]));
  expect(bytes.subarray(12, 16).toString("ascii")).toBe("IHDR");
  return { width: bytes.readUInt32BE(16), height: bytes.readUInt32BE(20) };
}

describe("ABC ranking", () => {
  const settings = SETTINGS.segments.defaults;

  it("puts the customers making up the first 75% of sales in A, the next 20% in B, the rest in C, and the top 20% as key accounts", () => {
    const sales = [500, 200, 100, 80, 50, 30, 20, 10, 5, 5].map((s, i) => ({ customerId: i + 1, sales: BigInt(s) }));
    const ranked = rankCustomers(sales, settings);
    expect(ranked.map((r) => r.tier).join("")).toBe("AAABBBCCCC");
    expect(ranked.filter((r) => r.keyAccount).map((r) => r.customerId)).toEqual([1, 2]);
  });

  it("leaves customers without sales out, and ranks equal sales by id so runs agree", () => {
    const ranked = rankCustomers(
      [
        { customerId: 2, sales: 10n },
        { customerId: 1, sales: 10n },
        { customerId: 3, sales: 0n },
      ],
      settings,
    );
    expect(ranked.map((r) => [r.customerId, r.tier])).toEqual([
      [1, "A"],
      [2, "A"],
    ]);
  });

  it("applies a tier's credit policy only where the customer has no limit of its own", () => {
    expect(effectiveCreditLimit({ creditLimit: 500n, tier: "B" }, settings)).toEqual({
      limit: 500n,
      fromPolicy: false,
    });
    expect(effectiveCreditLimit({ creditLimit: null, tier: "B" }, settings)).toEqual({
      limit: 10_000_000n,
      fromPolicy: true,
    });
    expect(effectiveCreditLimit({ creditLimit: null, tier: "A" }, settings)).toEqual({
      limit: null,
      fromPolicy: false,
    });
  });
});

describe.each(testProviders())("segmentation and reports on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let manager: TestUser;
  let wang: TestUser;
  const sweeps: string[] = [];

  beforeAll(async () => {
    h = await Harness.open(provider, {
      observer: { swept: (scope) => void sweeps.push(scope), imported() {}, jobRan() {} },
    });
    const ws = await h.workspace();
    admin = await h.user(ws.id, "管理员", "admin");
    manager = await h.user(ws.id, "李经理", "manager");
    wang = await h.user(ws.id, "王伟", "rep", { manager });
    // Ten customers in business for years; their sales make the ranking above.
    const sales = [500, 200, 100, 80, 50, 30, 20, 10, 5, 5];
    for (const [i, amount] of sales.entries()) {
      await h.say(admin, `/customer add 客户${i + 1} type:dealer code:K${i + 1} owner:王伟 relationSince:2020-01-01`);
      await h.say(admin, `/order add K${i + 1} ${amount * 1000} date:2026-10-0${1 + (i % 9)}`);
    }
    await h.say(admin, "/customer add 无进货客户 type:retailer code:K11 relationSince:2020-01-01");
    // An order older than the twelve-month window counts for nothing.
    await h.prisma.order.create({
      data: {
        workspaceId: ws.id,
        customerId: (await h.prisma.customer.findFirstOrThrow({ where: { code: "K11" } })).id,
        number: 9001,
        amount: 99_900_000n,
        orderedAt: new Date(NOW.getTime() - 400 * DAY_MS),
      },
    });
  });
  afterAll(() => h.close());

  it("computes tiers and key accounts on demand (admins), records each change, and moves the next visit by the tier's cadence", async () => {
    expect(await h.say(wang, "/segment run")).toMatch(/需要管理员或以上权限/);
    // K11 is behind this month's plan, which no tier moves: that alert is the hourly sweep's.
    const planned = await h.prisma.customer.findFirstOrThrow({ where: { code: "K11" } });
    await h.prisma.salesPlan.create({
      data: { workspaceId: planned.workspaceId, customerId: planned.id, month: "2026-11", amount: 10_000_000n },
    });
    sweeps.length = 0;
    const text = await h.say(admin, "/segment run");
    expect(text).toMatch(/分级：A 3 · B 3 · C 5/);
    expect(text).toMatch(/大客户（二八法则）：2/);
    expect(text).toMatch(/分级有变化的客户：11/);
    const tiers = await h.prisma.customer.findMany({
      orderBy: { id: "asc" },
      select: { code: true, tier: true, keyAccount: true, visitDueAt: true, createdAt: true },
    });
    expect(tiers.map((c) => `${c.code}${c.tier}${c.keyAccount ? "*" : ""}`).join(" ")).toBe(
      "K1A* K2A* K3A K4B K5B K6B K7C K8C K9C K10C K11C",
    );
    // Established customers: A monthly, B every two months, C quarterly, from when they were entered.
    expect(tiers.map((c) => Math.round((c.visitDueAt!.getTime() - c.createdAt.getTime()) / DAY_MS))).toEqual([
      30, 30, 30, 60, 60, 60, 90, 90, 90, 90, 90,
    ]);
    expect(await h.say(admin, "/customer history K1")).toMatch(/机器人 · 分级变化\s+ABC 分级：（空） → A/);
    // The tiers bring credit limits: the sweep after the run, of the customers it changed, finds
    // K11 owing far past C's limit.
    expect(sweeps).toEqual(["customers"]);
    const k11 = await h.prisma.customer.findFirstOrThrow({ where: { code: "K11" } });
    const owing = await h.prisma.alert.findFirstOrThrow({ where: { customerId: k11.id, rule: "receivables" } });
    expect([owing.status, JSON.parse(owing.facts).limit]).toEqual(["open", "2000000"]);
    expect(await h.prisma.alert.count({ where: { rule: "sales_behind_plan" } })).toBe(0);
    const stamps = await h.prisma.customer.findMany({ orderBy: { id: "asc" }, select: { tierComputedAt: true } });
    expect(stamps.every((c) => c.tierComputedAt?.getTime() === h.now.getTime())).toBe(true);
    // A night later nothing moved: no customer is written again, so each stamp still says when it last changed.
    h.travel(1);
    try {
      sweeps.length = 0;
      expect(await h.say(admin, "/segment run")).toMatch(/分级有变化的客户：0/);
      expect(sweeps).toEqual([]);
      expect(await h.prisma.customer.findMany({ orderBy: { id: "asc" }, select: { tierComputedAt: true } })).toEqual(
        stamps,
      );
    } finally {
      h.travel(-1);
    }
  });

  it("reports tiers with their shares and a Pareto chart as a PNG of the expected size (managers)", async () => {
    expect(await h.say(wang, "/report abc")).toMatch(/\/report abc 需要经理或以上权限/);
    const reply = await h.reply(manager, "/report abc");
    // A manager sees their team's customers (K11 is the admin's own), an admin everyone's.
    const text = (await h.say(manager, "/report abc")).split("\n");
    expect(text).toContain("  • A 类  3 个客户（30.0%）· 进货 ¥800,000.00（80.0%）");
    expect(text).toContain("  • C 类  4 个客户（40.0%）· 进货 ¥40,000.00（4.0%）");
    expect(text.join("\n")).toContain("只统计你团队负责的客户，占比也按团队计算。");
    const all = (await h.say(admin, "/report abc")).split("\n");
    expect(all).toContain("  • A 类  3 个客户（27.3%）· 进货 ¥800,000.00（80.0%）");
    expect(all).toContain("  • C 类  5 个客户（45.5%）· 进货 ¥40,000.00（4.0%）");
    expect(all.join("\n")).not.toContain("只统计你团队负责的客户");
    expect(reply.files).toHaveLength(1);
    expect(reply.files![0]).toMatchObject({ name: "abc-pareto.png", mime: "image/png" });
    expect(pngSize(reply.files![0]!.data)).toEqual({ width: 960, height: 540 });
  });

  it("shows a tier change since last month as up or down", async () => {
    await h.say(admin, "/order add K7 300000");
    await h.say(admin, "/segment run");
    const text = await h.say(manager, "/report abc");
    expect(text).toMatch(/2026\/10\/01 以来升级 1 个\n\s+• 客户7（K7）\s+C → A/);
    expect(text).toMatch(/以来降级 \d+ 个\n\s+• 客户\d+/);
  });

  it("lists key accounts, by rule or marked by hand, biggest first", async () => {
    await h.say(admin, "/customer edit K11 大客户:是");
    const text = await h.say(admin, "/report keyaccounts");
    expect(text).toMatch(/大客户 3 个/);
    expect(text.indexOf("客户1（K1）")).toBeLessThan(text.indexOf("客户7（K7）"));
    expect(text).toMatch(/无进货客户（K11） · C · 手工标记\s+进货 ¥0.00/);
    // The admin's own K11 is not the manager's team's: neither it nor its owner shows.
    const team = await h.say(manager, "/report keyaccounts");
    expect(team).toMatch(/大客户 2 个/);
    expect(team).not.toContain("K11");
  });

  it("reports a customer's twelve months against plan, payments, outstanding, expenses against budget, with a chart", async () => {
    await h.say(manager, "/plan set K1 2026-10 40万");
    await h.say(manager, "/plan set K1 2026-11 10万");
    await h.say(wang, "/payment add K1 20万");
    await h.say(manager, "/budget set K1 2026-Q4 1000");
    await h.say(wang, "/expense add K1 1500 招待");
    const reply = await h.reply(wang, "/report customer K1");
    const text = await h.say(wang, "/report customer K1");
    expect(text).toContain("进货合计：¥500,000.00");
    expect(text).toContain("计划合计（完成率）：¥500,000.00（100%）");
    expect(text).toContain("当前外欠款：¥300,000.00");
    expect(text).toMatch(/2026-10\s+¥500,000.00 \/ 计划 ¥400,000.00/);
    expect(text).toMatch(/2026-Q4\s+已花 ¥1,500.00，超出预算 ¥1,000.00/);
    expect(pngSize(reply.files![0]!.data)).toEqual({ width: 960, height: 540 });
  });

  it("measures a plan's completion by the sales of its own months, not of all twelve", async () => {
    await h.say(admin, "/customer add 计划半年客户 type:dealer code:PH");
    await h.say(admin, "/order add PH 20万 date:2026-05-10");
    await h.say(admin, "/order add PH 5万 date:2026-11-10");
    await h.say(admin, "/plan set PH 2026-11 10万");
    const text = await h.say(admin, "/report customer PH");
    expect(text).toContain("进货合计：¥250,000.00");
    expect(text).toContain("计划合计（完成率）：¥100,000.00（50%）");
  });

  it("reports a rep's month: visits, new customers, sales against plan, complaints", async () => {
    await h.say(wang, "/visit log K1 送样品");
    await h.say(wang, "/complaint file K1 质量 破损");
    const text = await h.say(manager, "/report rep who:team 2026-11");
    expect(text).toMatch(
      /王伟 · 进货 ¥300,000.00 \/ 计划 ¥100,000.00（300%）\s+拜访 1 次 · 新客户 0 · 受理投诉 1 · 未结投诉 1/,
    );
    expect(await h.say(wang, "/report rep 2026-10")).toMatch(/王伟 · 进货 ¥1,000,000.00 \/ 计划 ¥400,000.00/);
  });

  it("lets an admin change the rules, refusing shares that leave no room for C", async () => {
    expect(await h.say(wang, "/segment settings a:70")).toMatch(/只有管理员/);
    expect(await h.say(admin, "/segment settings a:80 b:20")).toMatch(/A 类 80% 加 B 类 20% 必须小于 100%/);
    expect(await h.say(admin, "/segment settings creditB:5万 creditA:不限")).toMatch(
      /各级默认授信额度：A 不限 · B ¥50,000.00 · C ¥20,000.00/,
    );
    expect(await h.say(wang, "/customer show K4")).toContain("授信额度 / 外欠款：¥50,000.00（B 类默认）");
  });

  it("after a first run over many customers, sweeps every customer's credit limit, but visits and churn only for the tiers that move them", async () => {
    const ws = await h.workspace("first-run");
    const boss = await h.user(ws.id, "老板", "admin");
    // Entered 200 days ago and never visited: overdue at the cadence of "no tier", which C shares.
    const entered = new Date(NOW.getTime() - 200 * DAY_MS);
    await h.prisma.customer.createMany({
      data: Array.from({ length: 1_200 }, (_, i) => ({
        workspaceId: ws.id,
        name: `门店${i + 1}`,
        code: `F${i + 1}`,
        type: "dealer",
        ownerId: boss.id,
        relationSince: new Date("2020-01-01T00:00:00Z"),
        createdAt: entered,
        visitDueAt: new Date(entered.getTime() + 90 * DAY_MS),
      })),
    });
    const id = async (code: string) =>
      (await h.prisma.customer.findFirstOrThrow({ where: { workspaceId: ws.id, code } })).id;
    // Two customers buy this year; F1200 owes for an order older than the ranking's twelve months.
    const order = async (code: string, number: number, amount: bigint, daysAgo: number) =>
      h.prisma.order.create({
        data: {
          workspaceId: ws.id,
          customerId: await id(code),
          number,
          amount,
          orderedAt: new Date(NOW.getTime() - daysAgo * DAY_MS),
        },
      });
    await order("F1", 1, 50_000_000n, 10);
    await order("F2", 2, 10_000_000n, 10);
    await order("F1200", 3, 99_900_000n, 400);
    sweeps.length = 0;
    expect(await h.say(boss, "/segment run")).toMatch(/分级有变化的客户：1,200/);
    // Every customer's credit limit is new (C's), too many to sweep one by one: one full sweep of
    // receivables. Visits and churn moved only for the two that did not get C: a sweep of theirs.
    expect(sweeps).toEqual(["full", "customers"]);
    const alerts = await h.prisma.alert.findMany({
      where: { workspaceId: ws.id },
      select: { rule: true, customerId: true, severity: true },
      orderBy: [{ rule: "asc" }, { customerId: "asc" }],
    });
    const tiers = await h.prisma.customer.findMany({
      where: { workspaceId: ws.id, id: { in: [await id("F1"), await id("F2")] } },
      select: { id: true, tier: true },
      orderBy: { id: "asc" },
    });
    expect(tiers.map((c) => c.tier)).toEqual(["A", "B"]);
    expect(alerts.filter((a) => a.rule === "receivables").map((a) => a.customerId)).toEqual([await id("F1200")]);
    // The C customers' overdue visits are the hourly sweep's to find, as before the run.
    expect(alerts.filter((a) => a.rule === "no_visit")).toEqual([
      { rule: "no_visit", customerId: tiers[0]!.id, severity: "critical" },
      { rule: "no_visit", customerId: tiers[1]!.id, severity: "warning" },
    ]);
  });

  it("writes a run batch by batch, each customer's tier with its history row: a run that fails midway leaves whole batches, and the next run writes the rest", async () => {
    const ws = await h.workspace("batches");
    const boss = await h.user(ws.id, "老板", "admin");
    await h.prisma.customer.createMany({
      data: Array.from({ length: 1_000 }, (_, i) => ({
        workspaceId: ws.id,
        name: `分批门店${i + 1}`,
        code: `B${i + 1}`,
        type: "dealer",
        ownerId: boss.id,
      })),
    });
    const db = scopeToWorkspace(h.prisma, ws.id);
    const data = repositoriesOf(h.prisma);
    // The fourth batch's history fails after its customers were written: they must not keep their tier.
    const ids = (await h.prisma.customer.findMany({ where: { workspaceId: ws.id }, orderBy: { id: "asc" } })).map(
      (c) => c.id,
    );
    const failing = Object.create(data.bulk, {
      insertRows: {
        value: (...args: Parameters<BulkWrites["insertRows"]>) =>
          args[3].some((row) => row[1] === ids[300])
            ? Promise.reject(new Error("disk full"))
            : data.bulk.insertRows(...args),
      },
    }) as BulkWrites;
    await expect(recomputeSegments(db, ws.id, { ...data, bulk: failing }, h.now, 100)).rejects.toThrow("disk full");

    const customers = () =>
      h.prisma.customer.findMany({
        where: { workspaceId: ws.id },
        orderBy: { id: "asc" },
        select: { id: true, tier: true },
      });
    const history = async () =>
      (
        await h.prisma.customerChange.findMany({
          where: { workspaceId: ws.id, action: "tier" },
          select: { customerId: true },
        })
      ).map((c) => c.customerId);
    const halfway = await customers();
    const tiered = halfway.filter((c) => c.tier !== null).map((c) => c.id);
    // Batches one to three and the one written beside the fourth; none of the fourth's hundred.
    expect(tiered.length).toBe(400);
    expect(halfway.slice(300, 400).every((c) => c.tier === null)).toBe(true);
    expect((await history()).sort((a, b) => a - b)).toEqual(tiered);

    const { run } = await recomputeSegments(db, ws.id, data, h.now, 100);
    expect([run.customers, run.changed, run.tiers.C]).toEqual([1_000, 600, 1_000]);
    const after = await customers();
    expect(after.every((c) => c.tier === "C")).toBe(true);
    expect((await history()).sort((a, b) => a - b)).toEqual(after.map((c) => c.id));

    // History, alerts and ledgers have no key to the workspace of their own: their customer's takes them with it.
    const customerId = ids[0]!;
    await h.prisma.alert.create({
      data: { workspaceId: ws.id, number: 1, rule: "no_visit", customerId, severity: "warning", facts: "{}" },
    });
    await h.prisma.order.create({
      data: { workspaceId: ws.id, number: 1, customerId, amount: 100n, orderedAt: h.now },
    });
    await h.prisma.payment.create({ data: { workspaceId: ws.id, number: 1, customerId, amount: 100n, paidAt: h.now } });
    await h.prisma.workspace.delete({ where: { id: ws.id } });
    const where = { where: { workspaceId: ws.id } };
    expect([
      await h.prisma.customerChange.count(where),
      await h.prisma.alert.count(where),
      await h.prisma.order.count(where),
      await h.prisma.payment.count(where),
    ]).toEqual([0, 0, 0, 0]);
  });
});
