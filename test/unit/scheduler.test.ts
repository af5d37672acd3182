import { describe, expect, it } from "vitest";
import { createLogger } from "../../src/logger.js";
import { startScheduler } from "../../src/scheduler.js";

describe("the background scheduler", () => {
  it("stops only once the run in flight has finished, so the database is not closed under it", async () => {
    const events: string[] = [];
    let started!: () => void;
    let release!: () => void;
    const runStarted = new Promise<void>((resolve) => (started = resolve));
    const slowJob = {
      name: "slow",
      pattern: "* * * * * *",
      run: async () => {
        events.push("run started");
        started();
        await new Promise<void>((resolve) => (release = resolve));
        events.push("run finished");
      },
    };
    const scheduler = startScheduler([slowJob], createLogger("silent"));
    await runStarted;
    const stopped = scheduler.stop().then(() => events.push("stopped"));
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(events).toEqual(["run started"]);
    release();
    await stopped;
    expect(events).toEqual(["run started", "run finished", "stopped"]);
  });
});
