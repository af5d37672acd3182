import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { openDatabase, type Database } from "../src/db/client.js";
import { freePort, spawnBot, untilListening } from "./support/bot-process.js";
import { createTestDatabase, type TestDatabase } from "./support/databases.js";
import { BOT_TOKEN, FakeSlack, signed, SIGNING_SECRET, slashCommandBody } from "./support/fake-slack.js";
import { waitFor } from "./support/wait.js";

const ADMIN = "U2147483697";
const ORDERS = 40;

/**
 * Two real bot processes (Slack over HTTP, as several instances behind a load balancer run) on
 * one PostgreSQL database, with Slack faked locally. Commands go to either at random; background
 * jobs and the outbox run in both, as they would in production.
 */
describe.skipIf(!process.env.TEST_DATABASE_URL)("two bot instances on one PostgreSQL database", () => {
  let database: TestDatabase;
  let db: Database;
  let fake: FakeSlack;
  const bots: ReturnType<typeof spawnBot>[] = [];
  const ports: number[] = [];

  const send = async (instance: number, text: string, tag: string) => {
    const [command, ...rest] = text.split(" ");
    const body = slashCommandBody(fake, command!, rest.join(" "), ADMIN, tag);
    const res = await fetch(`http://127.0.0.1:${ports[instance]}/slack/events`, {
      method: "POST",
      headers: { "content-type": "application/x-www-form-urlencoded", ...signed(body) },
      body,
    });
    expect(res.status).toBe(200);
  };
  const answersTo = (tag: string) => fake.responses.filter((r) => r.path === `/respond/${tag}`);
  const ask = async (instance: number, text: string) => {
    const tag = `setup-${fake.responses.length}-${Math.random().toString(36).slice(2)}`;
    await send(instance, text, tag);
    return JSON.stringify((await waitFor(() => answersTo(tag)[0], text)).body);
  };
  const posts = (needle: string) => fake.callsOf("chat.postMessage").filter((m) => JSON.stringify(m).includes(needle));

  beforeAll(async () => {
    database = await createTestDatabase("postgresql");
    db = await openDatabase(database.url);
    fake = await FakeSlack.start();
    for (let i = 0; i < 2; i++) {
      ports.push(await freePort());
      bots.push(
        spawnBot({
          ...process.env,
          DATABASE_URL: database.url,
          SLACK_BOT_TOKEN: BOT_TOKEN,
          SLACK_SIGNING_SECRET: SIGNING_SECRET,
          SLACK_API_URL: fake.apiUrl,
          PORT: String(ports[i]),
          LOG_LEVEL: "warn",
        }),
      );
    }
    for (const [i, port] of ports.entries()) await untilListening(port, bots[i]!.output);
  }, 60_000);

  afterAll(async () => {
    for (const bot of bots) bot.kill("SIGTERM");
    await Promise.all(
      bots.map((bot) => new Promise((resolve) => (bot.exitCode !== null ? resolve(null) : bot.once("close", resolve)))),
    );
    await fake?.close();
    await db?.close();
    await database?.cleanup();
  });

  it("answers every command exactly once, loses no write, and posts an alert once", async () => {
    // The first admin claims the workspace with the code the instance printed in its log.
    const code = await waitFor(() => /\/crm claim (\S+)/.exec(bots[0]!.output())?.[1], "the claim code in the log");
    expect(await ask(0, "/customer add 北京华达商贸 type:dealer code:K1")).toContain("K1");
    expect(await ask(0, `/crm claim ${code}`)).toContain("你现在是这个团队的管理员了");
    expect(await ask(1, "/customer edit K1 授信额度:1000")).toContain("1,000");

    await Promise.all(Array.from({ length: ORDERS }, (_, i) => send(i % 2, `/order add K1 100`, `order-${i}`)));
    await waitFor(
      () =>
        Array.from({ length: ORDERS }, (_, i) => answersTo(`order-${i}`).length).every((n) => n > 0) ? true : undefined,
      "every order answered",
      30_000,
    );
    // Both instances have had time to answer a second time, if either were going to.
    await new Promise((resolve) => setTimeout(resolve, 1_000));
    for (let i = 0; i < ORDERS; i++) {
      const answers = answersTo(`order-${i}`);
      expect(answers, `order-${i}`).toHaveLength(1);
      expect(JSON.stringify(answers[0]!.body)).toContain("K1");
    }
    expect(await db.prisma.order.count()).toBe(ORDERS);
    expect((await db.prisma.order.aggregate({ _sum: { amount: true } }))._sum.amount).toBe(BigInt(ORDERS * 100 * 100));

    // Over its limit: one alert, posted once, though both instances sweep and dispatch.
    expect(await db.prisma.alert.count({ where: { rule: "receivables" } })).toBe(1);
    await waitFor(() => (posts("外欠款").length > 0 ? true : undefined), "the alert posted", 20_000);
    await new Promise((resolve) => setTimeout(resolve, 6_000)); // a dispatch cycle of each instance
    expect(posts("外欠款")).toHaveLength(1);
  }, 90_000);

  it("sends a scheduled digest once", async () => {
    expect(await ask(0, "/alert route add C0DIGEST for:digests")).toContain("C0DIGEST");
    // Due every hour: the current hour's digest is due at both instances' next tick (within a minute).
    expect(await ask(1, '/alert schedule weekly:"0 * * * *"')).toContain("每小时整点");
    const weekly = await waitFor(
      async () =>
        (await db.prisma.outboxMessage.findFirst({
          where: { target: "channel:C0DIGEST", dedupeKey: { startsWith: "weekly:" }, status: "sent" },
        })) ?? undefined,
      "the digest posted",
      75_000,
    );
    await new Promise((resolve) => setTimeout(resolve, 6_000));
    // Each post carries its outbox id: none twice, the weekly digest once. (Other digests due by
    // the real clock, such as the monthly summary at 09:00 on the 1st, may go there too.)
    const ids = fake
      .callsOf("chat.postMessage")
      .filter((m) => m.channel === "C0DIGEST")
      .map((m) => (m.metadata as { event_payload?: { outbox_id?: string } } | undefined)?.event_payload?.outbox_id);
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids.filter((id) => id === String(weekly.id))).toHaveLength(1);
    expect(await db.prisma.jobRun.count({ where: { job: "weekly" } })).toBe(1);
  }, 100_000);
});
