import { describe, expect, it } from "vitest";
import { dayOf, missingDay, outsideDateYears, parseDate } from "../../src/core/dates.js";
import { parseMoney, toDecimal } from "../../src/core/money.js";
import { formatterFor } from "../../src/i18n/format.js";

const TZ = "Asia/Shanghai";
// 2026-11-25 20:00 UTC is already 2026-11-26 04:00 in Shanghai.
const LATE_UTC = new Date("2026-11-25T20:00:00Z");
const shanghaiMidnight = (date: string) => new Date(`${date}T00:00:00+08:00`);

describe("parseDate", () => {
  it("reads relative words in the configured time zone, not UTC", () => {
    expect(parseDate("today", LATE_UTC, TZ)).toEqual(shanghaiMidnight("2026-11-26"));
    expect(parseDate("今天", LATE_UTC, TZ)).toEqual(shanghaiMidnight("2026-11-26"));
    expect(parseDate("明天", LATE_UTC, TZ)).toEqual(shanghaiMidnight("2026-11-27"));
    expect(parseDate("tomorrow", LATE_UTC, "UTC")).toEqual(new Date("2026-11-26T00:00:00Z"));
  });

  it("reads ISO, short and Chinese forms and offsets", () => {
    expect(parseDate("2026-12-01", LATE_UTC, TZ)).toEqual(shanghaiMidnight("2026-12-01"));
    expect(parseDate("12-01", LATE_UTC, TZ)).toEqual(shanghaiMidnight("2026-12-01"));
    expect(parseDate("2026年12月1日", LATE_UTC, TZ)).toEqual(shanghaiMidnight("2026-12-01"));
    expect(parseDate("+3d", LATE_UTC, TZ)).toEqual(shanghaiMidnight("2026-11-29"));
    expect(parseDate("-1w", LATE_UTC, TZ)).toEqual(shanghaiMidnight("2026-11-19"));
  });

  it("reads the dates a Chinese rep types, leaning the way the argument looks", () => {
    // Thursday 2026-12-03, 10:00 in Shanghai.
    const thursday = new Date("2026-12-03T02:00:00Z");
    const day = (text: string, lean?: "future" | "past") => {
      const value = parseDate(text, thursday, TZ, lean);
      return value && dayOf(value, TZ);
    };
    expect(day("大后天")).toBe("2026-12-06");
    expect(day("大前天")).toBe("2026-11-30");
    // A bare weekday is this week's, unless the argument leans: a follow-up's 周三 is next week's, a visit's 周五 last week's.
    expect(day("周三")).toBe("2026-12-02");
    expect(day("周三", "future")).toBe("2026-12-09");
    expect(day("星期五", "past")).toBe("2026-11-27");
    expect(day("礼拜天")).toBe("2026-12-06");
    expect(day("本周五")).toBe("2026-12-04");
    expect(day("下周三")).toBe("2026-12-09");
    expect(day("下个星期一")).toBe("2026-12-07");
    expect(day("下下周一")).toBe("2026-12-14");
    expect(day("下周")).toBe("2026-12-07");
    expect(day("3号")).toBe("2026-12-03");
    expect(day("15日")).toBe("2026-12-15");
    expect(day("1号", "future")).toBe("2027-01-01");
    expect(day("28号", "past")).toBe("2026-11-28");
    expect(day("12月3号")).toBe("2026-12-03");
    expect(day("十二月三十一号")).toBe("2026-12-31");
    expect(day("1月5号", "future")).toBe("2027-01-05");
    expect(day("月底")).toBe("2026-12-31");
    expect(day("下月底")).toBe("2027-01-31");
    expect(day("月初", "future")).toBe("2027-01-01");
    expect(day("下个月")).toBe("2027-01-01");
    expect(day("下月5号")).toBe("2027-01-05");
    expect(day("下个月十五号")).toBe("2027-01-15");
    expect(day("年底")).toBe("2026-12-31");
    expect(day("明年初")).toBe("2027-01-01");
    for (const text of ["下周八", "32号", "11月31号", "下下下周一", "月", "一二号"]) expect(day(text)).toBeUndefined();
  });

  it("refuses impossible dates and other text", () => {
    for (const text of ["02-30", "2026-13-01", "next week", "", "12/32"])
      expect(parseDate(text, LATE_UTC, TZ)).toBeUndefined();
  });

  it("tells a day its month lacks from text that is no date at all", () => {
    // Typed in Shanghai on 2026-11-26: November has no 31st, whichever way the date leans.
    expect(missingDay("2月30号", LATE_UTC, TZ)).toEqual({ month: 2, day: 30 });
    expect(missingDay("2026-02-29", LATE_UTC, TZ)).toEqual({ month: 2, day: 29 });
    expect(missingDay("三十一号", LATE_UTC, TZ, "future")).toEqual({ month: 11, day: 31 });
    expect(missingDay("下个月31号", LATE_UTC, TZ)).toBeUndefined();
    expect(parseDate("下个月31号", LATE_UTC, TZ)?.toISOString()).toBe(shanghaiMidnight("2026-12-31").toISOString());
    for (const text of ["13-01", "32号", "0号", "next week", "2026-11-30"])
      expect(missingDay(text, LATE_UTC, TZ, "future")).toBeUndefined();
  });
});

