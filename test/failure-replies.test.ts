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
    ).toMatch(/数据库正忙于一项长任务.*请稍后再试\(错误编号 [0-9a-f]{8}\)/);
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

  it("reports anything else as an error to quote to an admin, not as a reason to wait", async () => {
    const text = await told(en, new TypeError("Cannot read properties of undefined (reading 'name')"));
    expect(text).toMatch(/Something went wrong.*error id [0-9a-f]{8}/);
    expect(text).not.toMatch(/busy|cannot be reached|undefined/);
  });
});
