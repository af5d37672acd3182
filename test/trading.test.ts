import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { Router } from "../src/application/router.js";
import { createLogger } from "../src/logger.js";
import { renderText } from "../src/platforms/console/render.js";
import { testProviders } from "./support/databases.js";
import { Harness, NOW, type TestUser } from "./support/harness.js";

describe.each(testProviders())("orders, payments, expenses, budgets and plans from chat on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let manager: TestUser;
  let wang: TestUser;

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    admin = await h.user(ws.id, "管理员", "admin");
    manager = await h.user(ws.id, "李经理", "manager");
    wang = await h.user(ws.id, "王伟", "rep", { manager });
    await h.say(admin, "/customer add 北京华达商贸 type:dealer owner:王伟");
    await h.say(admin, "/customer add 沈阳鑫源批发部 type:dealer");
  });
  afterAll(() => h.close());

  it("records an order with product, spec, quantity and date, exactly, and moves the last order date", async () => {
    const text = await h.say(wang, "/order add 华达 1.2万 矿泉水 550ml 100 11-20");
    expect(text).toContain("已记录进货 JH-0001：北京华达商贸 ¥12,000.00（矿泉水 550ml × 100），2026/11/20。");
    expect(text).toContain("当前外欠款 ¥12,000.00");
    await h.say(wang, "/order add 华达 0.1 product:样品");
    const orders = await h.prisma.order.findMany({ orderBy: { id: "asc" } });
    expect(orders.map((o) => [o.amount, o.product, o.spec, o.quantity])).toEqual([
      [1_200_000n, "矿泉水", "550ml", 100],
      [10n, "样品", null, null],
    ]);
    expect(orders[1]!.orderedAt).toEqual(NOW);
    expect((await h.prisma.customer.findFirstOrThrow({ where: { name: "北京华达商贸" } })).lastOrderAt).toEqual(NOW);
  });

  it("records payments and expenses, and shows what the customer still owes", async () => {
    expect(await h.say(wang, "/payment add 华达 ¥5,000.05 11-21 转账")).toContain("当前外欠款 ¥7,000.05");
    expect(await h.say(wang, "/expense add 华达 800 招待 11-22 请客户吃饭")).toContain(
      "已记录销售费用 FY-0001：北京华达商贸 ¥800.00（招待），2026/11/22。",
    );
    expect(await h.say(wang, "/expense add 华达 50")).toContain("（其他）");
    expect(await h.prisma.payment.findFirst()).toMatchObject({ amount: 500_005n, note: "转账" });
  });

  it("sets and replaces budgets per month, quarter or year and plans per month (managers)", async () => {
    expect(await h.say(manager, "/budget set 华达 2026-Q4 3000")).toContain(
      "已设定 北京华达商贸 2026-Q4 的费用预算：¥3,000.00。",
    );
    expect(await h.say(manager, "/budget set 华达 2026年4季度 3500")).toContain("从 ¥3,000.00 改为 ¥3,500.00");
    expect(await h.say(manager, "/budget set 华达 2027 4万")).toContain("2027 的费用预算：¥40,000.00");
    expect(await h.say(manager, "/plan set 华达 2026-12 5万")).toContain(
      "已设定 北京华达商贸 2026-12 的销售计划：¥50,000.00。",
    );
    expect(await h.say(manager, "/plan set 华达 下月 6万")).toContain("从 ¥50,000.00 改为 ¥60,000.00");
    // The same amount again changes nothing, and says so rather than "from ¥60,000.00 to ¥60,000.00".
    expect(await h.say(manager, "/plan set 华达 下月 60000")).toContain(
      "北京华达商贸 2026-12 的销售计划已经是 ¥60,000.00，没有改动。",
    );
    expect(await h.say(manager, "/budget set 华达 2026-Q4 3500")).toContain("的费用预算已经是 ¥3,500.00，没有改动。");
    expect(
      await h.prisma.expenseBudget.findMany({ select: { period: true, amount: true }, orderBy: { period: "asc" } }),
    ).toEqual([
      { period: "2026-Q4", amount: 350_000n },
      { period: "2027", amount: 4_000_000n },
    ]);
    expect(await h.say(wang, "/plan set 华达 2026-12 1")).toMatch(/需要经理或以上权限/);
  });

  it("keeps the largest amounts exact, in sums too, on this database", async () => {
    const workspace = await h.prisma.workspace.findFirstOrThrow({ where: { id: wang.workspaceId } });
    await h.say(admin, `/customer add 巨额客户 type:dealer code:BIG1 owner:王伟`);
    expect(await h.say(wang, "/order add BIG1 10000000000")).toMatch(/¥10,000,000,000\.00/);
    expect(await h.say(wang, "/order add BIG1 9999999999.99")).toMatch(/¥9,999,999,999\.99/);
    expect(await h.say(wang, "/payment add BIG1 0.01")).toContain("¥0.01");
    // Owed: 19,999,999,999.98 exactly, through the database's own sum and the formatter.
    expect(await h.say(wang, "/customer show BIG1")).toContain("¥19,999,999,999.98");
    expect(workspace.currency).toBe("CNY");
  });

  it("refuses amounts past a cap the team lowered (CRM_MAX_AMOUNT), in a command and in an import row", async () => {
    const capped = new Router({
      prisma: h.prisma,
      commands,
      logger: createLogger("silent"),
      now: () => NOW,
      limits: { amount: 50_000_00n },
    });
    const say = async (user: TestUser, line: string, data?: string) =>
      renderText(
        await capped.run(
          {
            workspaceId: user.workspaceId,
            userId: user.id,
            ...(data ? { attachments: [{ name: "o.csv", data: Buffer.from(data) }] } : {}),
          },
          line,
        ),
      ).text;
    const orders = await h.prisma.order.count();
    expect(await say(wang, "/order add 华达 50000.01")).toContain("金额“50000.01”太大：一笔最多 50,000。");
    expect(await say(admin, "/import orders", "客户名称,日期,金额\n北京华达商贸有限公司,2026-11-01,6万\n")).toMatch(
      /第 2 行\s+“金额”的“6万”太大：一笔最多 50,000/,
    );
    expect(await h.prisma.order.count()).toBe(orders);
    expect(await say(wang, "/order add 华达 50000")).toContain("¥50,000.00");
  });

  it.each([
    ["a negative amount", "/order add 华达 -100", /参数 金额 的值“-100”无效/],
    ["a non-numeric amount", "/payment add 华达 一百多块", /参数 金额 的值“一百多块”无效，应为：金额/],
    ["a zero amount", "/order add 华达 0", /金额必须大于 0/],
    ["an order dated in the future", "/order add 华达 100 date:明天", /在将来/],
    ["a period that is none", "/budget set 华达 2026-Q5 100", /应为：期间/],
    ["a customer the rep may not see", "/order add 沈阳鑫源批发部 100", /找不到客户“沈阳鑫源批发部”/],
    ["an amount past the cap", "/order add 华达 10000000000.01", /金额“10000000000.01”太大：一笔最多 10,000,000,000。/],
    ["an amount past a 64-bit integer", "/order add 华达 9223372036854775807", /太大：一笔最多 10,000,000,000。/],
    ["a huge amount in 万", "/payment add 华达 99999999999999999999万", /太大：一笔最多 10,000,000,000。/],
    ["a date in year 0", "/order add 华达 100 date:0000-01-01", /日期“0000-01-01”超出范围：只接受 1900 年到 2100 年/],
    ["a follow-up in 9999", "/visit log 华达 电话 谈了 回访:9999-12-31", /日期“9999-12-31”超出范围/],
  ])("refuses %s and writes nothing", async (_case, line, message) => {
    const before = await Promise.all([
      h.prisma.order.count(),
      h.prisma.payment.count(),
      h.prisma.expenseBudget.count(),
    ]);
    const user = line.startsWith("/budget") ? manager : wang;
    expect(await h.say(user, line)).toMatch(message);
    expect(
      await Promise.all([h.prisma.order.count(), h.prisma.payment.count(), h.prisma.expenseBudget.count()]),
    ).toEqual(before);
  });
});
