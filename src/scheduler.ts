import { Cron } from "croner";
import type { Logger } from "./logger.js";

export interface Job {
  name: string;
  /** Cron pattern; a sixth leading field counts seconds. */
  pattern: string;
  run(): Promise<unknown>;
}

/**
 * Runs background jobs on their patterns. A run that is still going when the next is due is
 * skipped rather than stacked, a failing run is logged and the job carries on, and the timers
 * never keep the process alive on their own (the console exits at the end of its input).
 */
export function startScheduler(jobs: Job[], logger: Logger): { stop(): Promise<void> } {
  const running = new Set<Promise<void>>();
  const crons = jobs.map(
    (job) =>
      new Cron(job.pattern, { name: job.name, protect: true, unref: true }, () => {
        const run = (async () => {
          const started = Date.now();
          try {
            await job.run();
            logger.debug({ job: job.name, ms: Date.now() - started }, "job ran");
          } catch (err) {
            logger.error({ err, job: job.name }, "job failed");
          }
        })();
        running.add(run);
        return run.finally(() => running.delete(run));
      }),
  );
  return {
    // A run in flight finishes before the caller closes what it uses (the database).
    stop: async () => {
      for (const c of crons) c.stop();
      await Promise.all(running);
    },
  };
}
