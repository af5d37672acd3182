import type { Formatter } from "./format.js";
import type { Translate } from "../core/messages.js";

/** "逾期 3 天" / "今天到期" / "还有 2 天" for a due date, in calendar days of the workspace. */
export function lateness(t: Translate, fmt: Formatter, dueAt: Date, now: Date): string {
  const days = fmt.daysSince(dueAt, now);
  if (days > 0) return t("followup.late", { count: days });
  if (days === 0) return t("followup.dueToday");
  return t("followup.dueIn", { count: -days });
}

/** "上次拜访 2026/11/20（12 天前）", or "从未拜访" for a customer never visited. */
export function lastVisit(t: Translate, fmt: Formatter, lastVisitAt: Date | null, now: Date): string {
  return lastVisitAt
    ? t("visit.due.lastVisit", { date: fmt.formatDate(lastVisitAt), days: fmt.daysSince(lastVisitAt, now) })
    : t("customer.card.neverVisited");
}

/** Like `lateness`, for deadlines with a time of day: past due within the day reads in hours. */
export function deadlineLateness(t: Translate, fmt: Formatter, dueAt: Date, now: Date): string {
  if (dueAt < now && fmt.daysSince(dueAt, now) === 0) {
    return t("followup.lateHours", { count: Math.max(1, Math.round((now.getTime() - dueAt.getTime()) / 3_600_000)) });
  }
  return lateness(t, fmt, dueAt, now);
}
