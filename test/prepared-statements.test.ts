import Sqlite from "better-sqlite3";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { Harness, type TestUser } from "./support/harness.js";

// The SQLite connection keeps its statements prepared (src/db/sqlite-statements.ts): each query
// must still get its own arguments, errors must still reach the caller as Prisma's, and a failed
// transaction must still leave nothing behind.
describe("prepared statements on sqlite", () => {
  const prepare = vi.spyOn(Sqlite.prototype, "prepare");
  let h: Harness;
  let admin: TestUser;
  let workspaceId: number;

  beforeAll(async () => {
    h = await Harness.open("sqlite");
    const ws = await h.workspace();
    workspaceId = ws.id;
    admin = await h.user(ws.id, "管理员", "admin");
    await h.say(admin, "/customer add 北京华达商贸 type:dealer");
    await h.say(admin, "/customer add 重庆百货大楼 type:dealer");
  });
  afterAll(() => h.close());

  const byCode = (code: string) =>
    h.db.prisma.customer.findFirst({ where: { workspaceId, code }, select: { name: true } });
  const preparedLookups = () => prepare.mock.calls.filter(([sql]) => sql.includes("`main`.`Customer`.`name`")).length;

  it("prepares a query once and answers each call with its own arguments", async () => {
    await byCode("C0001");
    const before = preparedLookups();
    expect(await byCode("C0002")).toEqual({ name: "重庆百货大楼" });
    expect(await byCode("C0001")).toEqual({ name: "北京华达商贸" });
    expect(await byCode("C9999")).toBeNull();
    expect(preparedLookups()).toBe(before);
  });

  it("reports a broken constraint as Prisma does, and the statement serves the next insert", async () => {
    const setting = (name: string) =>
      h.db.prisma.workspaceSetting.create({ data: { workspaceId, key: name, value: "{}" } });
    await setting("first");
    await expect(setting("first")).rejects.toMatchObject({ code: "P2002" });
    await expect(setting("second")).resolves.toMatchObject({ key: "second" });
  });

  it("rolls back a transaction that fails half-way", async () => {
    const failing = h.db.prisma.$transaction(async (tx) => {
      await tx.workspaceSetting.create({ data: { workspaceId, key: "half", value: "{}" } });
      await tx.workspaceSetting.create({ data: { workspaceId, key: "half", value: "{}" } });
    });
    await expect(failing).rejects.toMatchObject({ code: "P2002" });
    expect(await h.db.prisma.workspaceSetting.count({ where: { workspaceId, key: "half" } })).toBe(0);
  });

  it("keeps answering through the router once every command's statements are prepared", async () => {
    for (let i = 0; i < 3; i++) {
      expect(await h.say(admin, "/customer find 华达")).toContain("北京华达商贸");
      expect(await h.say(admin, "/customer show C0002")).toContain("重庆百货大楼");
    }
  });
});
