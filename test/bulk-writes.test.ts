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

  it("inserts rows with every kind of value as they were given, and skips those a unique key refuses when asked", async () => {
    const customer = await db.prisma.customer.create({
      data: { workspaceId, code: "Q1", name: "引号", type: "dealer" },
    });
    // What a rep may type into a name or a note: the quotes, escapes and tags an SQL literal or a
    // JSON text could trip on, and the characters beside them.
    const texts = [
      "O'Brien's 商行",
      "$rows$ $rows0$ $$",
      'a "quoted" \\ back\\slash',
      "line\nbreak\ttab",
      "😀 Ｆｕｌｌ　width",
      "",
    ];
    const paidAt = new Date("2026-03-04T05:06:07.089Z");
    const big = 9_007_199_254_740_993n; // past a double's exact integers
    await db.prisma.$transaction((tx) =>
      db.data.bulk.insertRows(
        tx,
        "Payment",
        ["workspaceId", "number", "customerId", "paidAt", "amount", "note", "externalId"],
        texts.map((note, i) => [workspaceId, i + 1, customer.id, paidAt, big + BigInt(i), note, `Q-${i}`]),
      ),
    );
    const payments = await db.prisma.payment.findMany({ where: { customerId: customer.id }, orderBy: { id: "asc" } });
    expect(payments.map((p) => [p.note, p.amount, p.paidAt.toISOString()])).toEqual(
      texts.map((note, i) => [note, big + BigInt(i), paidAt.toISOString()]),
    );
    // The same rows again, and one new: only the new one is inserted, and only its id comes back.
    const inserted = await db.prisma.$transaction((tx) =>
      db.data.bulk.insertRowsReturning(
        tx,
        "Payment",
        ["workspaceId", "number", "customerId", "paidAt", "amount", "note", "externalId"],
        [...texts, "新的"].map((note, i) => [workspaceId, i + 1, customer.id, paidAt, 1n, note, `Q-${i}`]),
        ["id"],
        { ignoreConflicts: true },
      ),
    );
    const fresh = await db.prisma.payment.findFirstOrThrow({ where: { externalId: `Q-${texts.length}` } });
    expect(inserted).toEqual([{ id: fresh.id }]);
    expect(fresh.note).toBe("新的");
  });

  it("sets several columns of many rows at once, each row to its own values, texts, nulls and booleans included", async () => {
    // More rows than one statement takes, so that the chunks' edges are crossed too.
    await db.prisma.customer.createMany({
      data: Array.from({ length: 2_500 }, (_, i) => ({ workspaceId, code: `S${i}`, name: `批量${i}`, type: "dealer" })),
    });
    const created = await db.prisma.customer.findMany({
      where: { workspaceId, code: { startsWith: "S" } },
      select: { id: true },
      orderBy: { id: "asc" },
    });
    const due = new Date("2026-12-24T01:02:03.004Z");
    // The rows travel as JSON in the statement's text: what a rep may type must come through as typed.
    const names = [
      "O'Brien's 商行",
      "$rows$ $rows0$ $$",
      'a "quoted" \\ back\\slash',
      "line\nbreak",
      "😀 Ｆｕｌｌ　width",
    ];
    const rows = created.map(
      (c, i) =>
        [c.id, names[i % names.length]!, ["A", "B", "C"][i % 3]!, i % 2 === 0, i % 5 === 0 ? null : due] as const,
    );
    await db.prisma.$transaction((tx) =>
      db.data.bulk.setColumns(tx, "Customer", ["name", "tier", "keyAccount", "visitDueAt"], rows),
    );
    const after = await db.prisma.customer.findMany({
      where: { workspaceId, code: { startsWith: "S" } },
      select: { id: true, name: true, tier: true, keyAccount: true, visitDueAt: true },
      orderBy: { id: "asc" },
    });
    expect(after.map((c) => [c.id, c.name, c.tier, c.keyAccount, c.visitDueAt?.toISOString() ?? null])).toEqual(
      rows.map(([id, name, tier, key, at]) => [id, name, tier, key, at?.toISOString() ?? null]),
    );
  });

  // Autovacuum would gather them a minute later, after the reads that need them.
  it.runIf(provider === "postgresql")(
    "tells PostgreSQL's planner how many rows the tables named now hold",
    async () => {
      const planned = async () =>
        (
          await db.prisma.$queryRawUnsafe<{ rows: number }[]>(
            `SELECT reltuples::integer AS "rows" FROM pg_class WHERE oid = '"WorkspaceSetting"'::regclass`,
          )
        )[0]!.rows;
      const before = await planned();
      await db.data.bulk.refreshStatistics(db.prisma, ["WorkspaceSetting"]);
      const held = await db.prisma.workspaceSetting.count();
      expect(before).not.toBe(held);
      expect(await planned()).toBe(held);
    },
  );
});
