/**
 * What the long runs tell whoever watches the process (the Prometheus metrics): how long they took,
 * and nothing of the workspace's data.
 */
export interface RunObserver {
  /** An early-warning sweep ended: of a whole workspace, or of the customers a change touched. */
  swept(scope: "full" | "customers", seconds: number): void;
  /** An import ended, written or not (a refused file, a dry run). */
  imported(kind: string, seconds: number): void;
  /** A scheduled workspace job (a sweep, a segment run, a digest) ended. */
  jobRan(job: string, seconds: number, ok: boolean): void;
}

export const UNOBSERVED: RunObserver = { swept() {}, imported() {}, jobRan() {} };

/** Seconds since `started` (a `performance.now()` reading). */
export const secondsSince = (started: number): number => (performance.now() - started) / 1000;