describe("parseMoney", () => {
  it("reads amounts as exact minor units", () => {
    expect(parseMoney("12000")).toBe(1_200_000n);
    expect(parseMoney("¥12,000.50")).toBe(1_200_050n);
    expect(parseMoney("1.2万")).toBe(1_200_000n);
    expect(parseMoney("3k")).toBe(300_000n);
    expect(parseMoney("0.1")).toBe(10n);
    expect(parseMoney("-5")).toBe(-500n);
  });

  it("reads amounts as a Chinese rep types and says them", () => {
    expect(parseMoney("五万")).toBe(5_000_000n);
    expect(parseMoney("一万二")).toBe(1_200_000n);
    expect(parseMoney("三千五")).toBe(350_000n);
    expect(parseMoney("两千")).toBe(200_000n);
    expect(parseMoney("两千块")).toBe(200_000n);
    expect(parseMoney("一百零五元")).toBe(10_500n);
    expect(parseMoney("十二万三千")).toBe(12_300_000n);
    expect(parseMoney("1.5万元")).toBe(1_500_000n);
    expect(parseMoney("12，000")).toBe(1_200_000n);
    expect(parseMoney("￥5,000 元")).toBe(500_000n);
    expect(parseMoney("１２０００")).toBe(1_200_000n);
  });

  it("refuses what is not an amount", () => {
    for (const text of ["abc", "1.234", "1,00", "", "12万元x", "五五", "万", "十十", "两千三千", "元"])
      expect(parseMoney(text)).toBeUndefined();
  });
});

describe("money shown from the integer of fen", () => {
  it("formats any amount exactly, never through a float", () => {
    const fmt = formatterFor("zh-CN", TZ, "CNY");
    expect(fmt.formatMoney(9_223_372_036_854_775_807n)).toBe("¥92,233,720,368,547,758.07");
    expect(fmt.formatMoney(-1n)).toBe("-¥0.01");
    expect(toDecimal(-123_456n)).toBe("-1234.56");
    expect(toDecimal(5n)).toBe("0.05");
  });
});

describe("the years a date may fall in", () => {
  it("refuses a typed year outside 1900–2100, and a date an offset carries there, instead of reading 0000 as 1900", () => {
    expect(outsideDateYears("0000-01-01", parseDate("0000-01-01", LATE_UTC, TZ), TZ)).toBe(true);
    expect(outsideDateYears("9999-12-31", parseDate("9999-12-31", LATE_UTC, TZ), TZ)).toBe(true);
    expect(outsideDateYears("+9999m", parseDate("+9999m", LATE_UTC, TZ), TZ)).toBe(true);
    expect(outsideDateYears("19000101", undefined, TZ)).toBe(false);
    expect(outsideDateYears("18991231", undefined, TZ)).toBe(true);
    expect(outsideDateYears("2026-11-26", parseDate("2026-11-26", LATE_UTC, TZ), TZ)).toBe(false);
    expect(outsideDateYears("明天", parseDate("明天", LATE_UTC, TZ), TZ)).toBe(false);
  });
});
