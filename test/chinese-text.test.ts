import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { zhCN } from "../src/i18n/locales/zh-CN.js";
import { halfWidthBesideHan, readableTexts } from "./support/chinese-text.js";
import { Harness, type TestUser } from "./support/harness.js";

function messages(tree: object, prefix = ""): [string, string][] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [[`${prefix}${k}`, v] as [string, string]] : messages(v as object, `${prefix}${k}.`),
  );
}

describe("Chinese text reads as Chinese", () => {
  it("every zh-CN message uses full-width punctuation beside Chinese characters", () => {
    // A placeholder stands for what fills it, often Chinese: "{{name}}(" is as wrong as "王伟(".
    const found = messages(zhCN).flatMap(([key, text]) =>
      halfWidthBesideHan(text.replace(/{{\w+}}/g, "某")).map((snippet) => `${key}: ${snippet}`),
    );
    expect(found).toEqual([]);
  });

  it("sets Chinese quotation marks against the words beside them, as Chinese typesetting does", () => {
    // A space after a closing quote stays where the next word is another argument of a command line.
    const spaced = /[\p{Script=Han}，。：；（）！？、] “|” (?![^\s:：]+[:：])[\p{Script=Han}，。：；（）！？、]/u;
    const found = messages(zhCN)
      .filter(([, text]) => spaced.test(text.replace(/{{\w+}}/g, "某")))
      .map(([key, text]) => `${key}: ${text}`);
    expect(found).toEqual([]);
  });

  describe("the replies to every command's examples", () => {
    let h: Harness;
    let admin: TestUser;
    let rep: TestUser;

    beforeAll(async () => {
      h = await Harness.open("sqlite");
      const ws = await h.workspace();
      admin = await h.user(ws.id, "管理员", "admin");
      const manager = await h.user(ws.id, "李经理", "manager");
      rep = await h.user(ws.id, "王伟", "rep", { manager });
      for (const name of ["北京华达商贸", "重庆百货大楼", "沈阳鑫源批发部", "成都好又多超市"])
        await h.say(admin, `/customer add ${name} type:dealer owner:王伟 电话:1380000${name.length}`);
      await h.say(rep, "/visit log 华达 谈了新品 承诺:送样品");
      await h.say(rep, "/complaint file 华达 质量 外箱破损");
      await h.say(rep, "/order add 华达 5万");
      await h.say(admin, "/alert run");
    });
    afterAll(() => h.close());

    it("use full-width punctuation beside Chinese characters, as help and as run", async () => {
      const found: string[] = [];
      const check = async (user: TestUser, line: string) => {
        const reply = await h.reply(user, line);
        for (const text of readableTexts(reply))
          for (const snippet of halfWidthBesideHan(text)) found.push(`${line} → ${snippet}`);
      };
      await check(rep, "/crm help");
      for (const command of commands) {
        const path = `/${command.path.join(" ")}`;
        await check(admin, `${path} help`);
        for (const example of command.examples ?? []) await check(admin, `${path} ${example}`);
      }
      expect(found).toEqual([]);
    });
  });
});
