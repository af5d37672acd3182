import { describe, expect, it } from "vitest";
import { quoteIfNeeded, tokenize, UnclosedQuoteError } from "../../src/core/tokenize.js";

describe("tokenize", () => {
  it("splits words and key:value pairs", () => {
    expect(tokenize("add 北京华达 type:dealer 电话:138")).toEqual([
      { kind: "word", value: "add" },
      { kind: "word", value: "北京华达" },
      { kind: "named", key: "type", value: "dealer" },
      { kind: "named", key: "电话", value: "138" },
    ]);
  });

  it("accepts the full-width colon, full-width spaces and Chinese quotes", () => {
    expect(tokenize("备注：“下周 再去”\u3000地址：「北京 朝阳」")).toEqual([
      { kind: "named", key: "备注", value: "下周 再去" },
      { kind: "named", key: "地址", value: "北京 朝阳" },
    ]);
  });

  it("keeps quoted words whole and takes the word after a dangling colon as the value", () => {
    expect(tokenize('"张三 商行" phone: 13800138000')).toEqual([
      { kind: "word", value: "张三 商行" },
      { kind: "named", key: "phone", value: "13800138000" },
    ]);
  });

  it("does not read times or URLs-like numbers as keys", () => {
    expect(tokenize("10:30")).toEqual([{ kind: "word", value: "10:30" }]);
  });

  it("splits on exactly the characters a regular expression's \\s matches", () => {
    const mismatched: string[] = [];
    for (let code = 0; code < 0x10000; code++) {
      const ch = String.fromCharCode(code);
      if (`"'“‘「『”:：`.includes(ch)) continue;
      const split = tokenize(`a${ch}b`).length === 2;
      if (split !== /\s/.test(ch)) mismatched.push(code.toString(16));
    }
    expect(mismatched).toEqual([]);
  });

  it("joins quoted parts to the text around them and finds the colon after a quote", () => {
    expect(tokenize('前"张三 商行"后 “备注”：“下周 再去” "a b":c')).toEqual([
      { kind: "word", value: "前张三 商行后" },
      { kind: "named", key: "备注", value: "下周 再去" },
      { kind: "word", value: "a b:c" },
    ]);
    expect(tokenize('"" 客户:""')).toEqual([
      { kind: "word", value: "" },
      { kind: "named", key: "客户", value: "" },
    ]);
  });

  it("refuses an unclosed quote", () => {
    expect(() => tokenize("notes:“没有闭合")).toThrow(UnclosedQuoteError);
  });

  it("quotes what it must so that values survive a round trip", () => {
    for (const value of ["张三 商行", "a:b", "plain"]) {
      const [token] = tokenize(quoteIfNeeded(value));
      expect(token).toEqual({ kind: "word", value });
    }
  });
});
