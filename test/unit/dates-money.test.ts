import { describe, expect, it } from "vitest";
import { outsideDateYears, parseDate } from "../../src/core/dates.js";
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

  it("refuses impossible dates and other text", () => {
    for (const text of ["02-30", "2026-13-01", "next week", "", "12/32"])
      expect(parseDate(text, LATE_UTC, TZ)).toBeUndefined();
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

  it("refuses what is not an amount", () => {
    for (const text of ["abc", "1.234", "1,00", "", "12万元x"]) expect(parseMoney(text)).toBeUndefined();
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
