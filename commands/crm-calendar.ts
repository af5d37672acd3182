import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { dayOf, parseDate } from "../src/core/dates.js";
import { reply } from "../src/core/reply.js";
import { countryName, dayAfter, holidayRuns, nextWorkday } from "../src/domain/calendar.js";

/** How far ahead the calendar lists holidays: 国庆 is in sight from early July. */
const DAYS_AHEAD = 90;

/** The working calendar (工作日历) that deadlines and the working-day morning list follow; anyone reads, an admin sets. */
export default defineCommand({
  path: ["crm", "calendar"],
  role: "rep",
  args: {
    country: arg.text({ positional: true, max: 40, aliases: ["日历", "国家"] }),
  },
  examples: ["", "中国", "SG", "无"],
  async handle({ args, services, t, fmt, now }) {
    const { calendar, chosen } = args.country
      ? { calendar: await services.settings.setCalendar(args.country), chosen: true }
      : await services.settings.calendar();
    const { timezone, locale } = fmt;
    const dated = (day: string) => {
      const date = parseDate(day, now, timezone)!;
      return fmt.aside(fmt.formatMonthDay(date), fmt.formatWeekday(date));
    };
    const today = dayOf(now, timezone);

    const basis = !calendar.country
      ? t("crm.calendar.weekdays")
      : calendar.country === "CN"
        ? t("crm.calendar.china")
        : t("crm.calendar.country", { country: countryName(calendar.country, locale) });
    const todayIs = t(calendar.isWorkday(today) ? "crm.calendar.workday" : "crm.calendar.dayOff");
    // date-holidays names another country's holidays in Chinese where it can, else in that
    // country's own language: a Chinese reader is told "公共假期" rather than "Christi Himmelfahrt".
    const named = (occasion: string) =>
      locale === "zh-CN" && /[A-Za-z\u3040-\u30ff]/.test(occasion) ? t("crm.calendar.publicHoliday") : occasion;
    const occasion = calendar.occasion(today, locale);
    const items = holidayRuns(calendar, today, DAYS_AHEAD, locale).map((run) => {
      const days =
        run.first === run.last
          ? dated(run.first)
          : t("crm.calendar.range", { from: dated(run.first), to: dated(run.last) });
      return { title: named(run.occasion), detail: t(run.work ? "crm.calendar.worked" : "crm.calendar.off", { days }) };
    });
    const years = new Set([today, dayAfter(today, DAYS_AHEAD)].map((day) => Number(day.slice(0, 4))));
    const provisional = [...years].find((year) => calendar.provisional(year));

    return reply(
      { type: "heading", text: t(args.country ? "crm.calendar.saved" : "crm.calendar.title") },
      {
        type: "fields",
        fields: [
          {
            label: t("crm.calendar.label"),
            value: chosen ? basis : fmt.aside(basis, t("crm.calendar.byTimezone", { timezone })),
          },
          { label: t("crm.calendar.today"), value: occasion ? fmt.aside(todayIs, named(occasion)) : todayIs },
          { label: t("crm.calendar.nextWorkday"), value: dated(nextWorkday(calendar, today)) },
        ],
      },
      { type: "list", title: t("crm.calendar.upcoming", { days: DAYS_AHEAD }), empty: t("crm.calendar.none"), items },
      ...(provisional ? [{ type: "note" as const, text: t("crm.calendar.provisional", { year: provisional }) }] : []),
      { type: "note", text: t("crm.calendar.hint") },
    );
  },
});
