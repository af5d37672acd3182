import { UserError } from "../core/errors.js";
import { calendarChoiceOf, workCalendar, type WorkCalendar } from "./calendar.js";
import { DomainService } from "./context.js";
import type { Milestone } from "./complaints/workflow.js";
import { readSetting, writeSetting, type ComplaintSettings, type VisitSettings } from "./settings.js";
import { refreshVisitDue } from "./visits/cadence.js";

/** Reading workspace settings is open to all; changing them is an admin's job. */
export class SettingsService extends DomainService {
  visits(): Promise<VisitSettings> {
    return readSetting(this.db, "visits");
  }

  /**
   * Changes the working days allowed per step, for the workspace or for one category. Deadlines of
   * complaints already running are left as they were set when their step began.
   */
  async setComplaintDeadlines(
    category: string | null,
    days: Partial<Record<Milestone, number | undefined>>,
    adminsAfterDays: number | undefined,
  ): Promise<ComplaintSettings> {
    this.requireAdmin();
    const given = Object.fromEntries(Object.entries(days).filter(([, v]) => v !== undefined)) as Partial<
      Record<Milestone, number>
    >;
    return this.db.$transaction(async (tx) => {
      const current = await readSetting(tx, "complaints");
      const next: ComplaintSettings = {
        ...current,
        deadlines: category ? current.deadlines : { ...current.deadlines, ...given },
        categories: category
          ? { ...current.categories, [category]: { ...current.categories[category], ...given } }
          : current.categories,
        adminsAfterDays: adminsAfterDays ?? current.adminsAfterDays,
      };
      await writeSetting(tx, this.actor.workspaceId, "complaints", next);
      return next;
    });
  }

  /** The workspace's working calendar, and whether an admin chose it (else it follows the time zone). */
  async calendar(): Promise<{ calendar: WorkCalendar; chosen: boolean }> {
    const { country } = await readSetting(this.db, "calendar");
    return { calendar: workCalendar(country, this.timezone), chosen: country !== null };
  }

  /** Switches the working calendar to a country as typed (中国, SG, none); deadlines already set stay. */
  async setCalendar(given: string): Promise<WorkCalendar> {
    this.requireAdmin();
    const country = calendarChoiceOf(given);
    if (country === undefined) throw new UserError("crm.calendar.unknown", { given, argName: "country" });
    await this.db.$transaction((tx) => writeSetting(tx, this.actor.workspaceId, "calendar", { country }));
    return workCalendar(country, this.timezone);
  }

  /** Saves the visit rules and moves every customer's due date to match, in one transaction. */
  async setVisits(value: VisitSettings): Promise<{ customersMoved: number }> {
    this.requireAdmin();
    return this.db.$transaction(
      async (tx) => {
        await writeSetting(tx, this.actor.workspaceId, "visits", value);
        return { customersMoved: await refreshVisitDue(tx, value) };
      },
      { timeout: 120_000 },
    );
  }
}
