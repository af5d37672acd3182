import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { addWeeks } from "date-fns/addWeeks";
import { isValid } from "date-fns/isValid";
import { startOfDay } from "date-fns/startOfDay";
import { BoundedMemo } from "./memo.js";

/**
 * Parses the date forms users type: 2026-12-01, 2026/12/01, 12-01, 12月1日, today/今天,
 * tomorrow/明天, yesterday/昨天, +3d, -2w, +1m. Returns the start of that day in `timezone`,
 * or undefined when the text is not a date.
 */
/** The years a date may fall in: a year outside was a typing mistake (0000, 9999), never business. */
export const DATE_YEARS = { first: 1900, last: 2100 } as const;

/**
 * Whether a date someone typed lies outside DATE_YEARS, by the year they wrote (so 0000 is not
 * quietly read as 1900, JavaScript's rule for two-digit years) or the date it came to (+99999d).
 */
export function outsideDateYears(text: string, value: Date | undefined, timezone: string): boolean {
  const typed = /^\s*(\d{4})(?:[-/.年]|\d{4}$)/.exec(text)?.[1];
  const year =
    typed !== undefined ? Number(typed) : value ? new TZDate(value.getTime(), timezone).getFullYear() : undefined;
  return year !== undefined && (year < DATE_YEARS.first || year > DATE_YEARS.last);
}

export function parseDate(text: string, now: Date, timezone: string): Date | undefined {
  const s = text.trim().toLowerCase();
  const today = startOfDay(new TZDate(now.getTime(), timezone));
  const words: Record<string, number> = {
    today: 0,
    今天: 0,
    今日: 0,
    tomorrow: 1,
    明天: 1,
    明日: 1,
    yesterday: -1,
    昨天: -1,
    后天: 2,
    前天: -2,
  };
  if (s in words) return new Date(addDays(today, words[s]!).getTime());

  const relative = /^([+-])(\d{1,4})([dwm天周月])$/.exec(s);
  if (relative) {
    const n = Number(relative[2]) * (relative[1] === "-" ? -1 : 1);
    const unit = relative[3]!;
    const shifted =
      unit === "d" || unit === "天"
        ? addDays(today, n)
        : unit === "w" || unit === "周"
          ? addWeeks(today, n)
          : addMonths(today, n);
    return new Date(shifted.getTime());
  }

  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  const short = /^(\d{1,2})[-/.月](\d{1,2})日?$/.exec(s);
  const [year, month, day] = full
    ? [Number(full[1]), Number(full[2]), Number(full[3])]
    : short
      ? [today.getFullYear(), Number(short[1]), Number(short[2])]
      : [NaN, NaN, NaN];
  if (Number.isNaN(year)) return undefined;
  const date = new TZDate(year, month - 1, day, timezone);
  // Reject rollovers such as 02-30 becoming March 2.
  if (!isValid(date) || date.getMonth() !== month - 1 || date.getDate() !== day) return undefined;
  return new Date(date.getTime());
}

export const QUARTER_HOUR_MS = 15 * 60_000;
/** Quarter hours per zone whose day start is remembered before it starts over. */
const DAY_STARTS_KEPT = 10_000;
const dayStarts = new Map<string, BoundedMemo<number, number>>();

/**
 * The start of the day `date` falls on, in `timezone`. Zones' offsets are whole quarter hours and
 * change on a quarter hour, so a quarter hour of UTC lies within one local day, and its day start
 * is worked out once: date-fns on TZDate asks Intl for the offset at every step, which cost a
 * tenth of a follow-up list.
 */
export function startOfDayIn(date: Date, timezone: string): Date {
  let starts = dayStarts.get(timezone);
  if (!starts) dayStarts.set(timezone, (starts = new BoundedMemo(DAY_STARTS_KEPT)));
  const quarter = Math.floor(date.getTime() / QUARTER_HOUR_MS);
  return new Date(starts.get(quarter, () => startOfDay(new TZDate(date.getTime(), timezone)).getTime()));
}

