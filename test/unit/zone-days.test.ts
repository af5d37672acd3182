import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns/differenceInCalendarDays";
import { describe, expect, it } from "vitest";
import { startOfDay } from "date-fns/startOfDay";
import { startOfDayIn } from "../../src/core/dates.js";
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
    for (const { zone, date, now } of aroundChanges()) {
      const expected = differenceInCalendarDays(new TZDate(now.getTime(), zone), new TZDate(date.getTime(), zone));
      expect([
        zone,
        date.toISOString(),
        now.toISOString(),
        formatterFor("en", zone, "USD").daysSince(date, now),
      ]).toEqual([zone, date.toISOString(), now.toISOString(), expected]);
    }
  });
});

// Both remember what they worked out per quarter hour or per day: they must answer as if they did not.
describe("day starts and dates in the workspace time zone", () => {
  it("start each day where date-fns does, across daylight-saving changes and half-hour zones", () => {
    for (const { zone, date, now } of aroundChanges()) {
      for (const instant of [date, now]) {
        const expected = startOfDay(new TZDate(instant.getTime(), zone)).getTime();
        expect([zone, instant.toISOString(), startOfDayIn(instant, zone).toISOString()]).toEqual([
          zone,
          instant.toISOString(),
          new Date(expected).toISOString(),
        ]);
      }
    }
  });

  it("write each date as Intl does", () => {
    for (const { zone, date, now } of aroundChanges()) {
      for (const locale of ["zh-CN", "en"] as const) {
        // English dates are written year first, as en-CA does (2026-12-01).
        const intl = new Intl.DateTimeFormat(locale === "en" ? "en-CA" : locale, {
          timeZone: zone,
          year: "numeric",
          month: "2-digit",
          day: "2-digit",
        });
        for (const instant of [date, now])
          expect([zone, instant.toISOString(), formatterFor(locale, zone, "USD").formatDate(instant)]).toEqual([
            zone,
            instant.toISOString(),
            intl.format(instant),
          ]);
      }
    }
  });
});

/** Instants minutes either side of the 2026 changes in New York and St John's (UTC-3:30, DST too), and weeks away, in five zones. */
function* aroundChanges(): Generator<{ zone: string; date: Date; now: Date }> {
  let seed = 7;
  const random = () => (seed = (seed * 1103515245 + 12345) % 2 ** 31) / 2 ** 31;
  const around = [Date.UTC(2026, 2, 8, 7), Date.UTC(2026, 10, 1, 6), Date.UTC(2026, 2, 8, 5, 30)];
  for (const zone of ["America/New_York", "America/St_Johns", "Asia/Kolkata", "Australia/Lord_Howe", "Asia/Shanghai"]) {
    for (let i = 0; i < 500; i++) {
      const base = around[i % around.length]!;
      const date = new Date(base + Math.round((random() - 0.5) * 6 * 3_600_000));
      const now = new Date(base + Math.round((random() - 0.5) * 20 * 86_400_000));
      yield { zone, date, now };
    }
  }
}
