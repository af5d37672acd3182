import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/client.js";
import { joinSql, sql, sqlText } from "../src/db/direct-reads.js";
import { customerFromRow } from "../src/db/repositories/customers.js";
import { openTestWorkspace, testProviders } from "./support/databases.js";

// The commands run most read straight through the client's connection (src/db/direct-reads.ts):
// what they read must be what the Prisma client would have given, on both databases. That they
// do not see another command's open transaction is tested with the client's reads in
// sqlite-connection.test.ts.
describe.each(testProviders())("direct reads (%s)", (provider) => {
  let db: Database;
  let workspaceId: number;
  let close: () => Promise<void>;

  beforeAll(async () => {
    ({ db, workspaceId, close } = await openTestWorkspace(provider));
  });
  afterAll(() => close());

  it("reads a customer row exactly as the Prisma client does, every kind of column filled in", async () => {
    const owner = await db.prisma.user.create({ data: { workspaceId, externalId: "u1", name: "王伟" } });
    const created = await db.prisma.customer.create({
      data: {
        workspaceId,
        code: "C0001",
        name: "北京华达商贸有限公司",
        type: "dealer",
        ownerId: owner.id,
        phone: "13800000000",
        relationSince: new Date("2019-03-01T00:00:00Z"),
        creditLimit: 9_007_199_254_740_993n,
        keyAccount: true,
        keyAccountManual: false,
        tier: "A",
        tierComputedAt: new Date("2026-11-01T08:30:00.123Z"),
        visitCadenceDays: 14,
        lastVisitAt: new Date("2026-11-20T02:00:00Z"),
        visitDueAt: new Date("2026-12-04T16:00:00Z"),
        lastOrderAt: new Date("2026-11-24T10:15:00Z"),
        loyaltyStage: "loyal",
      },
    });
    const [row] = await db.reads.rows(
      sql`SELECT * FROM "Customer" WHERE "workspaceId" = ${workspaceId} AND "id" = ${created.id}`,
    );
    expect(customerFromRow(row!)).toEqual(await db.prisma.customer.findUniqueOrThrow({ where: { id: created.id } }));
  });

  it("binds lists, fragments, dates and an empty list the same way on both databases", async () => {
    const data = ["a", "b", "c"].map((key, i) => ({ workspaceId, key: `list-${key}`, value: String(i) }));
    await db.prisma.workspaceSetting.createMany({ data });
    const keys = async (list: string[], extra = sql``) =>
      (
        await db.reads.rows(
          sql`SELECT "key" FROM "WorkspaceSetting" WHERE "workspaceId" = ${workspaceId} AND "key" IN (${list}) ${extra} ORDER BY "key"`,
        )
      ).map((r) => r.key);
    expect(await keys(["list-a", "list-c", "list-z"])).toEqual(["list-a", "list-c"]);
    expect(await keys([])).toEqual([]);
    expect(
      await keys(["list-a", "list-b"], sql`AND (${joinSql([sql`"value" = ${"0"}`, sql`"value" = ${"1"}`], " OR ")})`),
    ).toEqual(["list-a", "list-b"]);
    const later = await db.reads.rows(
      sql`SELECT COUNT(*) AS "n" FROM "WorkspaceSetting" WHERE "workspaceId" = ${workspaceId} AND "updatedAt" > ${new Date("2000-01-01T00:00:00Z")}`,
    );
    expect(Number(later[0]!.n)).toBeGreaterThanOrEqual(3);
  });

  it("reports a broken statement with the database's own words, for the router's error reply", async () => {
    await expect(db.reads.rows(sql`SELECT "nope" FROM "WorkspaceSetting"`)).rejects.toThrow(/nope/);
  });

  it.runIf(provider === "postgresql")(
    "keeps each read's statement prepared on PostgreSQL under one name, and never one whose text carries values",
    async () => {
      const named = async () =>
        (
          await db.reads.rows(sql`SELECT "name", "statement" FROM pg_prepared_statements WHERE "name" LIKE 'crm\\_%'`)
        ).map((r) => ({ name: r.name as string, text: r.statement as string }));
      const settings = (key: string) =>
        db.reads.rows(
          sql`SELECT "value" FROM "WorkspaceSetting" WHERE "workspaceId" = ${workspaceId} AND "key" = ${key}`,
        );
      // Sent one after another, the reads take the pool's same idle connection.
      await settings("list-a");
      await settings("list-b");
      await db.reads.rows(
        sql`SELECT "value" FROM "WorkspaceSetting" WHERE "workspaceId" = ${sqlText(String(workspaceId))} AND "key" = 'literal'`,
      );
      const statements = await named();
      const prepared = statements.filter((s) => s.text.includes('"WorkspaceSetting"'));
      expect(prepared).toHaveLength(1);
      expect(prepared[0]!.text).toMatch(/"key" = \$2$/);
      expect(statements.every((s) => !s.text.includes("'literal'"))).toBe(true);
    },
  );
});
