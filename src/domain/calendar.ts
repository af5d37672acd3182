import { TZDate } from "@date-fns/tz";
import chineseDays from "chinese-days";
import { addDays } from "date-fns/addDays";
import Holidays from "date-holidays";
import { dayOf } from "../core/dates.js";
import type { Locale } from "../core/locale.js";
import type { WorkspaceDb, WorkspaceTx } from "../db/scope.js";
import { readSetting } from "./settings.js";

/**
 * Which days are working days (工作日): a country's public holidays off, and for China also the
 * weekend days worked in exchange (调休) — a complaint's three working days over 国庆 are not three
 * calendar days. `undefined` country: Monday to Friday, nothing else.
 */
export interface WorkCalendar {
  readonly country: string | undefined;
  isWorkday(day: string): boolean;
  /** The holiday a day off falls in, or the holiday a weekend day is worked for; undefined on an ordinary day. */
  occasion(day: string, locale: Locale): string | undefined;
  /** Whether a year's days off are only the fixed holidays: China announces each year's 放假安排 late in the year before. */
  provisional(year: number): boolean;
}

/** A workspace's choice: a country code, NO_CALENDAR, or null to follow its time zone. */
export const NO_CALENDAR = "none";
/** The zones of mainland China, whose workspaces get China's calendar until an admin picks another. */
const CHINA_ZONES = new Set(["Asia/Shanghai", "Asia/Chongqing", "Asia/Chungking", "Asia/Harbin", "Asia/Urumqi", "PRC"]);

const DAY_MS = 86_400_000;
const weekday = (day: string) => {
  const dow = new Date(`${day}T00:00:00Z`).getUTCDay();
  return dow !== 0 && dow !== 6;
};

const WEEKDAYS_ONLY: WorkCalendar = {
  country: undefined,
  isWorkday: weekday,
  occasion: () => undefined,
  provisional: () => false,
};

/** A country's full-day public holidays per year and language, from date-holidays. */
class PublicHolidays {
  private readonly holidays: Holidays;
  private readonly years = new Map<string, Map<string, string>>();

  constructor(country: string) {
    this.holidays = new Holidays(country);
  }

  name(day: string, locale: Locale): string | undefined {
    const year = Number(day.slice(0, 4));
    const lang = locale === "zh-CN" ? "zh" : "en";
    const key = `${year}|${lang}`;
    let days = this.years.get(key);
    if (!days) {
      days = new Map();
      // Half days (妇女节 afternoons, 青年节) start at noon and are no day off for a sales team.
      for (const h of this.holidays.getHolidays(year, lang))
        if (h.type === "public" && h.date.slice(11, 19) === "00:00:00") days.set(h.date.slice(0, 10), h.name);
      this.years.set(key, days);
    }
    return days.get(day);
  }
}

function countryCalendar(country: string): WorkCalendar {
  const holidays = new PublicHolidays(country);
  return {
    country,
    isWorkday: (day) => weekday(day) && holidays.name(day, "en") === undefined,
    occasion: (day, locale) => holidays.name(day, locale),
    provisional: () => false,
  };
}

/** China: chinese-days for the years whose 放假安排 is published, the fixed public holidays after that. */
function chinaCalendar(): WorkCalendar {
  const published = new Map<number, boolean>();
  const isPublished = (year: number) => {
    let known = published.get(year);
    if (known === undefined) {
      // A published year has holidays on weekdays; chinese-days answers by weekday alone for the others.
      known = chineseDays.getHolidaysInRange(`${year}-01-01`, `${year}-12-31`, false).length > 0;
      published.set(year, known);
    }
    return known;
  };
  const fallback = countryCalendar("CN");
  const byYear = (day: string) => isPublished(Number(day.slice(0, 4)));
  return {
    country: "CN",
    isWorkday: (day) => (byYear(day) ? chineseDays.isWorkday(day) : fallback.isWorkday(day)),
    occasion(day, locale) {
      if (!byYear(day)) return fallback.occasion(day, locale);
      // "National Day,国庆节,3" (its English name, its Chinese name, the days off) on a holiday or a
      // day worked for one; a plain weekday's name ("Thursday") otherwise.
      const [en, zh] = chineseDays.getDayDetail(day).name.split(",");
      if (zh === undefined) return undefined;
      return locale === "zh-CN" ? zh : en;
    },
    provisional: (year) => !isPublished(year),
  };
}

