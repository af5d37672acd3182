import { TZDate } from "@date-fns/tz";
import { addDays } from "date-fns/addDays";
import { addMonths } from "date-fns/addMonths";
import { addWeeks } from "date-fns/addWeeks";
import { isValid } from "date-fns/isValid";
import { addYears } from "date-fns/addYears";
import { endOfMonth } from "date-fns/endOfMonth";
import { startOfDay } from "date-fns/startOfDay";
import { startOfMonth } from "date-fns/startOfMonth";
import { startOfWeek } from "date-fns/startOfWeek";
import { withArabicNumerals } from "./chinese-numerals.js";
import { BoundedMemo } from "./memo.js";

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

/**
 * Which way a date without its month or year leans: a follow-up's 15号 said on the 20th is next
 * month's, a visit's 周五 said on a Thursday was last week's.
 */
export type DateLean = "future" | "past";

const DAY_WORDS: Record<string, number> = {
  today: 0,
  今天: 0,
  今日: 0,
  tomorrow: 1,
  明天: 1,
  明日: 1,
  yesterday: -1,
  昨天: -1,
  昨日: -1,
  后天: 2,
  大后天: 3,
  前天: -2,
  大前天: -3,
};

/** 周一 … 周日 as date-fns counts from Monday: 0 … 6. */
const WEEKDAYS: Record<string, number> = { 一: 0, 二: 1, 三: 2, 四: 3, 五: 4, 六: 5, 日: 6, 天: 6, 七: 6 };
/** How many weeks ahead a prefix puts a weekday (undefined: none, so the lean decides). */
const WEEK_PREFIXES: Record<string, number | undefined> = {
  "": undefined,
  本: 0,
  这: 0,
  这个: 0,
  下: 1,
  下个: 1,
  下下: 2,
  下下个: 2,
  上: -1,
  上个: -1,
};
const WEEKDAY = /^(本|这个?|下下个?|下个?|上个?)?(?:周|星期|礼拜)([一二三四五六日天七1-7])?$/;
/** 月底, 下月初, 下个月5号, 本月15日, 下月: a month word, then the part of it. */
const MONTH_PART = /^(本月|这个月|下下?个?月|上个?月|月)?(底|末|初|中|(\d{1,2})[号日])?$/;
const MONTH_OFFSETS: Record<string, number> = {
  "": 0,
  月: 0,
  本月: 0,
  这个月: 0,
  下月: 1,
  下个月: 1,
  下下月: 2,
  下下个月: 2,
  上月: -1,
  上个月: -1,
};

const toDate = (d: Date) => new Date(d.getTime());
/** The start of a month's last day (date-fns's endOfMonth is its last millisecond). */
const endOfMonthDay = (d: Date) => startOfDay(endOfMonth(d));

/** A day of the month that some months have and the one named does not: 2月30号, 11-31. */
export interface MissingDay {
  month: number;
  day: number;
}

/** A zoned calendar day; the day a month lacks (02-30, 11-31), or undefined for no day at all (13-01). */
function calendarDay(year: number, month: number, day: number, timezone: string): Date | MissingDay | undefined {
  if (month < 1 || month > 12 || day < 1 || day > 31) return undefined;
  const date = new TZDate(year, month - 1, day, timezone);
  if (!isValid(date)) return undefined;
  if (date.getMonth() !== month - 1 || date.getDate() !== day) return { month, day };
  return toDate(date);
}

/**
 * Moves a date that lies on the wrong side of today by one `step` so that it leans the right way;
 * one that lies less than `tolerance` days on the wrong side stays, to be refused as past or
 * future: 11-20 typed on 11-25 for a follow-up is a mistake, 1-05 typed in December is January.
 */
function leaning(
  date: Date | MissingDay | undefined,
  today: TZDate,
  lean: DateLean | undefined,
  step: (d: TZDate, n: number) => Date,
  tolerance = 0,
): Date | MissingDay | undefined {
  if (!(date instanceof Date) || !lean) return date;
  const zoned = new TZDate(date.getTime(), today.timeZone!);
  const days = (date.getTime() - today.getTime()) / 86_400_000;
  if (lean === "future" && days < -tolerance) return toDate(step(zoned, 1));
  if (lean === "past" && days > tolerance) return toDate(step(zoned, -1));
  return date;
}

/** How far a month and day without a year may lie on the wrong side of today and still be this year's. */
const HALF_YEAR_DAYS = 183;

