import { withArabicNumerals } from "./chinese-numerals.js";
import type { MessageKey, Translate } from "./messages.js";

/*
 * When sweeps and digests run, as people say it: 工作日 8:00, 每周五 16:00, 每天 7点半, 每小时整点,
 * 每 30 分钟, 每月 1 号 9:00 (weekdays 8:00, every friday 16:00, every hour…). The scheduler runs
 * cron patterns (croner); these turn words into one and one back into words. A pattern the words
 * cannot say is shown as it is.
 */

/** 周日 … 周六 as cron numbers them (0 … 6); 七 and 天 are Sunday too. */
const WEEKDAY_NUMBERS: Record<string, number> = { 日: 0, 天: 0, 七: 0, 一: 1, 二: 2, 三: 3, 四: 4, 五: 5, 六: 6 };
const WEEKDAY_NAMES = ["sunday", "monday", "tuesday", "wednesday", "thursday", "friday", "saturday"] as const;

const CRON = /^[\d*/,-]+( [\d*/,-]+){4}$/;
const CHINESE_DAY = "(?:周|星期|礼拜)([一二三四五六日天七])";

/** A weekday's English name or its abbreviation (fri, tues), as cron numbers it. */
function englishWeekday(word: string): number | undefined {
  const at = WEEKDAY_NAMES.findIndex((name) => name === word || (word.length >= 3 && name.startsWith(word)));
  return at < 0 ? undefined : at;
}

/** The days part: a cron day-of-week field, or a day of the month. */
function dayPart(text: string): { dow: string; dom: string; rest: string } | undefined {
  const every = /^(?:每天|每日|天天|daily|every ?day)/.exec(text);
  if (every) return { dow: "*", dom: "*", rest: text.slice(every[0].length) };
  const workdays = /^(?:工作日|每个?工作日|weekdays|every weekday)/.exec(text);
  if (workdays) return { dow: "1-5", dom: "*", rest: text.slice(workdays[0].length) };
  const weekends = /^(?:周末|每个?周末|weekends)/.exec(text);
  if (weekends) return { dow: "6,0", dom: "*", rest: text.slice(weekends[0].length) };
  const range = new RegExp(`^每?${CHINESE_DAY}(?:至|到|-|~)(?:周|星期|礼拜)?([一二三四五六日天七])`).exec(text);
  if (range)
    return {
      dow: `${WEEKDAY_NUMBERS[range[1]!]}-${WEEKDAY_NUMBERS[range[2]!]}`,
      dom: "*",
      rest: text.slice(range[0].length),
    };
  const list = new RegExp(`^每?${CHINESE_DAY}(?:[、,和]${CHINESE_DAY})*`).exec(text);
  if (list) {
    const days = [...list[0].matchAll(new RegExp(CHINESE_DAY, "g"))].map((m) => WEEKDAY_NUMBERS[m[1]!]);
    return { dow: days.join(","), dom: "*", rest: text.slice(list[0].length) };
  }
  const english = /^(?:every )?([a-z]+?)s?(?:-([a-z]+?)s?)?(?= |$)/.exec(text);
  const from = english && englishWeekday(english[1]!);
  if (english && from !== undefined) {
    const to = english[2] === undefined ? undefined : englishWeekday(english[2]);
    if (english[2] !== undefined && to === undefined) return undefined;
    return { dow: to === undefined ? String(from) : `${from}-${to}`, dom: "*", rest: text.slice(english[0].length) };
  }
  const monthly = /^(?:每月|每个月|monthly on (?:day )?|every month on (?:day )?)(\d{1,2})(?:号|日|st|nd|rd|th)?/.exec(
    withArabicNumerals(text),
  );
  if (monthly && Number(monthly[1]) >= 1 && Number(monthly[1]) <= 28)
    return { dow: "*", dom: String(Number(monthly[1])), rest: withArabicNumerals(text).slice(monthly[0].length) };
  return undefined;
}

