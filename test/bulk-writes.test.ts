import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/client.js";
import { openTestWorkspace, testProviders } from "./support/databases.js";

// An import's copy is one transaction of a million rows: on SQLite it runs on a worker thread's
// connection (src/db/sqlite-worker-transaction.ts), on PostgreSQL in the caller's transaction.
// Either way it must be all or nothing, and say what the database refused.
describe.each(testProviders())("statements run as one transaction (%s)", (provider) => {
  let db: Database;
  let workspaceId: number;
  let close: () => Promise<void>;
  let ids: number[];

  beforeAll(async () => {
    ({ db, workspaceId, close } = await openTestWorkspace(provider));
    ids = [];
    for (const key of ["a", "b", "c"])
      ids.push((await db.prisma.workspaceSetting.create({ data: { workspaceId, key, value: "before" } })).id);
  });
  afterAll(() => close());

  const values = async () =>
    (await db.prisma.workspaceSetting.findMany({ where: { id: { in: ids } }, orderBy: { id: "asc" } })).map(
      (s) => s.value,
    );
  const setValues = (value: string, which: number[]) =>
    db.data.bulk.setColumnStatements(
      "WorkspaceSetting",
      "value",
      "text",
      which.map((id) => [id, value] as const),
    );

  it("runs them in order, telling each one's changed rows, and keeps all of them", async () => {
    const told: [number, number][] = [];
    await db.prisma.$transaction((tx) =>
      db.data.bulk.runAsOneTransaction(
        tx,
        [...setValues("one", ids.slice(0, 2)), ...setValues("two", ids.slice(1))],
        (i, n) => told.push([i, n]),
      ),
    );
    expect(told).toEqual([
      [0, 2],
      [1, 2],
    ]);
    expect(await values()).toEqual(["one", "two", "two"]);
  });

  it("undoes every statement when one fails, and throws what the database said", async () => {
    const run = db.prisma.$transaction((tx) =>
      db.data.bulk.runAsOneTransaction(
        tx,
        [...setValues("lost", ids), { sql: 'UPDATE "NoSuchTable" SET "x" = 1', args: [] }],
        () => {},
      ),
    );
    await expect(run).rejects.toThrow(
      provider === "sqlite" ? /SQLITE_ERROR no such table: NoSuchTable/ : /NoSuchTable/,
    );
    expect(await values()).toEqual(["one", "two", "two"]);
  });
});
