import { addWorkingDays, type WorkCalendar } from "../calendar.js";
import type { ComplaintSettings } from "../settings.js";
import type { Milestone } from "./workflow.js";

/** Working days allowed to reach a milestone for a category: its own setting, else the workspace's. */
export function milestoneDays(settings: ComplaintSettings, category: string, milestone: Milestone): number {
  return settings.categories[category]?.[milestone] ?? settings.deadlines[milestone];
}

/** When a milestone is due, counted from the complaint's clock (received, or last reopened). */
export function milestoneDue(
  settings: ComplaintSettings,
  category: string,
  milestone: Milestone,
  clockFrom: Date,
  timezone: string,
  calendar: WorkCalendar,
): Date {
  return addWorkingDays(clockFrom, milestoneDays(settings, category, milestone), timezone, calendar);
}