/** The time part: 8:00, 8点, 7点半, 下午4点, 7点30分, 4pm. */
function timePart(text: string): { hour: number; minute: number } | undefined {
  const s = withArabicNumerals(text).replace(/^(?:的|at)/, "");
  const m = /^(上午|早上|早|中午|下午|晚上|傍晚)?(\d{1,2})(?::(\d{2})|点(?:(半)|(\d{1,2})分?|整|钟)?)?(am|pm)?$/.exec(
    s,
  );
  if (!m) return undefined;
  let hour = Number(m[2]);
  const minute = m[3] !== undefined ? Number(m[3]) : m[4] ? 30 : m[5] !== undefined ? Number(m[5]) : 0;
  if ((["下午", "晚上", "傍晚"].includes(m[1] ?? "") || m[6] === "pm") && hour < 12) hour += 12;
  if ((m[1] === "中午" && hour < 6) || (m[6] === "am" && hour === 12)) hour = hour === 12 ? 0 : hour + 12;
  if (m[3] === undefined && m[1] === undefined && m[6] === undefined && !s.includes("点")) return undefined;
  if (hour > 23 || minute > 59) return undefined;
  return { hour, minute };
}

/**
 * The cron pattern a schedule says, from words (工作日 7点半, 每周五 16:00, 每小时整点, 每 30 分钟,
 * weekdays 8:00) or a cron pattern as it is; undefined when it says none.
 */
export function parseSchedule(text: string): string | undefined {
  const plain = text.normalize("NFKC").trim().toLowerCase().replace(/\s+/g, " ");
  if (CRON.test(plain)) return plain;
  // Spaces matter between English words and numbers only: 每月 1 号 9:00 is 每月1号9:00.
  const s = plain.replace(/ /g, (_, at: number) =>
    /[a-z\d:]/.test(plain[at - 1] ?? "") && /[a-z\d]/.test(plain[at + 1] ?? "") ? " " : "",
  );
  if (/^(?:每小时整点|每小时|整点|每个小时|every hour|hourly)$/.test(s)) return "0 * * * *";
  const hourly = /^(?:每小时|每个小时|every hour at :?)第?(\d{1,2})分?$/.exec(withArabicNumerals(s));
  if (hourly && Number(hourly[1]) < 60) return `${Number(hourly[1])} * * * *`;
  const minutes = /^(?:每|every )(\d{1,2}) ?(?:分钟|minutes?)$/.exec(withArabicNumerals(s));
  if (minutes && Number(minutes[1]) >= 1 && Number(minutes[1]) < 60) return `*/${Number(minutes[1])} * * * *`;
  const days = dayPart(s);
  if (!days) return undefined;
  const time = timePart(days.rest.trim());
  if (!time) return undefined;
  return `${time.minute} ${time.hour} ${days.dom} * ${days.dow}`;
}

const clock = (hour: string, minute: string) => `${hour}:${minute.padStart(2, "0")}`;
const WHOLE = /^\d{1,2}$/;

/** The days of a cron day-of-week field in words (周一至周六, 周一、周三), or undefined. */
function weekdays(t: Translate, field: string): string | undefined {
  const day = (n: string) => t(`schedule.weekday.${WEEKDAY_NAMES[Number(n) % 7]}` as MessageKey);
  const range = /^(\d)-(\d)$/.exec(field);
  if (range) return t("schedule.range", { from: day(range[1]!), to: day(range[2]!) });
  if (/^\d(,\d)*$/.test(field)) return field.split(",").map(day).join(t("common.listSeparator"));
  return undefined;
}

/** A cron pattern in words in the reader's language, or the pattern itself when the words cannot say it. */
export function describeSchedule(t: Translate, pattern: string): string {
  const fields = pattern.trim().split(/\s+/);
  if (fields.length !== 5 || fields[3] !== "*") return pattern;
  const [minute, hour, dom, , dow] = fields as [string, string, string, string, string];
  if (hour === "*" && dom === "*" && dow === "*") {
    if (minute === "0") return t("schedule.everyHour");
    if (WHOLE.test(minute)) return t("schedule.everyHourAt", { minute });
    const every = /^\*\/(\d{1,2})$/.exec(minute);
    if (every) return t("schedule.everyMinutes", { count: Number(every[1]) });
    return pattern;
  }
  if (!WHOLE.test(minute) || !WHOLE.test(hour)) return pattern;
  const time = clock(hour, minute);
  if (dom === "*" && dow === "*") return t("schedule.daily", { time });
  if (dom === "*" && dow === "1-5") return t("schedule.workdays", { time });
  if (dom === "*") {
    const days = weekdays(t, dow);
    return days ? t("schedule.weekly", { days, time }) : pattern;
  }
  if (WHOLE.test(dom) && dow === "*") return t("schedule.monthly", { day: dom, time });
  return pattern;
}