/**
 * Parses the date forms users type: 2026-12-01, 2026/12/01, 12-01, 12月1日, 12月3号, 十二月三号,
 * 15号, today/今天, 明天, 后天, 大后天, 昨天, 周三 / 星期三 / 礼拜三, 本周五, 下周三, 下下周一, 下周,
 * 月底, 月初, 月中, 下个月, 下月5号, 年底, 年初, +3d, -2w, +1m. Returns the start of that day in
 * `timezone`, or undefined when the text is not a date. Where the text leaves the week, month or
 * year open, `lean` picks the side of today it falls on (this week, month or year without one).
 */
export function parseDate(text: string, now: Date, timezone: string, lean?: DateLean): Date | undefined {
  const date = readDate(text, now, timezone, lean);
  return date instanceof Date ? date : undefined;
}

/** The day the text names that its month does not have (2月30号; 31号 in November), if that is why it is no date. */
export function missingDay(text: string, now: Date, timezone: string, lean?: DateLean): MissingDay | undefined {
  const date = readDate(text, now, timezone, lean);
  return date instanceof Date ? undefined : date;
}

function readDate(text: string, now: Date, timezone: string, lean?: DateLean): Date | MissingDay | undefined {
  const s = text.trim().toLowerCase().replace(/\s+/g, "");
  const zoned = startOfDay(new TZDate(now.getTime(), timezone));
  if (s in DAY_WORDS) return toDate(addDays(zoned, DAY_WORDS[s]!));

  const relative = /^([+-])(\d{1,4})([dwm天周月])$/.exec(s);
  if (relative) {
    const n = Number(relative[2]) * (relative[1] === "-" ? -1 : 1);
    const unit = relative[3]!;
    const shifted =
      unit === "d" || unit === "天"
        ? addDays(zoned, n)
        : unit === "w" || unit === "周"
          ? addWeeks(zoned, n)
          : addMonths(zoned, n);
    return toDate(shifted);
  }

  const weekday = WEEKDAY.exec(s);
  if (weekday && (weekday[1] || weekday[2])) {
    const prefix = weekday[1] ?? "";
    const day = weekday[2] === undefined ? 0 : (WEEKDAYS[weekday[2]] ?? Number(weekday[2]) - 1);
    const monday = startOfWeek(zoned, { weekStartsOn: 1 });
    const date = toDate(addDays(addWeeks(monday, WEEK_PREFIXES[prefix] ?? 0), day));
    return WEEK_PREFIXES[prefix] === undefined ? leaning(date, zoned, lean, (d, n) => addWeeks(d, n)) : date;
  }

  const arabic = withArabicNumerals(s);
  const yearPart = /^(今|明|去)?年(底|末|初)$/.exec(arabic);
  if (yearPart) {
    const year = zoned.getFullYear() + (yearPart[1] === "明" ? 1 : yearPart[1] === "去" ? -1 : 0);
    const end = yearPart[2] !== "初";
    const date = calendarDay(year, end ? 12 : 1, end ? 31 : 1, timezone);
    return yearPart[1] ? date : leaning(date, zoned, lean, (d, n) => addYears(d, n));
  }

  const monthPart = MONTH_PART.exec(arabic);
  if (monthPart && (monthPart[2] || (monthPart[1] && monthPart[1] !== "月"))) {
    const offset = MONTH_OFFSETS[monthPart[1] ?? ""]!;
    const first = addMonths(startOfMonth(zoned), offset);
    const part = monthPart[2] ?? "初";
    const date =
      part === "底" || part === "末"
        ? toDate(endOfMonthDay(first))
        : part === "初"
          ? toDate(first)
          : part === "中"
            ? toDate(addDays(first, 14))
            : calendarDay(first.getFullYear(), first.getMonth() + 1, Number(monthPart[3]), timezone);
    return monthPart[1] && monthPart[1] !== "月" ? date : leaning(date, zoned, lean, (d, n) => addMonths(d, n));
  }

  const full = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(arabic);
  if (full) return calendarDay(Number(full[1]), Number(full[2]), Number(full[3]), timezone);
  const short = /^(\d{1,2})[-/.月](\d{1,2})[日号]?$/.exec(arabic);
  if (!short) return undefined;
  const date = calendarDay(zoned.getFullYear(), Number(short[1]), Number(short[2]), timezone);
  return leaning(date, zoned, lean, (d, n) => addYears(d, n), HALF_YEAR_DAYS);
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
