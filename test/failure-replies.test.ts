import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineCommand } from "../src/application/command.js";
import { Router } from "../src/application/router.js";
import { createLogger } from "../src/logger.js";
import { renderText } from "../src/platforms/console/render.js";
import { Harness, type TestUser } from "./support/harness.js";

// What a user is told when a command fails for a reason that is not theirs: the database gone,
// the database busy with a long job, or a bug. Each says whether trying again helps, in the
// user's language, with an id to quote.
describe("replies to failures", () => {
  let h: Harness;
  let zh: TestUser;
  let en: TestUser;
  let router: Router;
  let failure: Error;

  beforeAll(async () => {
    h = await Harness.open("sqlite");
    const ws = await h.workspace();
    zh = await h.user(ws.id, "王伟", "rep");
    en = await h.user(ws.id, "Mike", "rep", { locale: "en" });
    const failing = defineCommand({
      path: ["fail"],
      role: "rep",
      args: {},
      examples: [],
      handle: () => Promise.reject(failure),
    });
    router = new Router({ prisma: h.prisma, commands: [failing], logger: createLogger("silent") });
  });
  afterAll(() => h.close());

  const told = async (user: TestUser, error: Error) => {
    failure = error;
    const reply = await router.run({ workspaceId: user.workspaceId, userId: user.id }, "/fail");
    expect(reply.tone).toBe("error");
    return renderText(reply).text;
  };
  const prismaError = (code: string, message: string) =>
    Object.assign(new Error(message), { name: "PrismaClientKnownRequestError", code });

  it("says the database is busy when the command's turn did not come in time", async () => {
    expect(
      await told(zh, prismaError("P2028", "Transaction API error: Unable to start a transaction in the given time.")),
    ).toMatch(/数据库正忙于一项长任务.*请稍后再试（错误编号 [0-9a-f]{8}）/);
    expect(await told(en, new Error("SqliteError: database is locked (SQLITE_BUSY)"))).toMatch(
      /busy with a long job.*try again in a moment \(error id [0-9a-f]{8}\)/,
    );
    expect(
      await told(en, prismaError("P2024", "Timed out fetching a new connection from the connection pool.")),
    ).toMatch(/busy with a long job/);
  });

  it("says the database cannot be reached when it is down", async () => {
    expect(await told(zh, new Error("connect ECONNREFUSED 127.0.0.1:5432"))).toMatch(/数据库暂时无法访问/);
  });

  it("says the disk is full when SQLite runs out of space, and nothing is half-written", async () => {
    // SQLite's own limit on the file's pages stands in for a full disk: the same SQLITE_FULL.
    const pages = Number(
      ((await h.prisma.$queryRawUnsafe("PRAGMA page_count")) as { page_count: bigint }[])[0]!.page_count,
    );
    await h.prisma.$queryRawUnsafe(`PRAGMA max_page_count = ${pages}`);
    const before = await h.prisma.customer.count();
    const name = "磁盘满客户";
    const lines = Array.from(
      { length: 200 },
      (_, i) => `/customer add ${name}${i} type:dealer 地址:${"很长的地址".repeat(30)}`,
    );
    let reply = "";
    let saved = 0;
    for (const line of lines) {
      reply = await h.say(zh, line);
      if (!reply.startsWith("已新增客户")) break;
      saved++;
    }
    await h.prisma.$queryRawUnsafe("PRAGMA max_page_count = 1073741823");
    expect(reply).toMatch(/^✗ 服务器磁盘已满，这次没有保存任何内容。请管理员清理磁盘后再试（错误编号 [0-9a-f]{8}）。$/);
    // The customer being added when space ran out left nothing behind: its transaction rolled back whole.
    expect((await h.prisma.customer.count()) - before).toBe(saved);
    expect(saved).toBeLessThan(lines.length);
    expect(await h.say(zh, `/customer add ${name}-after type:dealer`)).toMatch(/^已新增客户/);
    expect(await told(en, new Error("SqliteError: database or disk is full (SQLITE_FULL)"))).toMatch(/disk is full/);
  });

  it("says the database cannot be reached when a connection drops in the middle of a command", async () => {
    for (const message of [
      "Connection terminated unexpectedly",
      "terminating connection due to administrator command (57P01)",
      "Client has encountered a connection error and is not queryable",
    ])
      expect(await told(zh, new Error(message))).toMatch(/^✗ 数据库暂时无法访问/);
  });

  it("reports anything else as an error to quote to an admin, not as a reason to wait", async () => {
    const text = await told(en, new TypeError("Cannot read properties of undefined (reading 'name')"));
    expect(text).toMatch(/Something went wrong.*error id [0-9a-f]{8}/);
    expect(text).not.toMatch(/busy|cannot be reached|undefined/);
  });
});
