import { TZDate } from "@date-fns/tz";
import { differenceInCalendarDays } from "date-fns";
import type { Locale } from "../config.js";
import { toMajor } from "../core/money.js";

/** Formats numbers, money and dates for a user's locale in the workspace's time zone and currency. */
export class Formatter {
  private readonly money: Intl.NumberFormat;
  private readonly number: Intl.NumberFormat;
  private readonly date: Intl.DateTimeFormat;
  private readonly dateTime: Intl.DateTimeFormat;

  constructor(
    readonly locale: Locale,
    readonly timezone: string,
    readonly currency: string,
  ) {
    this.money = new Intl.NumberFormat(locale, { style: "currency", currency, currencyDisplay: "narrowSymbol" });
    this.number = new Intl.NumberFormat(locale);
    this.date = new Intl.DateTimeFormat(locale, { timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit" });
    this.dateTime = new Intl.DateTimeFormat(locale, {
      timeZone: timezone, year: "numeric", month: "2-digit", day: "2-digit", hour: "2-digit", minute: "2-digit", hour12: false,
    });
  }

  formatMoney(minor: bigint): string {
    return this.money.format(toMajor(minor));
  }

  formatNumber(value: number): string {
    return this.number.format(value);
  }

  formatDate(date: Date): string {
    return this.date.format(date);
  }

  formatDateTime(date: Date): string {
    return this.dateTime.format(date);
  }

  /** Whole calendar days from `date` to `now` in the workspace time zone (positive = in the past). */
  daysSince(date: Date, now: Date): number {
    return differenceInCalendarDays(new TZDate(now.getTime(), this.timezone), new TZDate(date.getTime(), this.timezone));
  }
}
