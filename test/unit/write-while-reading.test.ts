import { describe, expect, it } from "vitest";
import { writeWhileReading } from "../../src/core/write-while-reading.js";

/** A write that ends when told to, recording when it starts and ends. */
function gate() {
  let open!: () => void;
  let fail!: (error: Error) => void;
  const done = new Promise<void>((resolve, reject) => {
    open = resolve;
    fail = reject;
  });
  return { done, open, fail };
}

const tick = () => new Promise((resolve) => setImmediate(resolve));

async function* numbers(n: number, log: string[]) {
  for (let i = 1; i <= n; i++) {
    log.push(`read ${i}`);
    yield i;
  }
}

describe("writeWhileReading", () => {
  it("reads the next items while writes run, never more than the limit at once", async () => {
    const log: string[] = [];
    const gates = new Map<number, ReturnType<typeof gate>>();
    const running = writeWhileReading(
      numbers(4, log),
      (i) => {
        log.push(`write ${i}`);
        const g = gate();
        gates.set(i, g);
        return g.done.then(() => void log.push(`wrote ${i}`));
      },
      2,
    );
    await tick();
    // Two writes run and the third item has been read, waiting for the first write to end.
    expect(log).toEqual(["read 1", "write 1", "read 2", "write 2", "read 3"]);
    gates.get(2)!.open();
    await tick();
    expect(log.at(-1)).toBe("wrote 2");
    expect(log).not.toContain("write 3");
    gates.get(1)!.open();
    await tick();
    // The second ended before: the third and the fourth start together.
    expect(log.slice(-4)).toEqual(["wrote 1", "write 3", "read 4", "write 4"]);
    gates.get(3)!.open();
    await tick();
    gates.get(4)!.open();
    await running;
    expect(log.filter((l) => l.startsWith("wrote")).length).toBe(4);
  });

  it("throws a write's failure only once the writes beside it have ended, and reads no further", async () => {
    const log: string[] = [];
    const gates = new Map<number, ReturnType<typeof gate>>();
    let ended = false;
    const running = writeWhileReading(
      numbers(10, log),
      (i) => {
        const g = gate();
        gates.set(i, g);
        return g.done;
      },
      2,
    ).finally(() => {
      ended = true;
    });
    await tick();
    gates.get(1)!.fail(new Error("disk full"));
    await tick();
    // The second write still runs: the failure waits for it.
    expect(ended).toBe(false);
    gates.get(2)!.open();
    await expect(running).rejects.toThrow("disk full");
    expect(log).toEqual(["read 1", "read 2", "read 3"]);
  });

  it("throws a read's failure once the writes running have ended", async () => {
    const g = gate();
    let wrote = false;
    async function* failing() {
      yield 1;
      throw new Error("connection lost");
    }
    const running = writeWhileReading(failing(), () => g.done.then(() => void (wrote = true)), 2);
    await tick();
    g.open();
    await expect(running).rejects.toThrow("connection lost");
    expect(wrote).toBe(true);
  });
});
