import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

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
  examples: ["", 'sweep:"*/30 * * * *"', 'morning:"30 7 * * 1-6" weekly:"0 15 * * 5"'],
  async handle({ args, services, t, fmt }) {
    const changes = Object.fromEntries(Object.entries(args).filter(([, v]) => v !== undefined)) as Record<
      string,
      string
    >;
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
          value: settings.schedule[k],
        })),
      },
      { type: "note", text: t("alert.schedule.hint") },
    );
  },
});
