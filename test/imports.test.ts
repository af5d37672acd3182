import { COLUMNS } from "../src/domain/imports/columns.js";
import { fingerprint } from "../src/domain/imports/key-fingerprints.js";
import { zhCN } from "../src/i18n/locales/zh-CN.js";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { commands } from "../commands/index.js";
import { Router } from "../src/application/router.js";
import { BulkWrites } from "../src/db/bulk.js";
import { createLogger } from "../src/logger.js";
import { renderText } from "../src/platforms/console/render.js";
import { testProviders } from "./support/databases.js";
import { Harness, type TestUser } from "./support/harness.js";

const fixture = (name: string) => join(import.meta.dirname, "fixtures/csv", name);

describe.each(testProviders())("CSV import and export on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let wang: TestUser;

  const tables = async () => {
    const p = h.prisma;
    const [customers, contacts, orders, payments, expenses, plans, budgets, changes] = await Promise.all([
      p.customer.count(),
      p.contact.count(),
      p.order.count(),
      p.payment.count(),
      p.expense.count(),
      p.salesPlan.count(),
      p.expenseBudget.count(),
      p.customerChange.count(),
    ]);
    return { customers, contacts, orders, payments, expenses, plans, budgets, changes };
  };

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    admin = await h.user(ws.id, "管理员", "admin");
    wang = await h.user(ws.id, "王伟", "rep");
    await h.user(ws.id, "赵强", "rep");
  });
  afterAll(() => h.close());

  it("imports customers with Chinese headers, owners, money and dates, with their search keys and history", async () => {
    const text = await h.say(admin, `/import customers ${fixture("customers.csv")}`);
    expect(text).toContain("已导入客户：新增 3，更新 0，未变 0");
    const huada = await h.prisma.customer.findFirstOrThrow({ where: { code: "HD001" }, include: { owner: true } });
    expect(huada).toMatchObject({
      name: "北京华达商贸",
      type: "dealer",
      region: "华北",
      creditLimit: 10_000_000n,
      relationSince: new Date("2020-03-01T00:00:00+08:00"),
    });
    expect(huada.owner?.name).toBe("王伟");
    expect(await h.say(admin, "/customer find bjhd")).toContain("北京华达商贸（HD001）");
    expect(await h.prisma.customerChange.count({ where: { action: "import" } })).toBe(3);
  });

  it("refuses customers that cannot be imported, each with its line, and writes nothing", async () => {
    const before = await tables();
    const text = await h.say(admin, `/import customers ${fixture("customers-update.csv")}`);
    expect(text).toContain("有 2 行有问题，整个文件都没有导入");
    expect(text).toMatch(/第 3 行\s+新客户需要填写“类型”/);
    expect(text).toMatch(/第 4 行\s+找不到负责人“不存在的人”/);
    expect(await tables()).toEqual(before);
  });

  it("says a dry run wrote nothing, with or without skipBad, and what an import would do with the bad rows", async () => {
    const before = await tables();
    const skipping = await h.say(admin, `/import customers ${fixture("customers-update.csv")} dryRun:是 skipBad:是`);
    expect(skipping).toContain("试运行，没有写入。加 跳过错误：是 正式导入时，这些行会被跳过，其余的行会导入。");
    expect(skipping).not.toContain("其余已导入");
    const whole = await h.say(admin, `/import customers ${fixture("customers-update.csv")} dryRun:是`);
    expect(whole).toContain("试运行，没有写入。照现在的文件导入，整个文件都不会写入");
    expect(await tables()).toEqual(before);
  });

  it("imports the good rows when asked to skip bad ones, updating a changed customer and recording the change", async () => {
    const text = await h.say(admin, `/import customers ${fixture("customers-update.csv")} skipBad:是`);
    expect(text).toContain("已导入客户：新增 0，更新 1，未变 0");
    expect(text).toContain("有问题的行已跳过，其余已导入");
    expect((await h.prisma.customer.findFirstOrThrow({ where: { code: "HD001" } })).phone).toBe("13800138999");
    expect(await h.say(admin, "/customer history HD001")).toMatch(/导入\s+电话：13800138000 → 13800138999/);
    // The same file again: its good rows change nothing now, and that is what it says.
    const again = await h.say(admin, `/import customers ${fixture("customers-update.csv")} skipBad:是`);
    expect(again).toContain("有问题的行已跳过；其余的行和已有的数据一样，没有要改的。");
    expect(again).not.toMatch(/其余已导入|加 跳过错误/);
  });

  it("previews an import without writing, then imports orders once: the same file again adds nothing", async () => {
    const before = await tables();
    expect(await h.say(admin, `/import orders ${fixture("orders.csv")} dryRun:是`)).toContain(
      "试运行（未写入）：将新增进货记录 4，更新 0，未变 0",
    );
    expect(await tables()).toEqual(before);
    const progress: string[] = [];
    const reply = await h.router.run(
      { workspaceId: admin.workspaceId, userId: admin.id, progress: (line) => progress.push(line) },
      `/import orders ${fixture("orders.csv")}`,
    );
    expect(progress).toEqual(["已导入 4 / 4 行"]);
    expect(reply.blocks[0]).toEqual({ type: "heading", text: "已导入进货记录：新增 4，更新 0，未变 0" });
    expect(await h.say(admin, `/import orders ${fixture("orders.csv")}`)).toContain(
      "没有需要导入的新内容：进货记录未变 4",
    );
    const orders = await h.prisma.order.findMany({ orderBy: { externalId: "asc" } });
    expect(orders.map((o) => [o.externalId, o.amount, o.settled])).toEqual([
      ["SO-1001", 1_200_000n, true],
      ["SO-1002", 600_000n, false],
      ["SO-1003", 360_050n, false],
      ["SO-1004", 2_400_000n, true],
    ]);
    expect((await h.prisma.customer.findFirstOrThrow({ where: { code: "HD001" } })).lastOrderAt).toEqual(
      new Date("2026-11-02T00:00:00+08:00"),
    );
  });

  it("reads GBK files as Excel in China saves them, with other headers and times after the dates, and reports unknown columns", async () => {
    const text = await h.say(admin, `/import orders ${fixture("orders-gbk.csv")}`);
    expect(text).toContain("已导入进货记录：新增 3");
    expect(text).toContain("编码：GBK / GB18030");
    expect(text).toContain("以下列不认识，已忽略：备注列");
    expect(await h.prisma.order.count({ where: { product: "饮料", amount: 480_050n } })).toBe(1);
    expect(await h.say(admin, `/import orders ${fixture("orders-gbk.csv")}`)).toContain("未变 3");
    expect(await h.say(admin, `/import payments ${fixture("payments-gbk.csv")}`)).toContain("已导入回款：新增 2");
  });

  it("reports every bad row with its line and reason, and imports nothing of the file", async () => {
    const before = await tables();
    const text = await h.say(admin, `/import orders ${fixture("orders-bad.csv")}`);
    expect(text).toContain("有 5 行有问题，整个文件都没有导入");
    for (const expected of [
      /第 2 行\s+“amount”的“abc”不是金额/,
      /第 3 行\s+找不到客户“NOPE”/,
      /第 4 行\s+“date”的“2027-01-01”是将来的日期/,
      /第 5 行\s+“amount”的“-5”必须大于 0/,
      /第 7 行\s+与第 6 行完全相同/,
    ]) {
      expect(text).toMatch(expected);
    }
    expect(await tables()).toEqual(before);
  });

  it.each([
    ["a missing required column", "orders orders-missing-column.csv", /文件缺少必需的列：金额（amount）/],
    ["a GBK file said to be UTF-8", "orders orders-gbk.csv encoding:utf8", /文件在第 1 行不是有效的 UTF-8/],
    ["a file that is not there", "orders nothing-here.csv", /找不到文件/],
  ])("refuses %s", async (_case, args, message) => {
    const before = await tables();
    const [kind, name, ...rest] = args.split(" ");
    expect(await h.say(admin, `/import ${kind} ${fixture(name!)} ${rest.join(" ")}`)).toMatch(message);
    expect(await tables()).toEqual(before);
  });

  it("names a missing column in the reader's language first, with its other name", async () => {
    const english = await h.user(admin.workspaceId, "Ellen", "admin", { locale: "en" });
    expect(await h.say(english, `/import orders ${fixture("orders-missing-column.csv")}`)).toContain(
      "The file lacks required columns: amount (金额). The first line",
    );
  });

  it("imports contacts (UTF-8 with a BOM), plans with English headers, budgets and expenses", async () => {
    expect(await h.say(admin, `/import contacts ${fixture("contacts.csv")}`)).toContain("已导入联系人：新增 3");
    expect(await h.prisma.contact.findFirstOrThrow({ where: { name: "张总" } })).toMatchObject({
      role: "decision",
      stance: "supporter",
      title: "总经理",
    });
    expect(await h.say(admin, `/import plans ${fixture("plans.csv")}`)).toContain("已导入销售计划：新增 3");
    expect(await h.say(admin, `/import budgets ${fixture("budgets.csv")}`)).toContain("已导入费用预算：新增 2");
    expect(await h.say(admin, `/import expenses ${fixture("expenses.csv")}`)).toContain("已导入销售费用：新增 2");
    expect(
      await h.prisma.salesPlan.findFirstOrThrow({ where: { month: "2026-12", customer: { code: "BH002" } } }),
    ).toMatchObject({ amount: 3_000_000n });
  });

  it("lets only admins import, and takes the file from an attachment on chat platforms, never a path", async () => {
    expect(await h.say(wang, `/import orders ${fixture("orders.csv")}`)).toMatch(/需要管理员或以上权限/);
    const slack = await h.workspace("T-IMPORT", "slack");
    const slackAdmin = await h.user(slack.id, "Sam", "admin");
    const byPath = await h.router.run(
      { workspaceId: slack.id, userId: slackAdmin.id },
      `/import customers ${fixture("customers.csv")}`,
    );
    expect(byPath.blocks[0]).toMatchObject({ type: "text", text: "请把 CSV 文件作为附件随命令一起发送。" });
    const caller = {
      workspaceId: slack.id,
      userId: slackAdmin.id,
      attachments: [{ name: "customers.csv", data: readFileSync(fixture("customers.csv")) }],
    };
    // The Slack team has no 王伟 or 赵强 to own two of the customers.
    expect(await h.router.run(caller, "/import customers")).toMatchObject({
      blocks: [{ text: "有 2 行有问题，整个文件都没有导入" }, {}, {}, {}],
    });
    expect((await h.router.run(caller, "/import customers skipBad:是")).blocks[0]).toEqual({
      type: "heading",
      text: "已导入客户：新增 1，更新 0，未变 0",
    });
  });

  it("answers /import <kind> without a file with the columns to write, in the reader's language; a file of the fewest columns imports", async () => {
    // A workspace of its own: the other tests count this one's customers.
    const own = await h.workspace("guide");
    const ownAdmin = await h.user(own.id, "周敏", "admin");
    await h.say(ownAdmin, "/customer add 样例回款商行 type:dealer");
    const { code } = await h.prisma.customer.findFirstOrThrow({ where: { name: "样例回款商行" } });
    const slack = await h.workspace("T-GUIDE", "slack");
    const chatAdmin = await h.user(slack.id, "Sam", "admin");
    const before = await h.counts();
    const guide = renderText(await h.router.run({ workspaceId: slack.id, userId: chatAdmin.id }, "/import 回款")).text;
    expect(guide).toContain("== 导入回款：CSV 文件的写法 ==");
    expect(guide).toContain("日期 *  日期，如 2026-01-05、2026/1/5、20260105 · 列名也可写作：date、回款日期、收款日期");
    expect(guide).toContain("把 CSV 文件作为附件，随 /import 回款 一起发送");
    expect(await h.counts()).toEqual(before);

    // The columns it names are enough for a file that imports.
    const fewest = /最少只要这几列：(.+)。/.exec(guide)![1]!.split("、");
    expect(fewest).toEqual(["客户编码", "日期", "金额"]);
    const csv = `${fewest.join(",")}\n${code},2026-01-05,1200\n`;
    const imported = await h.router.run(
      { workspaceId: own.id, userId: ownAdmin.id, attachments: [{ name: "p.csv", data: Buffer.from(csv) }] },
      "/import 回款",
    );
    expect(imported.blocks[0]).toEqual({ type: "heading", text: "已导入回款：新增 1，更新 0，未变 0" });

    // A row without its customer or a required value is named by the column as the file names it.
    const gaps = await h.router.run(
      {
        workspaceId: own.id,
        userId: ownAdmin.id,
        attachments: [{ name: "p.csv", data: Buffer.from(`客户编码,收款日期,金额\n,2026-01-05,100\n${code},,100\n`) }],
      },
      "/import 回款",
    );
    const problems = renderText(gaps).text;
    expect(problems).toMatch(/第 2 行\s+没有写客户：“客户编码”和“客户名称”至少填一个/);
    expect(problems).toMatch(/第 3 行\s+缺少“收款日期”/);

    // In English, the stored values a sheet writes, and on the console a path rather than an attachment.
    const english = await h.user(own.id, "Emma", "admin", { locale: "en" });
    const customers = await h.say(english, "/import customers");
    expect(customers).toContain(
      "type  one of: dealer, retailer, agent, end · also named: 类型、客户类型、客户构成".replaceAll("、", ", "),
    );
    expect(customers).toContain("name *  text");
    expect(customers).toContain("e.g. /import customers ./customers.csv");
    expect(customers).not.toContain("customer name");
  });

  it("reports new customers already on file or twice in the file (撞单) by line, and imports them when told to", async () => {
    const own = await h.workspace("dup-import");
    const boss = await h.user(own.id, "钱总", "admin");
    await h.user(own.id, "孙丽", "rep");
    await h.say(boss, "/customer add 老王商行 type:dealer 电话:13912345678 owner:孙丽");
    const csv = [
      "名称,类型,电话",
      "好邻居便利店,零售商,",
      "好邻居便利,零售商,",
      "王记批发部,经销商,139-1234-5678",
      "老王,经销商,",
      "新华书店,零售商,",
    ].join("\n");
    const run = (line: string) =>
      h.router.run(
        { workspaceId: own.id, userId: boss.id, attachments: [{ name: "c.csv", data: Buffer.from(csv) }] },
        line,
      );
    const before = await h.counts();
    const refused = renderText(await run("/import customers")).text;
    expect(refused).toMatch(/第 3 行\s+与第 2 行的 好邻居便利店 同名或同电话；确是另一家请加上 仍然新建：是 再导入/);
    expect(refused).toMatch(/第 4 行\s+已有同名或同电话的客户 老王商行（C0001），负责人 孙丽/);
    expect(refused).toMatch(/第 5 行\s+已有同名或同电话的客户 老王商行（C0001）/);
    expect(refused).toMatch(/• 第 3 行/);
    expect(refused).not.toMatch(/• 第 [26] 行/);
    expect(await h.counts()).toEqual(before);
    expect((await run("/import customers 仍然新建:是")).blocks[0]).toEqual({
      type: "heading",
      text: "已导入客户：新增 5，更新 0，未变 0",
    });
  });

  it("refuses a file with more rows than the configured cap, whole, before writing anything", async () => {
    const capped = new Router({
      prisma: h.prisma,
      commands,
      logger: createLogger("silent"),
      limits: { importRows: 2 },
    });
    const csv = "编码,名称,类型\nCAP1,上限一,dealer\nCAP2,上限二,dealer\nCAP3,上限三,dealer\n";
    const before = await tables();
    const reply = await capped.run(
      { workspaceId: admin.workspaceId, userId: admin.id, attachments: [{ name: "c.csv", data: Buffer.from(csv) }] },
      "/import customers",
    );
    expect(renderText(reply).text).toBe("✗ 文件超过 2 行，一次导入不了。请拆成几个文件分别导入。");
    expect(await tables()).toEqual(before);
  });

  it("reads a long file a batch at a time: a row repeated batches later is still caught, and nothing stays staged", async () => {
    const rows = Array.from(
      { length: 2_500 },
      (_, i) => `LONG-${i},HD001,2026-03-${String(1 + (i % 28)).padStart(2, "0")},茶叶,1,${100 + i}`,
    );
    rows.push("LONG-7,HD001,2026-03-08,茶叶,1,107"); // line 2,502 repeats line 9, two batches earlier
    // Line 2,503 repeats line 1,502 of the batch just before, whose staging may still be running.
    rows.push("LONG-1500,HD001,2026-03-17,茶叶,1,1600");
    const data = Buffer.from(`单号,客户编码,日期,产品,数量,金额\n${rows.join("\n")}\n`);
    const run = (line: string) =>
      h.router.run({ workspaceId: admin.workspaceId, userId: admin.id, attachments: [{ name: "o.csv", data }] }, line);
    const before = await tables();

    const refused = renderText(await run("/import orders")).text;
    expect(refused).toContain("有 2 行有问题，整个文件都没有导入");
    expect(refused).toMatch(/第 2502 行\s+与第 9 行重复（LONG-7）/);
    expect(refused).toMatch(/第 2503 行\s+与第 1502 行重复（LONG-1500）/);
    expect(await tables()).toEqual(before);

    const written = renderText(await run("/import orders skipBad:是")).text;
    expect(written).toContain("已导入进货记录：新增 2500，更新 0，未变 0");
    expect((await tables()).orders).toBe(before.orders + 2_500);
    const again = renderText(await run("/import orders skipBad:是")).text;
    expect(again).toContain("进货记录未变 2500");
    expect(await h.prisma.importRow.count()).toBe(0);
    await h.prisma.order.deleteMany({ where: { externalId: { startsWith: "LONG-" } } });
  });

  it("imports two different order numbers that share a key fingerprint batches apart, neither taken for a repeat", async () => {
    const byFingerprint = new Map<number, string>();
    let pair: [string, string] | undefined;
    for (let n = 0; !pair; n++) {
      const key = `FP-${n}`;
      const other = byFingerprint.get(fingerprint(key));
      if (other) pair = [other, key];
      else byFingerprint.set(fingerprint(key), key);
    }
    const [first, second] = pair;
    const filler = Array.from({ length: 1_200 }, (_, i) => `FILL-${i},HD001,2026-03-02,茶叶,1,${100 + i}`);
    const rows = [`${first},HD001,2026-03-01,茶叶,1,10`, ...filler, `${second},HD001,2026-03-03,茶叶,1,20`];
    const data = Buffer.from(`单号,客户编码,日期,产品,数量,金额\n${rows.join("\n")}\n`);
    const before = await tables();

    const text = renderText(
      await h.router.run(
        { workspaceId: admin.workspaceId, userId: admin.id, attachments: [{ name: "o.csv", data }] },
        "/import orders",
      ),
    ).text;
    expect(text).toContain("已导入进货记录：新增 1202，更新 0，未变 0");
    expect((await tables()).orders).toBe(before.orders + 1_202);
    const imported = await h.prisma.order.findMany({ where: { externalId: { in: [first, second] } } });
    expect(imported.map((o) => Number(o.amount)).sort((a, b) => a - b)).toEqual([1_000, 2_000]); // in fen
    await h.prisma.order.deleteMany({
      where: { OR: [{ externalId: { startsWith: "FILL-" } }, { externalId: { in: [first, second] } }] },
    });
  });

  it("answers an import whose staging fails midway with the failure, and writes and keeps nothing of it", async () => {
    const rows = Array.from({ length: 2_500 }, (_, i) => `FAIL-${i},HD001,2026-03-01,茶叶,1,${100 + i}`);
    const data = Buffer.from(`单号,客户编码,日期,产品,数量,金额\n${rows.join("\n")}\n`);
    const insertRows = BulkWrites.prototype.insertRows;
    let staged = 0;
    const failing = vi.spyOn(BulkWrites.prototype, "insertRows").mockImplementation(function (
      this: BulkWrites,
      ...args: Parameters<BulkWrites["insertRows"]>
    ) {
      // The second batch's staging fails while the third batch is being read.
      if (args[1] === "ImportRow" && ++staged === 2) return Promise.reject(new Error("no space left on device"));
      return insertRows.apply(this, args);
    });
    try {
      const before = await tables();
      const reply = await h.router.run(
        { workspaceId: admin.workspaceId, userId: admin.id, attachments: [{ name: "o.csv", data }] },
        "/import orders",
      );
      expect(reply.tone).toBe("error");
      expect(renderText(reply).text).toContain("服务器磁盘已满，这次没有保存任何内容");
      expect(staged).toBe(2);
      expect(await tables()).toEqual(before);
      expect(await h.prisma.importRow.count()).toBe(0);
    } finally {
      failing.mockRestore();
    }
  });

  it("drops rows staged by an import that never finished once they are a day old, and leaves a running import's alone", async () => {
    const customer = await h.prisma.customer.findFirstOrThrow({ where: { code: "HD001" } });
    const staged = (importId: string, stagedAt: Date) => ({
      importId,
      workspaceId: admin.workspaceId,
      line: 2,
      fresh: true,
      customerId: customer.id,
      at: h.now,
      amount: 100n,
      externalId: `${importId}-1`,
      stagedAt,
    });
    const hours = (n: number) => new Date(h.now.getTime() - n * 3_600_000);
    await h.prisma.importRow.createMany({
      data: [staged("stopped", hours(25)), staged("running", hours(1))], // the process stopped mid-import; another one reading
    });
    const csv = "单号,客户编码,日期,产品,数量,金额\nSTALE-1,HD001,2026-03-01,茶叶,1,100\n";
    const reply = await h.router.run(
      { workspaceId: admin.workspaceId, userId: admin.id, attachments: [{ name: "o.csv", data: Buffer.from(csv) }] },
      "/import orders",
    );
    expect(renderText(reply).text).toContain("已导入进货记录：新增 1");
    expect((await h.prisma.importRow.findMany({ select: { importId: true } })).map((r) => r.importId)).toEqual([
      "running",
    ]);
    await h.prisma.importRow.deleteMany();
    await h.prisma.order.deleteMany({ where: { externalId: "STALE-1" } });
  });

  it("says in the reader's language what breaks a file that is not CSV, and how to fix it", async () => {
    const before = await tables();
    const broken = join(mkdtempSync(join(tmpdir(), "crm-import-")), "broken.csv");
    writeFileSync(broken, '编码,名称,类型\nQ1,"引号"没关,dealer\n');
    expect(await h.say(admin, `/import customers ${broken}`)).toBe(
      '✗ 文件在第 2 行无法按 CSV 读取：格子里的引号后面紧跟着别的字符（格子里的引号要写成两个 ""）。请在 Excel 或 WPS 里另存为“CSV（逗号分隔）”后再导入。',
    );
    writeFileSync(broken, '编码,名称,类型\nQ1,"没有结尾,dealer\n');
    await h.say(admin, "/crm language en");
    expect(await h.say(admin, `/import customers ${broken}`)).toBe(
      '✗ The file cannot be read as CSV at line 2: a cell opens with a quote that is never closed before the end of the file. Save it from Excel or WPS as "CSV (comma delimited)" and import it again.',
    );
    await h.say(admin, "/crm language zh-CN");
    expect(await tables()).toEqual(before);
  });

  it("refuses a file on the bot's machine larger than the upload cap before reading it", async () => {
    const capped = new Router({
      prisma: h.prisma,
      commands,
      logger: createLogger("silent"),
      limits: { uploadBytes: 1024 * 1024 },
    });
    const big = join(mkdtempSync(join(tmpdir(), "crm-import-")), "big.csv");
    writeFileSync(big, `单号,客户编码,日期,金额\n${"X,HD001,2026-01-01,1\n".repeat(60_000)}`);
    const reply = await capped.run({ workspaceId: admin.workspaceId, userId: admin.id }, `/import orders ${big}`);
    expect(renderText(reply).text).toBe(`✗ 文件 ${big} 太大：最大 1 MB。请拆成几个小文件分别导入。`);
  });

  it("exports names a spreadsheet would run as formulas as text, and imports them back unchanged", async () => {
    const names = ["=HYPERLINK(A1)", "+cmd|' /C calc'!A0", "@SUM(1)", "-2+3"];
    for (const [i, name] of names.entries())
      expect(await h.say(admin, `/customer add ${JSON.stringify(name)} type:dealer code:FX${i}`)).toContain(
        "已新增客户",
      );
    const file = (await h.reply(admin, "/export customers")).files![0]!;
    const text = Buffer.from(file.data).toString("utf8");
    expect(text).toContain("FX0,'=HYPERLINK(A1)");
    expect(text).toContain("FX1,'+cmd|' /C calc'!A0");
    expect(text).toContain("FX2,'@SUM(1)");
    expect(text).toContain("FX3,'-2+3");
    for (const line of text.split("\n")) expect(line.split(",")[1] ?? "").not.toMatch(/^[=+\-@]/);
    const before = await tables();
    const back = await h.router.run(
      { workspaceId: admin.workspaceId, userId: admin.id, attachments: [{ name: "c.csv", data: file.data }] },
      "/import customers",
    );
    expect((back.blocks[0] as { text: string }).text).toMatch(/^没有需要导入的新内容：客户未变 \d+$/);
    expect(await tables()).toEqual(before);
    const stored = await h.prisma.customer.findMany({
      where: { code: { startsWith: "FX" } },
      orderBy: { code: "asc" },
    });
    expect(stored.map((c) => c.name)).toEqual(names);
    await h.prisma.customerSearchTerm.deleteMany({ where: { customer: { code: { startsWith: "FX" } } } });
    await h.prisma.customerChange.deleteMany({ where: { customer: { code: { startsWith: "FX" } } } });
    await h.prisma.customer.deleteMany({ where: { code: { startsWith: "FX" } } });
  });

  it("exports what the import reads: the same file imported back changes nothing, in UTF-8 with a BOM or in GBK", async () => {
    const so1003 = await h.prisma.order.findFirstOrThrow({ where: { externalId: "SO-1003" } });
    const id = `JH-${String(so1003.number).padStart(4, "0")}`;
    expect(await h.say(admin, `/order void ${id} 重复录入`)).toContain(`已作废 ${id}`);
    const utf8 = await h.reply(admin, "/export orders");
    const file = utf8.files![0]!;
    expect(file).toMatchObject({ name: "orders-2026-11-25.csv", mime: "text/csv" });
    const text = Buffer.from(file.data).toString("utf8");
    // Each entry's id and, for a voided one, who voided it, when and why follow the columns the import reads.
    expect(text.startsWith("\uFEFF单号,客户编码,客户名称,日期,产品,规格,数量,金额,结账,作废,记录号\n")).toBe(true);
    expect(text).toContain(
      `SO-1003,HD001,北京华达商贸,2026-11-02,果汁,1L,20,3600.50,否,2026-11-25 管理员：重复录入,${id}\n`,
    );
    expect(text).toMatch(/SO-1001,HD001,[^\n]*,是,,JH-\d{4}\n/);
    const gbk = (await h.reply(admin, "/export customers encoding:gbk")).files![0]!;
    const customers = iconv.decode(Buffer.from(gbk.data), "gb18030");
    expect(customers).toContain("HD001,北京华达商贸");
    // A Chinese sheet names types and statuses in Chinese, as the import reads them back.
    expect(customers).toMatch(/,经销商,活跃,/);
    expect(customers).not.toMatch(/,(dealer|retailer|active),/);

    const before = await tables();
    const back = await h.router.run(
      { workspaceId: admin.workspaceId, userId: admin.id, attachments: [{ name: "orders.csv", data: file.data }] },
      "/import orders",
    );
    expect(back.blocks[0]).toEqual({ type: "heading", text: "没有需要导入的新内容：进货记录未变 7" });
    const customersBack = await h.router.run(
      { workspaceId: admin.workspaceId, userId: admin.id, attachments: [{ name: "c.csv", data: gbk.data }] },
      "/import customers",
    );
    expect(customersBack.blocks[0]).toEqual({ type: "heading", text: "没有需要导入的新内容：客户未变 3" });
    expect(await tables()).toEqual(before);

    // Taken to another team's bot, the voided entry is refused by line, never made one that stands.
    const other = await h.workspace("other-team");
    const otherAdmin = await h.user(other.id, "另一位管理员", "admin");
    const importInto = (line: string, data: Uint8Array) =>
      h.router.run({ workspaceId: other.id, userId: otherAdmin.id, attachments: [{ name: "x.csv", data }] }, line);
    await h.say(otherAdmin, "/customer add 北京华达商贸 type:dealer code:HD001");
    await h.say(otherAdmin, "/customer add 重庆百货大楼 type:retailer code:BH002");
    const refused = renderText(await importInto("/import orders", file.data)).text;
    const line = text.split("\n").findIndex((l) => l.startsWith("SO-1003")) + 1;
    expect(refused).toContain(`第 ${line} 行`);
    expect(refused).toContain("是作废的记录（“作废”一栏已填），不会导入");
    expect(await h.prisma.order.count({ where: { workspaceId: other.id } })).toBe(0);
    await importInto("/import orders skipBad:是", file.data);
    expect(await h.prisma.order.count({ where: { workspaceId: other.id } })).toBe(6);
    expect(await h.prisma.order.count({ where: { workspaceId: other.id, externalId: "SO-1003" } })).toBe(0);
  });
});

describe("the words a Chinese export writes", () => {
  it("are each read back by the import as the value they name", () => {
    const vocab = zhCN.vocab as Record<string, Record<string, string>>;
    const env = { now: new Date(), timezone: "Asia/Shanghai", locale: "zh-CN" as const, maxAmount: 1n };
    const columns = Object.values(COLUMNS)
      .flat()
      .filter((c) => c.vocabulary);
    expect(columns.length).toBeGreaterThan(0);
    for (const column of columns)
      for (const [value, label] of Object.entries(vocab[column.vocabulary!]!))
        expect(column.parse(label, env), `${column.field}: ${label}`).toEqual({ ok: true, value });
  });
});
