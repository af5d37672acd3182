import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { describe, expect, it } from "vitest";
import { formatterFor } from "../../src/i18n/format.js";

// "3 days overdue", "last visit 12 days ago": counted in calendar days where the workspace is.
describe("Formatter.daysSince", () => {
  it("counts calendar days in the workspace time zone, not UTC", () => {
    const fmt = formatterFor("zh-CN", "Asia/Shanghai", "CNY");
    // 23:30 and 00:30 Shanghai time, an hour apart: yesterday.
    expect(fmt.daysSince(new Date("2026-11-24T15:30:00Z"), new Date("2026-11-24T16:30:00Z"))).toBe(1);
    // 00:30 and 23:30 of the same Shanghai day: today, though the UTC dates differ.
    expect(fmt.daysSince(new Date("2026-11-24T16:30:00Z"), new Date("2026-11-25T15:30:00Z"))).toBe(0);
    expect(fmt.daysSince(new Date("2026-11-30T00:00:00Z"), new Date("2026-11-25T00:00:00Z"))).toBe(-5);
  });

  it("agrees with date-fns across daylight-saving changes and half-hour zones", () => {
    let seed = 7;
    const random = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31);
    // Around the 2026 changes in New York (8 March, 1 November) and St John's (UTC-3:30, DST too).
    const around = [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 2, 8, 5, 30)];
    for (const zone of ["America/New_York", "America/St_Johns", "Asia/Kolkata", "Australia/Lord_Howe", "Asia/Shanghai"]) {
      const fmt = formatterFor("en", zone, "USD");
      for (let i = 0; i < 500; i++) {
        const base = around[i % around.length]!;
        // Minutes either side of a change, and whole weeks away.
        const date = new Date(base + Math.round((random() - 0.5) * 6 * 3_600_000));
        const now = new Date(base + Math.round((random() - 0.5) * 20 * 86_400_000));
        const expected = differenceInCalendarDays(new TZDate(now.getTime(), zone), new TZDate(date.getTime(), zone));
        expect([zone, date.toISOString(), now.toISOString(), fmt.daysSince(date, now)]).toEqual([zone, date.toISOString(), now.toISOString(), expected]);
      }
    }
  });
});
