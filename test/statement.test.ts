import { parse } from "csv-parse/sync";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { renderText } from "../src/platforms/console/render.js";
import { tableSvg } from "../src/charts/table.js";
import { testProviders } from "./support/databases.js";
import { Harness, type TestUser } from "./support/harness.js";

const PNG_SIGNATURE = [0x89, 0x50, 0x4e, 0x47];
/** A PNG's width and height, from its header. */
const pngSize = (data: Uint8Array) => {
  const view = new DataView(data.buffer, data.byteOffset);
  return { width: view.getUint32(16), height: view.getUint32(20) };
};
const csvRows = (data: Uint8Array) =>
  parse(
    Buffer.from(data)
      .toString("utf8")
      .replace(/^\uFEFF/, ""),
  ) as string[][];

describe.each(testProviders())("statements of account on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let wang: TestUser;
  let zhao: TestUser;
  let tom: TestUser;

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    admin = await h.user(ws.id, "管理员", "admin");
    wang = await h.user(ws.id, "王伟", "rep");
    zhao = await h.user(ws.id, "赵六", "rep");
    tom = await h.user(ws.id, "Tom", "admin", { locale: "en" });
    await h.say(admin, "/customer add 北京华达商贸 type:dealer owner:王伟");
    // Before November: owed 1,000 − 400 = 600.
    await h.say(wang, "/order add 华达 1000 date:10-28");
    await h.say(wang, "/payment add 华达 400 date:10-30");
    await h.say(wang, "/order add 华达 5000 矿泉水 date:11-03");
    await h.say(wang, "/order add 华达 300 date:11-10");
    await h.say(wang, "/payment add 华达 2000 date:11-15 note:转账");
    await h.say(wang, "/order add 华达 800 纯净水 date:11-20");
    await h.say(wang, "/order void JH-0003 金额录错");
  });
  afterAll(() => h.close());

  it("states this month so far: opening balance, each order and payment with the running balance, voids marked, closing balance", async () => {
    const answer = await h.reply(wang, "/statement 华达");
    const text = renderText(answer).text;
    expect(text).toContain("北京华达商贸（C0001）对账单");
    expect(text).toContain("对账期间：2026/11/01 – 2026/11/25");
    expect(text).toContain("期初余额：¥600.00");
    expect(text).toContain("本期进货：¥5,800.00");
    expect(text).toContain("本期回款：¥2,000.00");
    expect(text).toContain("期末余额：¥4,400.00");
    const lines = text.split("\n").filter((l) => /JH-|HK-/.test(l));
    expect(lines).toEqual([
      expect.stringContaining("2026/11/03 · JH-0002 · 进货 ¥5,000.00 · 余额 ¥5,600.00"),
      expect.stringContaining("2026/11/10 · JH-0003 · 进货 ¥300.00 · 余额 ¥5,600.00"),
      expect.stringContaining("2026/11/15 · HK-0002 · 回款 ¥2,000.00 · 余额 ¥3,600.00"),
      expect.stringContaining("2026/11/20 · JH-0004 · 进货 ¥800.00 · 余额 ¥4,400.00"),
    ]);
    expect(text).toContain("〔作废〕王伟 2026/11/25：金额录错");

    const [png, csv] = answer.files!;
    expect(png!.name).toBe("对账单-C0001-2026-11-01.png");
    expect([...png!.data.slice(0, 4)]).toEqual(PNG_SIGNATURE);
    expect(pngSize(png!.data).width).toBe(1240);
    expect(csv!.name).toBe("对账单-C0001-2026-11-01.csv");
    const rows = csvRows(csv!.data);
    expect(rows[0]).toEqual(["客户", "北京华达商贸（C0001）", "", "", "", "", "", ""]);
    expect(rows[2]).toEqual(["日期", "编号", "类型", "摘要", "进货金额", "回款金额", "余额", "作废"]);
    expect(rows[3]).toEqual(["", "", "", "期初余额", "", "", "600.00", ""]);
    expect(rows[5]).toEqual([
      "2026/11/10",
      "JH-0003",
      "进货",
      "",
      "300.00",
      "",
      "5600.00",
      "2026/11/25 王伟：金额录错",
    ]);
    expect(rows[6]).toEqual(["2026/11/15", "HK-0002", "回款", "转账", "", "2000.00", "3600.00", ""]);
    expect(rows.at(-1)).toEqual(["", "", "", "期末余额", "5800.00", "2000.00", "4400.00", ""]);
  });

  it("draws the printable sheet with every entry, the void greyed, and the totals", () => {
    const svg = tableSvg({
      title: "对账单",
      subtitle: ["客户：北京华达商贸（C0001）"],
      columns: [
        { header: "日期", width: 130 },
        { header: "摘要", width: 200 },
        { header: "余额", width: 200, align: "right" },
      ],
      rows: [
        { cells: ["2026/11/03", "矿泉水 <500ml> & 纯净水很长很长的名字", "¥5,600.00"] },
        { cells: ["2026/11/10", "〔作废〕", "¥5,600.00"], struck: true },
      ],
      footer: ["期末余额：¥4,400.00"],
    });
    expect(svg).toContain("矿泉水 &lt;500ml&gt; &amp;");
    expect(svg).toContain("…</text>");
    expect(svg).toMatch(/fill="#999">〔作废〕/);
    expect(svg).toMatch(/text-anchor="end" fill="#222">¥5,600.00/);
    expect(svg).toContain("期末余额：¥4,400.00");
  });

  it("takes a period, refuses one that runs backwards, and hides other reps' customers", async () => {
    const october = renderText(await h.reply(wang, "/statement 华达 2026-10-01 2026-10-31")).text;
    expect(october).toContain("期初余额：¥0.00");
    expect(october).toContain("期末余额：¥600.00");
    const empty = renderText(await h.reply(wang, "/statement 华达 从:2026-09-01 到:2026-09-30")).text;
    expect(empty).toContain("这段时间没有进货和回款。");
    expect(await h.say(wang, "/statement 华达 2026-11-20 2026-11-01")).toContain(
      "开始日期 2026/11/20 晚于结束日期 2026/11/01，请对调两个日期。",
    );
    expect(await h.say(zhao, "/statement 华达")).toContain("找不到客户");
    expect(await h.say(wang, "对账单 华达")).toContain("期末余额：¥4,400.00");
  });

  it("speaks English to an English speaker, files included", async () => {
    const answer = await h.reply(tom, "/statement 华达");
    expect(renderText(answer).text).toContain("Closing balance: ¥4,400.00");
    expect(answer.files!.map((f) => f.name)).toEqual([
      "statement-C0001-2026-11-01.png",
      "statement-C0001-2026-11-01.csv",
    ]);
    expect(csvRows(answer.files![1]!.data)[2]).toEqual([
      "Date",
      "Id",
      "Type",
      "Details",
      "Ordered",
      "Paid",
      "Balance",
      "Voided",
    ]);
  });
});
