import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { UserError } from "../src/core/errors.js";
import { reply } from "../src/core/reply.js";
import { describeSchedule, parseSchedule } from "../src/core/schedules.js";

export default defineCommand({
  path: ["alert", "schedule"],
  role: "rep",
  args: {
    sweep: arg.text({ max: 60, aliases: ["扫描"] }),
    morning: arg.text({ max: 60, aliases: ["晨会"] }),
    weekly: arg.text({ max: 60, aliases: ["周报"] }),
    monthly: arg.text({ max: 60, aliases: ["月报"] }),
    segments: arg.text({ max: 60, aliases: ["分级"] }),
  },
  examples: ["", "扫描:“每 30 分钟”", "晨会:“工作日 7点半” 周报:“每周五 15:00”"],
  async handle({ args, services, t, fmt }) {
    const changes = Object.fromEntries(
      Object.entries(args)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => {
          const pattern = parseSchedule(v!);
          if (!pattern) throw new UserError("alert.schedule.badSchedule", { value: v! });
          return [k, pattern];
        }),
    ) as Record<string, string>;
    const changed = Object.keys(changes).length > 0;
    const settings = changed ? await services.alerts.setSchedule(changes) : await services.alerts.settings();
    return reply(
      {
        type: "heading",
        text: t(changed ? "alert.schedule.saved" : "alert.schedule.title", { timezone: fmt.timezone }),
      },
      {
        type: "fields",
        fields: (["sweep", "morning", "weekly", "monthly", "segments"] as const).map((k) => ({
          label: t(`alert.schedule.${k}`),
          value: describeSchedule(t, settings.schedule[k]),
        })),
      },
      { type: "note", text: t("alert.schedule.hint") },
    );
  },
});
