import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/client.js";
import { sql } from "../src/db/direct-reads.js";
import { openTestWorkspace, testProviders } from "./support/databases.js";

const pause = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// One bot process serves many commands at once over one database client. A command's
// transaction must hold only that command's writes, whatever else runs meanwhile; on SQLite all
// of them share one connection (src/db/sqlite-connection.ts), the direct reads included.
describe.each(testProviders())("concurrent work on one client (%s)", (provider) => {
  let db: Database;
  let workspaceId: number;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, workspaceId, close } = await openTestWorkspace(provider));
  });
  afterAll(() => close());

  const setting = (key: string) => ({ workspaceId, key, value: "{}" });
  const stored = (key: string) => db.prisma.workspaceSetting.count({ where: { workspaceId, key } });

  it("keeps a write made beside a transaction that then fails", async () => {
    const failing = db.prisma.$transaction(async (tx) => {
      await tx.workspaceSetting.create({ data: setting("inside") });
      await pause(50); // an await that lets other work run, as a long sweep does between steps
      throw new Error("the transaction's own failure");
    });
    await pause(10);
    await db.prisma.workspaceSetting.create({ data: setting("beside") });
    await expect(failing).rejects.toThrow("the transaction's own failure");
    expect(await stored("inside")).toBe(0);
    expect(await stored("beside")).toBe(1);
  });

  it("does not show a transaction's writes beside it before they are committed, to the client or to a direct read", async () => {
    const failing = db.prisma.$transaction(async (tx) => {
      await tx.workspaceSetting.create({ data: setting("uncommitted") });
      await pause(50);
      throw new Error("rolled back");
    });
    await pause(10);
    expect(await stored("uncommitted")).toBe(0);
    expect(
      await db.reads.rows(
        sql`SELECT "id" FROM "WorkspaceSetting" WHERE "workspaceId" = ${workspaceId} AND "key" = ${"uncommitted"}`,
      ),
    ).toEqual([]);
    await expect(failing).rejects.toThrow("rolled back");
  });

  it("lets the event loop turn during a long run of queries, as a sweep or an import is", async () => {
    let timerFired = false;
    setTimeout(() => (timerFired = true), 0);
    let firedDuringRun = false;
    const started = Date.now();
    while (Date.now() - started < 200) {
      await db.prisma.workspaceSetting.count({ where: { workspaceId } });
      firedDuringRun ||= timerFired;
    }
    // Slack's acknowledgements and Discord's deferrals are such timers and sockets: they must not wait for the run's end.
    expect(firedDuringRun).toBe(true);
  });

  it("lets a transaction wait for a long one rather than fail", async () => {
    const long = db.prisma.$transaction(
      async (tx) => {
        await tx.workspaceSetting.create({ data: setting("long") });
        await pause(2_500); // longer than Prisma waits for a transaction to start by default: an import holds one for seconds
      },
      { timeout: 10_000 },
    );
    await pause(10);
    await db.prisma.$transaction(async (tx) => tx.workspaceSetting.create({ data: setting("after") }));
    await long;
    expect([await stored("long"), await stored("after")]).toEqual([1, 1]);
  }, 10_000);
});