const calendars = new Map<string, WorkCalendar>();

/** The calendar a workspace works by: its admin's choice, else China's in a Chinese time zone, else weekdays. */
export function workCalendar(choice: string | null, timezone: string): WorkCalendar {
  const country = choice ?? (CHINA_ZONES.has(timezone) ? "CN" : NO_CALENDAR);
  if (country === NO_CALENDAR) return WEEKDAYS_ONLY;
  let found = calendars.get(country);
  if (!found) calendars.set(country, (found = country === "CN" ? chinaCalendar() : countryCalendar(country)));
  return found;
}

/** The workspace's calendar, read from its settings. */
export async function readWorkCalendar(db: WorkspaceDb | WorkspaceTx, timezone: string): Promise<WorkCalendar> {
  return workCalendar((await readSetting(db, "calendar")).country, timezone);
}

/** Working days after `from`, counted in the workspace's time zone; the time of day is kept. */
export function addWorkingDays(from: Date, days: number, timezone: string, calendar: WorkCalendar): Date {
  let at = new TZDate(from.getTime(), timezone);
  for (let left = days; left > 0; ) {
    at = addDays(at, 1);
    if (calendar.isWorkday(dayOf(at, timezone))) left--;
  }
  return new Date(at.getTime());
}

/** The calendar day `n` days after `day` ("2026-10-01"). */
export function dayAfter(day: string, n = 1): string {
  return new Date(Date.parse(`${day}T00:00:00Z`) + n * DAY_MS).toISOString().slice(0, 10);
}

/** The first working day after `day`. */
export function nextWorkday(calendar: WorkCalendar, day: string): string {
  let next = dayAfter(day);
  while (!calendar.isWorkday(next)) next = dayAfter(next);
  return next;
}

/** A holiday's days off in a row, or the days worked for it in a row (调休). */
export interface HolidayRun {
  occasion: string;
  work: boolean;
  first: string;
  last: string;
}

/** The holidays and the days worked for them, from `from` on for `days` days: 国庆节 10-01…10-07 off. */
export function holidayRuns(calendar: WorkCalendar, from: string, days: number, locale: Locale): HolidayRun[] {
  const runs: HolidayRun[] = [];
  for (let i = 0; i < days; i++) {
    const day = dayAfter(from, i);
    const occasion = calendar.occasion(day, locale);
    if (occasion === undefined) continue;
    const work = calendar.isWorkday(day);
    const last = runs.at(-1);
    if (last && last.occasion === occasion && last.work === work && dayAfter(last.last) === day) last.last = day;
    else runs.push({ occasion, work, first: day, last: day });
  }
  return runs;
}

const COUNTRY_CODES = new Set(Object.keys(new Holidays().getCountries()));
const COUNTRY_WORDS: Record<string, string> = {
  中国大陆: "CN",
  大陆: "CN",
  内地: "CN",
  香港: "HK",
  澳门: "MO",
  台湾: "TW",
};
const NO_CALENDAR_WORDS = new Set([NO_CALENDAR, "weekdays", "无", "不用", "不按节假日", "仅周末", "周末"]);
const countryNames = (locale: string) => new Intl.DisplayNames([locale], { type: "region" });

/** A country as an admin types it (CN, cn, 中国, China, 香港, none, 无); undefined when it has no calendar here. */
export function calendarChoiceOf(text: string): string | undefined {
  const word = text.normalize("NFKC").trim();
  if (NO_CALENDAR_WORDS.has(word.toLowerCase())) return NO_CALENDAR;
  if (COUNTRY_CODES.has(word.toUpperCase())) return word.toUpperCase();
  if (COUNTRY_WORDS[word]) return COUNTRY_WORDS[word];
  const zh = countryNames("zh-CN");
  const en = countryNames("en");
  for (const code of COUNTRY_CODES)
    if (zh.of(code) === word || en.of(code)?.toLowerCase() === word.toLowerCase()) return code;
  return undefined;
}

/** A country's name in the reader's language: 中国, Singapore. */
export function countryName(code: string, locale: Locale): string {
  return countryNames(locale).of(code) ?? code;
}
