import { createServer, connect, type Server, type Socket } from "node:net";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { Router } from "../src/application/router.js";
import { openDatabase, type Database } from "../src/db/client.js";
import { createLogger } from "../src/logger.js";
import { renderText } from "../src/platforms/console/render.js";
import { testProviders } from "./support/databases.js";
import { Harness, NOW, type TestUser } from "./support/harness.js";

/** A TCP proxy to PostgreSQL that a test can cut (closing every connection) and restore. */
class CuttableProxy {
  private server!: Server;
  private readonly sockets = new Set<Socket>();
  private open = true;
  /** Cuts every connection when a client sends bytes matching this (a statement the test names). */
  private tripwire: RegExp | undefined;

  static async start(target: { host: string; port: number }): Promise<CuttableProxy> {
    const proxy = new CuttableProxy();
    proxy.server = createServer((client) => {
      if (!proxy.open) return void client.destroy();
      const upstream = connect(target.port, target.host);
      for (const s of [client, upstream]) {
        proxy.sockets.add(s);
        s.on("close", () => proxy.sockets.delete(s));
        s.on("error", () => {});
      }
      client.on("data", (chunk: Buffer) => {
        if (proxy.tripwire?.test(chunk.toString("latin1"))) {
          proxy.tripwire = undefined;
          proxy.cut();
        }
      });
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => proxy.server.listen(0, "127.0.0.1", resolve));
    return proxy;
  }

  get port(): number {
    return (this.server.address() as AddressInfo).port;
  }

  cut(): void {
    this.open = false;
    for (const s of this.sockets) s.destroy();
  }

  /** Cuts every connection the moment a statement matching `statement` is sent, before the server sees it. */
  cutOn(statement: RegExp): void {
    this.tripwire = statement;
  }

  restore(): void {
    this.open = true;
  }

  async close(): Promise<void> {
    this.cut();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }
}

// Only a server can go away: the test needs PostgreSQL (TEST_DATABASE_URL) and is skipped without it.
describe.skipIf(!testProviders().includes("postgresql"))("the database going away", () => {
  const provider = "postgresql" as const;
  let h: Harness;
  let proxy: CuttableProxy;
  let db: Database;
  let router: Router;
  let rep: TestUser;

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    rep = await h.user(ws.id, "王伟", "admin");
    await h.say(rep, "/customer add 北京华达商贸 type:dealer");
    const url = new URL(h.testDb.url);
    proxy = await CuttableProxy.start({ host: url.hostname, port: Number(url.port || 5432) });
    url.host = `127.0.0.1:${proxy.port}`;
    db = await openDatabase(url.toString(), { migrate: false });
    router = new Router({ prisma: db.prisma, commands, logger: createLogger("silent"), now: () => NOW });
  });
  afterAll(async () => {
    await db.close();
    await proxy.close();
    await h.close();
  });

  it("answers 'try again' while the database is unreachable, and works again once it is back, without a restart", async () => {
    const caller = { workspaceId: rep.workspaceId, userId: rep.id };
    expect(renderText(await router.run(caller, "/customer find 华达")).text).toContain("北京华达商贸");
    proxy.cut();
    const down = await router.run(caller, "/order add 华达 100");
    expect(down.tone).toBe("error");
    expect(renderText(down).text).toMatch(/数据库暂时无法访问，请稍后再试（错误编号 [0-9a-f]{8}）/);
    proxy.restore();
    expect(renderText(await router.run(caller, "/order add 华达 100")).text).toContain("已记录进货");
    expect(await h.prisma.order.count()).toBe(1);
  });

  it("answers 'try again' when the connection closes in the middle of a command, and half of it is not kept", async () => {
    const caller = { workspaceId: rep.workspaceId, userId: rep.id };
    const before = await h.prisma.order.count();
    // The order's transaction has begun when its INSERT is cut off.
    proxy.cutOn(/INSERT INTO "[^"]+"\."Order"/);
    const cut = await router.run(caller, "/order add 华达 200");
    expect(renderText(cut).text).toMatch(/数据库暂时无法访问，请稍后再试（错误编号 [0-9a-f]{8}）/);
    proxy.restore();
    expect(await h.prisma.order.count()).toBe(before);
    expect(renderText(await router.run(caller, "/order add 华达 200")).text).toContain("已记录进货");
    expect(await h.prisma.order.count()).toBe(before + 1);
  });
});
