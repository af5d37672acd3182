import { type RunObserver, secondsSince, UNOBSERVED } from "../core/observer.js";
import { Cron } from "croner";
import { insertedFirst } from "../db/claim.js";
import { repositoriesOf, type PrismaClient } from "../db/client.js";
import { scopeToWorkspace } from "../db/scope.js";
import { dayOf } from "../core/dates.js";
import { readWorkCalendar, type WorkCalendar } from "../domain/calendar.js";
import { sweepAlerts } from "../domain/alerts/engine.js";
import { sendMonthlySummary, sendMorningFollowUps, sendWeeklyDigest } from "../domain/digests/digests.js";
import { recomputeSegments } from "../domain/segments/recompute.js";
import { readSetting, type AlertSettings } from "../domain/settings.js";
import type { Logger } from "../logger.js";

/** The jobs each workspace runs on its own schedule, in its own time zone. */
export const WORKSPACE_JOBS = [
  "segments",
  "sweep",
  "morning",
  "weekly",
  "monthly",
] as const satisfies readonly (keyof AlertSettings["schedule"])[];
export type WorkspaceJob = (typeof WORKSPACE_JOBS)[number];

/** How often the bot looks whether a workspace's job is due. */
export const WORKSPACE_JOBS_CRON = "* * * * *";
/** A run missed while the bot was down is made up only this long after its time. */
const CATCH_UP_MS = 2 * 3_600_000;

/** The latest time a cron pattern fell due at or before `now`, in `timezone`. */
export function latestSlot(pattern: string, timezone: string, now: Date): Date | undefined {
  const cron = new Cron(pattern, { timezone, paused: true });
  try {
    // previousRuns looks strictly before its reference; a run due this very second counts too.
    return cron.previousRuns(1, new Date(now.getTime() + 1000))[0];
  } finally {
    cron.stop();
  }
}

/**
 * When a job on `pattern` last fell due. A pattern for Monday to Friday (工作日 8:00) means the
 * calendar's working days: no morning list on 国庆, one on the Saturday worked for it.
 */
export function latestWorkingSlot(
  pattern: string,
  timezone: string,
  now: Date,
  calendar: WorkCalendar,
): Date | undefined {
  const fields = pattern.trim().split(/\s+/);
  if (fields.at(-1) !== "1-5") return latestSlot(pattern, timezone, now);
  const slot = latestSlot([...fields.slice(0, -1), "*"].join(" "), timezone, now);
  return slot && calendar.isWorkday(dayOf(slot, timezone)) ? slot : undefined;
}

/**
 * Runs every workspace's sweeps and digests that are due. Each run is claimed first by inserting
 * its (workspace, job, slot) row: with several bot instances on one database, exactly one
 * inserts it and runs the job, the others skip. Returns the runs made here.
 */
export async function runDueWorkspaceJobs(
  prisma: PrismaClient,
  now: Date,
  logger: Logger,
  observer: RunObserver = UNOBSERVED,
): Promise<{ workspaceId: number; job: WorkspaceJob; slot: Date }[]> {
  const ran: { workspaceId: number; job: WorkspaceJob; slot: Date }[] = [];
  const data = repositoriesOf(prisma);
  const { bulk } = data;
  for (const workspace of await prisma.workspace.findMany({ select: { id: true, timezone: true } })) {
    const { id, timezone } = workspace;
    const db = scopeToWorkspace(prisma, id);
    const [settings, calendar] = await Promise.all([readSetting(db, "alerts"), readWorkCalendar(db, timezone)]);
    const jobs: Record<WorkspaceJob, (slot: Date) => Promise<unknown>> = {
      // The hourly sweep, due at the same slot by default and run right after it, follows the new tiers.
      segments: async () => (await recomputeSegments(db, id, data, now)).run,
      sweep: () => sweepAlerts(db, id, data, now),
      morning: (slot) => sendMorningFollowUps(db, bulk, id, timezone, now, slot),
      weekly: (slot) => sendWeeklyDigest(db, bulk, id, timezone, now, slot),
      monthly: (slot) => sendMonthlySummary(db, bulk, id, timezone, now, slot),
    };
    for (const job of WORKSPACE_JOBS) {
      const slot = latestWorkingSlot(settings.schedule[job], timezone, now, calendar);
      if (!slot || now.getTime() - slot.getTime() > CATCH_UP_MS) continue;
      if (!(await insertedFirst(() => prisma.jobRun.create({ data: { workspaceId: id, job, slot, startedAt: now } }))))
        continue;
      const started = performance.now();
      try {
        const result = await jobs[job](slot);
        observer.jobRan(job, secondsSince(started), true);
        const summary = JSON.stringify(result, (_key, value: unknown) =>
          typeof value === "bigint" ? value.toString() : value,
        );
        await prisma.jobRun.updateMany({
          where: { workspaceId: id, job, slot },
          data: { finishedAt: new Date(), result: summary },
        });
        ran.push({ workspaceId: id, job, slot });
      } catch (err) {
        observer.jobRan(job, secondsSince(started), false);
        logger.error({ err, workspaceId: id, job }, "workspace job failed");
        await prisma.jobRun.updateMany({
          where: { workspaceId: id, job, slot },
          data: { finishedAt: new Date(), result: `failed: ${(err as Error).message}`.slice(0, 500) },
        });
      }
    }
  }
  return ran;
}
