import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { defineCommand } from "../src/application/command.js";
import { Router } from "../src/application/router.js";
import { reply } from "../src/core/reply.js";
import { createLogger } from "../src/logger.js";
import { Harness, type TestUser } from "./support/harness.js";

describe("buttons a reply offers", () => {
  let h: Harness;
  let rep: TestUser;
  let admin: TestUser;
  let router: Router;

  beforeAll(async () => {
    h = await Harness.open("sqlite");
    const ws = await h.workspace();
    rep = await h.user(ws.id, "王伟", "rep");
    admin = await h.user(ws.id, "管理员", "admin");
    const menu = defineCommand({
      path: ["menu"],
      role: "rep",
      args: {},
      examples: [],
      handle: async () =>
        reply({
          type: "buttons",
          buttons: [
            { label: "again", command: "/menu" },
            { label: "wipe", command: "/wipe" },
          ],
        }),
    });
    const wipe = defineCommand({ path: ["wipe"], role: "admin", args: {}, examples: [], handle: async () => reply() });
    router = new Router({ prisma: h.prisma, commands: [menu, wipe], logger: createLogger("silent") });
  });
  afterAll(() => h.close());

  const offered = async (user: TestUser) =>
    (await router.run({ workspaceId: user.workspaceId, userId: user.id }, "/menu")).blocks.flatMap((b) =>
      b.type === "buttons" ? b.buttons.map((x) => x.command) : [],
    );

  it("leave out the commands the reader's role may not run, so that nobody presses a button to be refused", async () => {
    expect(await offered(rep)).toEqual(["/menu"]);
    expect(await offered(admin)).toEqual(["/menu", "/wipe"]);
  });
});
