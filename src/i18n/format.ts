import { tzOffset } from "@date-fns/tz";
import type { Locale } from "../core/locale.js";
import { QUARTER_HOUR_MS } from "../core/dates.js";
import { BoundedMemo } from "../core/memo.js";
import { toDecimal } from "../core/money.js";

const formatters = new Map<string, Formatter>();
const MINUTE_MS = 60_000;
const DAY_MS = 24 * 60 * MINUTE_MS;
/** Quarter hours' offsets, or days' texts, a formatter remembers before it starts over. */
const REMEMBERED = 10_000;

/** The formatter for a locale, time zone and currency, made once: creating its Intl formats costs more than most commands' queries. */
export function formatterFor(locale: Locale, timezone: string, currency: string): Formatter {
  const key = `${locale}|${timezone}|${currency}`;
  let found = formatters.get(key);
  if (!found) formatters.set(key, (found = new Formatter(locale, timezone, currency)));
  return found;
}

/** Formats numbers, money and dates for a user's locale in the workspace's time zone and currency. */
export class Formatter {
  private readonly money: Intl.NumberFormat;
  private readonly number: Intl.NumberFormat;
  private readonly date: Intl.DateTimeFormat;
  private readonly dateTime: Intl.DateTimeFormat;
  private readonly monthDay: Intl.DateTimeFormat;
  private readonly weekday: Intl.DateTimeFormat;

  constructor(
    readonly locale: Locale,
    readonly timezone: string,
    readonly currency: string,
  ) {
    this.money = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" });
    this.number = new Intl.NumberFormat(locale);
    // English dates as 2026-12-01: the US order (12/01/2026) reads as January 12 to most of the world.
    const dateLocale = locale === "en" ? "en-CA" : locale;
    this.date = new Intl.DateTimeFormat(dateLocale, {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
    });
    this.monthDay = new Intl.DateTimeFormat(locale, { timeZone: timezone, month: "long", day: "numeric" });
    this.weekday = new Intl.DateTimeFormat(locale, { timeZone: timezone, weekday: "short" });
    this.dateTime = new Intl.DateTimeFormat(dateLocale, {
      timeZone: timezone,
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      hour12: false,
    });
  }

  /*
   * Punctuation that joins parts of a reply built in code: full-width in Chinese (北京华达商贸（C0001）,
   * 目的：新品推介), ASCII with spaces in English.
   */
  private get chinese() {
    return this.locale === "zh-CN";
  }

  /** A name with its code or another short aside: 北京华达商贸（C0001）, Huada (C0001). */
  aside(text: string, note: string): string {
    return this.chinese ? `${text}（${note}）` : `${text} (${note})`;
  }

  /** A value after its label: 目的：新品推介, Purpose: samples. */
  labelled(label: string, value: string): string {
    return this.chinese ? `${label}：${value}` : `${label}: ${value}`;
  }

  /** Items of one list: 甲、乙 or a, b. */
  list(items: readonly string[]): string {
    return items.join(this.chinese ? "、" : ", ");
  }

  /** Clauses of one sentence: 甲；乙 or a; b. */
  clauses(items: readonly string[]): string {
    return items.join(this.chinese ? "；" : "; ");
  }

  formatMoney(minor: bigint): string {
    // A decimal string is formatted exactly (Intl.NumberFormat v3); a float would round ¥…758.07.
    return this.money.format(toDecimal(minor) as unknown as number);
  }

  formatNumber(value: number): string {
    return this.number.format(value);
  }

  private readonly dates = new BoundedMemo<number, string>(REMEMBERED);

  /** A date reads the same all day, so each day's text is made by Intl once (a tenth of a list's time). */
  formatDate(date: Date): string {
    return this.dates.get(this.dayNumber(date), () => this.date.format(date));
  }

  /** 2026/11/01 – 2026/11/30; an open end reads "…". */
  formatDateRange(from: Date | undefined, to: Date | undefined): string {
    return [from, to].map((d) => (d ? this.formatDate(d) : "…")).join(" – ");
  }

  /** A list's heading with the dates it covers, if it was asked for some. */
  withDates(heading: string, from: Date | undefined, to: Date | undefined): string {
    return from || to ? this.aside(heading, this.formatDateRange(from, to)) : heading;
  }

  /** A day of the year without its year, as a birthday is told: 5月12日, May 12. */
  formatMonthDay(date: Date): string {
    return this.monthDay.format(date);
  }

  /** The day of the week: 周六, Sat. */
  formatWeekday(date: Date): string {
    return this.weekday.format(date);
  }

  /** 2026/12/01 14:05, 2026-12-01 14:05. */
  formatDateTime(date: Date): string {
    return this.dateTime.format(date).replace(", ", " ");
  }

  /** `part` as a share of `whole`, "76%" or "27.3%" with `decimals`; undefined when `whole` is zero. */
  formatShare(part: number | bigint, whole: number | bigint, decimals = 0): string | undefined {
    if (Number(whole) === 0) return undefined;
    const scale = 10 ** decimals;
    return `${(Math.round((Number(part) / Number(whole)) * (100 * scale)) / scale).toFixed(decimals)}%`;
  }

  /** Whole calendar days from `date` to `now` in the workspace time zone (positive = in the past). */
  daysSince(date: Date, now: Date): number {
    return this.dayNumber(now) - this.dayNumber(date);
  }

  private readonly offsets = new BoundedMemo<number, number>(REMEMBERED);

  /**
   * The calendar day `date` falls on in the workspace time zone, counted from 1970-01-01. Offsets
   * are whole quarter hours and change on a quarter hour, so each quarter hour's offset is asked of
   * Intl once: asking at every step of date-fns' day arithmetic on TZDate was a quarter of a
   * follow-up list's time.
   */
  private dayNumber(date: Date): number {
    const offset = this.offsets.get(
      Math.floor(date.getTime() / QUARTER_HOUR_MS),
      () => tzOffset(this.timezone, date) * MINUTE_MS,
    );
    return Math.floor((date.getTime() + offset) / DAY_MS);
  }
}
