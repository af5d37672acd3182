import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Reply } from "../src/core/reply.js";
import { testProviders } from "./support/databases.js";
import { Harness, type TestUser } from "./support/harness.js";

/** The commands a refusal offers as buttons. */
const offered = (reply: Reply) =>
  reply.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons.map((button) => button.command) : []));

describe.each(testProviders())("what a rep on a Chinese input method types, on %s", (provider) => {
  let h: Harness;
  let wang: TestUser;

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    const admin = await h.user(ws.id, "管理员", "admin");
    wang = await h.user(ws.id, "王伟", "rep");
    await h.say(admin, "/customer add 北京华达商贸 type:dealer owner:王伟");
  });
  afterAll(() => h.close());

  it("takes 、 and ／ for /, and the Chinese command words Discord shows, with or without a slash", async () => {
    for (const line of [
      "、customer find 华达",
      "／客户 查找 华达",
      "/客户 查找 华达",
      "客户 查找 华达",
      "、客户 查看 华达",
    ])
      expect(await h.say(wang, line), line).toMatch(/北京华达商贸（C0001）/);
    expect(await h.say(wang, "/拜访 记录 华达 谈了新品，下周三再去")).toContain("已记录拜访：北京华达商贸");
  });

  it("offers the nearest commands to a mistyped one, as buttons that run the line as meant", async () => {
    const typo = await h.reply(wang, "/custmer find 华达");
    expect(typo.tone).toBe("error");
    expect(typo.blocks[0]).toMatchObject({
      text: expect.stringMatching(/没有 \/custmer 这个命令。你是不是想用 \/customer？/),
    });
    expect(offered(typo)).toEqual(["/customer find 华达"]);
    expect(await h.say(wang, offered(typo)[0]!)).toContain("北京华达商贸（C0001）");

    expect(offered(await h.reply(wang, "/客护 查找 华达"))).toEqual(["/customer 查找 华达"]);
    expect(offered(await h.reply(wang, "/customer fnid 华达"))).toEqual(["/customer find 华达"]);
    // Not a command at all, but near an argument's name: the help of the commands that take it.
    expect(offered(await h.reply(wang, "/信用额度"))).toContain("/customer edit help");
    // Nothing near: the plain refusal.
    expect(offered(await h.reply(wang, "/今天天气怎么样"))).toEqual([]);
  });

  it("offers the nearest argument names to a mistyped one, in Chinese, and writes nothing", async () => {
    const before = await h.counts();
    const typo = await h.reply(wang, "/customer edit 华达 电活:13900001111");
    expect(typo.blocks[0]).toMatchObject({
      text: expect.stringMatching(/不认识参数“电活”。你是不是想写 电话？这个命令的参数有：客户、名称、类型/),
    });
    expect(offered(typo)).toEqual(["/customer edit 华达 电话:13900001111"]);
    expect(await h.counts()).toEqual(before);
    expect(await h.say(wang, offered(typo)[0]!)).toContain("电话：（空） → 13900001111");
  });

  it("names arguments and choices in Chinese when it refuses them, and offers the command without an optional one it could not read", async () => {
    const before = await h.counts();
    const refused = await h.reply(wang, "/visit log 华达 谈了新品 回访:下周八");
    expect(refused.blocks[0]).toMatchObject({
      text: "参数 回访 的值“下周八”无效，应为：日期，如 2026-12-01、12月3号、15号、明天、下周三、周五、月底、+3d。",
    });
    expect(offered(refused)).toEqual(["/visit log 华达 谈了新品"]);
    expect(await h.counts()).toEqual(before);
    expect(await h.say(wang, offered(refused)[0]!)).toContain("已记录拜访：北京华达商贸");
    // A day its month lacks is said to be that, not just no date.
    const noSuchDay = await h.reply(wang, "/visit log 华达 谈了新品 回访:三十一号");
    expect(noSuchDay.blocks[0]).toMatchObject({ text: "参数 回访 的日期“三十一号”不存在：11月没有31号。" });
    expect(offered(noSuchDay)).toEqual(["/visit log 华达 谈了新品"]);

    expect(await h.say(wang, "/visit log 华达 方式:飞鸽传书")).toContain(
      "参数 方式 的值“飞鸽传书”无效，应为：上门、电话、线上。",
    );
  });

  it("takes amounts as they are said and typed", async () => {
    // Without a product there is nothing to put in brackets: no "(-)".
    expect(await h.say(wang, "/order add 华达 五万")).toMatch(
      /^已记录进货 JH-\d{4}：北京华达商贸 ¥50,000.00，2026\/11\/25。\n/,
    );
    expect(await h.say(wang, "/order add 华达 一万二")).toContain("¥12,000.00");
    expect(await h.say(wang, "/payment add 华达 12，000")).toContain("¥12,000.00");
    expect(await h.say(wang, "/payment add 华达 三千五百元")).toContain("¥3,500.00");
    expect(await h.say(wang, "/customer show 华达")).toContain("¥46,500.00");
    // The unit typed as a word of its own belongs to the amount, not to the next argument.
    expect(await h.say(wang, "/payment add 华达 ￥5,000 元")).toMatch(
      /^已记录回款 HK-\d{4}：北京华达商贸 ¥5,000.00，2026\/11\/25。/,
    );
    expect(await h.say(wang, "/order add 华达 1.5 万 矿泉水")).toMatch(
      /^已记录进货 JH-\d{4}：北京华达商贸 ¥15,000.00（矿泉水），/,
    );
    expect(await h.say(wang, "/expense add 华达 金额:300 块 招待")).toMatch(
      /^已记录销售费用 FY-\d{4}：北京华达商贸 ¥300.00（招待），/,
    );
  });

  it("shows a birthday as a day of the year, without a year, whenever it falls", async () => {
    // 12-20 lies ahead of NOW (11-25): a birthday is not "in the future".
    expect(await h.say(wang, "/contact add 华达 李明 生日:12-20")).not.toMatch(/在将来/);
    await h.say(wang, "/contact add 华达 赵芳 生日:1975年5月12日");
    const list = await h.say(wang, "/contact list 华达");
    expect(list).toContain("生日 12月20日");
    expect(list).toContain("生日 5月12日");
    expect(list).not.toMatch(/1975|2026\/12\/20/);
  });
});
