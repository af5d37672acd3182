import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { monthOf } from "../src/core/dates.js";
import { reply } from "../src/core/reply.js";
import { OPEN_STATUSES } from "../src/domain/complaints/workflow.js";

const HOUR_MS = 3_600_000;

export default defineCommand({
  path: ["complaint", "stats"],
  role: "rep",
  args: {
    month: arg.month({ positional: true, aliases: ["月份", "月"] }),
  },
  examples: ["", "2026-11", "上月"],
  async handle({ args, services, t, fmt, now }) {
    const month = args.month ?? monthOf(now, fmt.timezone);
    const s = await services.complaints.stats(month);
    if (s.total === 0) return reply({ type: "text", text: t("complaint.stats.none", { month }) });
    const open = OPEN_STATUSES.reduce((sum, status) => sum + (s.byStatus[status] ?? 0), 0);
    const share = (part: number, whole: number) => fmt.formatShare(part, whole) ?? "-";
    const duration = (ms: number) =>
      ms < 24 * HOUR_MS
        ? t("complaint.stats.hours", { value: fmt.formatNumber(Math.round((ms / HOUR_MS) * 10) / 10) })
        : t("complaint.stats.days", { value: fmt.formatNumber(Math.round((ms / (24 * HOUR_MS)) * 10) / 10) });
    return reply(
      { type: "heading", text: t("complaint.stats.title", { month, count: s.total }) },
      {
        type: "fields",
        fields: [
          { label: t("complaint.stats.open"), value: String(open) },
          { label: t("vocab.complaintStatus.rejected"), value: String(s.byStatus.rejected ?? 0) },
          { label: t("complaint.stats.resolved"), value: String(s.resolved) },
          {
            label: t("complaint.stats.onTime"),
            value: fmt.aside(`${s.onTime} / ${s.resolved}`, share(s.onTime, s.resolved)),
          },
        ],
      },
      {
        type: "list",
        title: t("complaint.stats.byCategory"),
        items: s.byCategory.map((c) => ({
          title: phrase(t, "vocab.complaintCategory", c.category),
          detail: fmt.aside(String(c.count), share(c.count, s.total)),
        })),
      },
      {
        type: "list",
        title: t("complaint.stats.stepTimes"),
        empty: t("common.none"),
        items: s.steps.map((step) => ({
          title: phrase(t, "vocab.complaintStep", step.step),
          detail: t("complaint.stats.average", { duration: duration(step.averageMs), count: step.count }),
        })),
      },
    );
  },
});
