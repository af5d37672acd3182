import { describe, expect, it } from "vitest";
import { customerSearchTerms, prefixUpperBound, queryKeys } from "../../src/domain/customers/search-terms.js";

const terms = (name: string) => customerSearchTerms({ name, code: "C0001" }).map((t) => t.term);

describe("customer search keys", () => {
  it("stores full pinyin and initials from every syllable", () => {
    expect(terms("北京华达")).toEqual(expect.arrayContaining(["beijinghuada", "bjhd", "huada", "hd"]));
  });

  it("reads polyphones in context and keeps the other readings", () => {
    const chongqing = customerSearchTerms({ name: "重庆百货", code: "X" });
    const weight = (term: string) => chongqing.find((t) => t.term === term)?.weight ?? -1;
    expect(weight("chongqingbaihuo")).toBeGreaterThan(weight("zhongqingbaihuo"));
    expect(weight("zhongqingbaihuo")).toBeGreaterThan(0);
    expect(terms("张三商行")).toContain("zhangsanshanghang");
    expect(terms("乐山乐器行")).toContain("leshanyueqixing");
  });

  it("turns a mixed query into full-pinyin and initials keys", () => {
    expect(queryKeys("bj华达")).toEqual(["bjhuada", "bjhd"]);
    expect(queryKeys("重庆")).toEqual(["chongqing"]);
    expect(queryKeys("Bei Jing")).toEqual(["beijing"]);
  });

  it("indexes phone tails and the code", () => {
    const t = customerSearchTerms({ name: "x", code: "HD-01", phone: "138-0013-8888" }).map((x) => x.term);
    expect(t).toEqual(expect.arrayContaining(["13800138888", "8888", "hd01"]));
  });

  it("bounds a prefix range within [0-9a-z]", () => {
    expect(prefixUpperBound("hd")).toBe("he");
    expect(prefixUpperBound("az")).toBe("b");
    expect(prefixUpperBound("19")).toBe("1a");
    expect(prefixUpperBound("zz")).toBeUndefined();
  });
});
