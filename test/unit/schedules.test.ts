import { Cron } from "croner";
import { describe, expect, it } from "vitest";
import { describeSchedule, parseSchedule } from "../../src/core/schedules.js";
import { translator } from "../../src/i18n/index.js";

const zh = translator("zh-CN");
const en = translator("en");

describe("schedules in words", () => {
  it("reads what a Chinese admin types, and cron as it is", () => {
    const cases: [string, string][] = [
      ["工作日 8:00", "0 8 * * 1-5"],
      ["工作日 7点半", "30 7 * * 1-5"],
      ["每周五 16:00", "0 16 * * 5"],
      ["每周五 下午4点", "0 16 * * 5"],
      ["星期一至星期六 7:30", "30 7 * * 1-6"],
      ["每周一、周四 九点", "0 9 * * 1,4"],
      ["每天 七点半", "30 7 * * *"],
      ["周末 10点", "0 10 * * 6,0"],
      ["每月1号 9:00", "0 9 1 * *"],
      ["每月十五号 早上8点", "0 8 15 * *"],
      ["每小时整点", "0 * * * *"],
      ["每小时第15分", "15 * * * *"],
      ["每 30 分钟", "*/30 * * * *"],
      ["０ ８ ＊ ＊ １-５", "0 8 * * 1-5"],
      ["30 7 * * 1-6", "30 7 * * 1-6"],
      ["weekdays 8:00", "0 8 * * 1-5"],
      ["fridays 4pm", "0 16 * * 5"],
      ["mon-sat 7:30", "30 7 * * 1-6"],
      ["every day 7:30", "30 7 * * *"],
      ["monthly on day 1 9:00", "0 9 1 * *"],
      ["every hour", "0 * * * *"],
      ["every 15 minutes", "*/15 * * * *"],
    ];
    for (const [text, cron] of cases) expect(parseSchedule(text), text).toBe(cron);
    for (const text of ["工作日", "下周三", "每周八 8:00", "每天 25:00", "每月40号 9:00", "monthly 8:00", "8"])
      expect(parseSchedule(text), text).toBeUndefined();
  });

  it("says every default and every pattern it reads in words, which read back to the same pattern", () => {
    const patterns = [
      "0 * * * *",
      "0 8 * * 1-5",
      "0 16 * * 5",
      "0 9 1 * *",
      "0 3 * * *",
      "30 7 * * 1-6",
      "*/30 * * * *",
    ];
    expect(patterns.map((p) => describeSchedule(zh, p))).toEqual([
      "每小时整点",
      "工作日 8:00",
      "每周五 16:00",
      "每月 1 号 9:00",
      "每天 3:00",
      "每周一至周六 7:30",
      "每 30 分钟",
    ]);
    expect(describeSchedule(en, "0 16 * * 5")).toBe("every Friday at 16:00");
    for (const p of patterns) {
      expect(parseSchedule(describeSchedule(zh, p)), p).toBe(p);
      new Cron(p, { paused: true }).stop();
    }
    // What the words cannot say is shown as it is.
    expect(describeSchedule(zh, "0 8 1-7 * 1")).toBe("0 8 1-7 * 1");
  });
});
