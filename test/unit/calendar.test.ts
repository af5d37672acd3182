import { describe, expect, it } from "vitest";
import { addWorkingDays, calendarChoiceOf, workCalendar } from "../../src/domain/calendar.js";

describe("working calendars", () => {
  it("reads a country as an admin types it", () => {
    expect(["CN", "cn", "中国", "中国大陆", "China", "ＣＮ"].map(calendarChoiceOf)).toEqual(Array(6).fill("CN"));
    expect(["香港", "HK", "新加坡", "Singapore", "美国", "us"].map(calendarChoiceOf)).toEqual([
      "HK",
      "HK",
      "SG",
      "SG",
      "US",
      "US",
    ]);
    expect(["无", "none", "None", "周末"].map(calendarChoiceOf)).toEqual(Array(4).fill("none"));
    expect(["火星", "XX", ""].map(calendarChoiceOf)).toEqual([undefined, undefined, undefined]);
  });

  it("follows the time zone until chosen: China's in Shanghai, weekdays elsewhere", () => {
    expect(workCalendar(null, "Asia/Shanghai").country).toBe("CN");
    expect(workCalendar(null, "Europe/Berlin").country).toBeUndefined();
    expect(workCalendar("none", "Asia/Shanghai").isWorkday("2026-10-01")).toBe(true);
    expect(workCalendar("DE", "Asia/Shanghai").isWorkday("2026-10-03")).toBe(false);
  });

  it("keeps the fixed public holidays of a year whose 放假安排 is not published yet", () => {
    const china = workCalendar("CN", "Asia/Shanghai");
    expect(china.provisional(2026)).toBe(false);
    expect(china.provisional(2027)).toBe(true);
    expect(china.isWorkday("2027-10-01")).toBe(false);
    expect(china.occasion("2027-10-01", "zh-CN")).toBe("国庆节");
    expect(china.isWorkday("2027-10-08")).toBe(true);
  });

  it("adds working days in the workspace's time zone, keeping the time of day", () => {
    const china = workCalendar("CN", "Asia/Shanghai");
    // 23:30 on 09-30 in Shanghai is still 09-30 there, though 15:30 UTC.
    expect(addWorkingDays(new Date("2026-09-30T15:30:00Z"), 1, "Asia/Shanghai", china)).toEqual(
      new Date("2026-10-08T15:30:00Z"),
    );
    expect(addWorkingDays(new Date("2026-09-30T15:30:00Z"), 0, "Asia/Shanghai", china)).toEqual(
      new Date("2026-09-30T15:30:00Z"),
    );
  });
});