/** A month as users and the database name it: "2026-12". */
export type Month = `${number}-${number}`;

export function monthOf(date: Date, timezone: string): Month {
  const d = new TZDate(date.getTime(), timezone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}` as Month;
}

/** The instants a month spans in `timezone`: [start, end). */
export function monthRange(month: Month, timezone: string): { start: Date; end: Date } {
  const [year, m] = month.split("-").map(Number) as [number, number];
  const start = new TZDate(year, m - 1, 1, timezone);
  return { start: new Date(start.getTime()), end: new Date(addMonths(start, 1).getTime()) };
}

/**
 * Parses the month forms users type: 2026-12, 2026/12, 2026年12月, 12月, this month/本月,
 * last month/上月, next month/下月.
 */
export function parseMonth(text: string, now: Date, timezone: string): Month | undefined {
  const s = text.trim().toLowerCase();
  const current = startOfDay(new TZDate(now.getTime(), timezone));
  const words: Record<string, number> = {
    this: 0,
    "this-month": 0,
    本月: 0,
    这个月: 0,
    last: -1,
    "last-month": -1,
    上月: -1,
    上个月: -1,
    next: 1,
    "next-month": 1,
    下月: 1,
    下个月: 1,
  };
  if (s in words) return monthOf(addMonths(current, words[s]!), timezone);
  const full = /^(\d{4})(?:[-/.年])(\d{1,2})月?$/.exec(s);
  const short = /^(\d{1,2})月$/.exec(s);
  const [year, month] = full
    ? [Number(full[1]), Number(full[2])]
    : short
      ? [current.getFullYear(), Number(short[1])]
      : [NaN, NaN];
  if (Number.isNaN(year) || month < 1 || month > 12) return undefined;
  return `${year}-${String(month).padStart(2, "0")}` as Month;
}

/** A budget period: a month (2026-12), a quarter (2026-Q4) or a year (2026). */
export type Period = string;

/** Parses 2026-12, 2026-Q4, 2026Q4, 2026年4季度, 2026, and the month forms of parseMonth. */
export function parsePeriod(text: string, now: Date, timezone: string): Period | undefined {
  const s = text.trim().toUpperCase();
  const quarter = /^(\d{4})[-\s]?(?:Q|年第?)([1-4])(?:季度?)?$/.exec(s);
  if (quarter) return `${quarter[1]}-Q${quarter[2]}`;
  const year = /^(\d{4})年?$/.exec(s);
  if (year) return year[1]!;
  return parseMonth(text, now, timezone);
}

/** The instants a budget period spans in `timezone`: [start, end). */
export function periodRange(period: Period, timezone: string): { start: Date; end: Date } {
  const quarter = /^(\d{4})-Q([1-4])$/.exec(period);
  if (quarter) {
    const start = monthRange(
      `${quarter[1]}-${String((Number(quarter[2]) - 1) * 3 + 1).padStart(2, "0")}` as Month,
      timezone,
    ).start;
    return { start, end: new Date(addMonths(new TZDate(start.getTime(), timezone), 3).getTime()) };
  }
  if (/^\d{4}$/.test(period)) {
    const start = monthRange(`${period}-01` as Month, timezone).start;
    return { start, end: new Date(addMonths(new TZDate(start.getTime(), timezone), 12).getTime()) };
  }
  return monthRange(period as Month, timezone);
}

/** The `count` months ending with `last`, oldest first. */
export function monthsBack(last: Month, count: number): Month[] {
  const [year, month] = last.split("-").map(Number) as [number, number];
  return Array.from({ length: count }, (_, i) => {
    const index = year * 12 + (month - 1) - (count - 1 - i);
    return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, "0")}` as Month;
  });
}

/** The calendar day of an instant in `timezone`, as "2026-11-25". */
export function dayOf(date: Date, timezone: string): string {
  const d = new TZDate(date.getTime(), timezone);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, "0")}-${String(d.getDate()).padStart(2, "0")}`;
}
