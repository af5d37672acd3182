/** The day the benchmarks' data is generated around, so that runs on different days compare. */
export const BENCH_NOW = new Date("2026-11-25T02:00:00Z");
