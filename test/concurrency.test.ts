import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { Router } from "../src/application/router.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { testProviders } from "./support/databases.js";
import { Harness, NOW, type TestUser } from "./support/harness.js";

describe.each(testProviders())("concurrent writers on %s", (provider) => {
  let h: Harness;
  let second: Database | undefined;
  let rep: TestUser;

  beforeAll(async () => {
    h = await Harness.open(provider);
    if (provider === "postgresql") second = await openDatabase(h.testDb.url, { migrate: false });
    const ws = await h.workspace();
    const admin = await h.user(ws.id, "管理员", "admin");
    rep = await h.user(ws.id, "王伟", "rep");
    await h.say(admin, "/customer add 北京华达商贸 type:dealer owner:王伟");
    await h.say(admin, "/customer add 重庆百货大楼 type:dealer owner:王伟");
  });
  afterAll(async () => {
    await second?.close();
    await h.close();
  });

  // SQLite serialises writers per file, and better-sqlite3 waits for a lock synchronously, so a
  // second connection in the same process would wait on the first while blocking it: two writers
  // on SQLite are two processes (bench/), here the many commands of one bot. On PostgreSQL two
  // clients stand for two bot instances.
  it("many commands writing at once all get through: no SQLITE_BUSY, deadlock or lost counter reaches a user", async () => {
    const routers =
      provider === "postgresql"
        ? [h.router, new Router({ prisma: second!.prisma, commands, logger: createLogger("silent"), now: () => NOW })]
        : [h.router];
    const caller = { workspaceId: rep.workspaceId, userId: rep.id };
    const lines = Array.from({ length: 40 }, (_, i) => [
      `/order add ${i % 2 ? "华达" : "百货"} ${100 + i}`,
      `/visit log ${i % 2 ? "百货" : "华达"} 第${i}次 承诺:送样品`,
    ]).flat();
    const replies = await Promise.all(lines.map((line, i) => routers[i % routers.length]!.run(caller, line)));
    const refused = replies.filter((r) => r.tone === "error").map((r) => JSON.stringify(r.blocks));
    expect(refused).toEqual([]);
    expect(await h.prisma.order.count()).toBe(40);
    expect(await h.prisma.visit.count()).toBe(40);
    // Every follow-up got its own number: the counter was never read twice.
    const numbers = (await h.prisma.followUp.findMany({ select: { number: true } })).map((f) => f.number);
    expect(new Set(numbers).size).toBe(40);
  });
});
