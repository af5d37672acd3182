import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { scopeToWorkspace, WorkspaceScopeViolation } from "../src/db/scope.js";
import { Harness } from "./support/harness.js";
import { testProviders } from "./support/databases.js";

describe.each(testProviders())("workspace scope on %s", (provider) => {
  let h: Harness;
  let a: number;
  let b: number;

  beforeAll(async () => {
    h = await Harness.open(provider);
    a = (await h.workspace("A", "slack")).id;
    b = (await h.workspace("B", "discord")).id;
    for (const [workspaceId, name] of [
      [a, "甲"],
      [b, "乙"],
    ] as const) {
      await h.prisma.customer.create({ data: { workspaceId, code: "C0001", name, type: "dealer" } });
    }
  });
  afterAll(() => h.close());

  it("reads only its own workspace, whatever the filter asks for", async () => {
    const db = scopeToWorkspace(h.prisma, a);
    expect((await db.customer.findMany()).map((c) => c.name)).toEqual(["甲"]);
    await expect(db.customer.findFirst({ where: { workspaceId: b } })).rejects.toThrow(WorkspaceScopeViolation);
    const other = await h.prisma.customer.findFirstOrThrow({ where: { workspaceId: b } });
    expect(await db.customer.findUnique({ where: { id: other.id } })).toBeNull();
    expect(await db.customer.count()).toBe(1);
  });

  it("updates and deletes nothing outside its workspace", async () => {
    const db = scopeToWorkspace(h.prisma, a);
    expect((await db.customer.updateMany({ data: { region: "x" } })).count).toBe(1);
    expect((await db.customer.deleteMany({ where: { name: "乙" } })).count).toBe(0);
    expect(await h.prisma.customer.count({ where: { workspaceId: b, region: "x" } })).toBe(0);
  });

  it("refuses to write a row into another workspace, also inside a transaction", async () => {
    const db = scopeToWorkspace(h.prisma, a);
    await expect(
      db.customer.create({ data: { workspaceId: b, code: "C9", name: "x", type: "dealer" } }),
    ).rejects.toThrow(WorkspaceScopeViolation);
    await expect(
      db.$transaction(async (tx) => {
        await tx.customer.create({ data: { workspaceId: a, code: "C8", name: "ok", type: "dealer" } });
        await tx.contact.create({ data: { workspaceId: b, customerId: 1, name: "x" } });
      }),
    ).rejects.toThrow(WorkspaceScopeViolation);
    // The transaction rolled back: its first row is gone too.
    expect(await h.prisma.customer.count({ where: { code: { in: ["C8", "C9"] } } })).toBe(0);
  });
});
