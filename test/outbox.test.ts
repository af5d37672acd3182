import { repositoriesOf } from "../src/db/client.js";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { reply } from "../src/core/reply.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import { createLogger } from "../src/logger.js";
import { dispatchOutbox } from "../src/application/dispatcher.js";
import type { NotificationView } from "../src/domain/notifications.js";
import { enqueue } from "../src/outbound/outbox.js";
import { decodePayload } from "../src/outbound/payload.js";
import { DeliveryRefused, type Delivery, type OutboundPort } from "../src/outbound/port.js";
import { renderText } from "../src/platforms/console/render.js";
import { testProviders } from "./support/databases.js";
import { Harness, NOW, RecordingPort, type TestUser } from "./support/harness.js";

/** A port that refuses messages to users while `refusals` has entries; channels always get theirs. */
class FlakyPort implements OutboundPort {
  readonly delivered: Delivery[] = [];
  constructor(private readonly refusals: Error[] = []) {}
  async send(delivery: Delivery) {
    const refusal = delivery.to.kind === "user" ? this.refusals.shift() : undefined;
    if (refusal) throw refusal;
    this.delivered.push(delivery);
    return { ref: `ts-${this.delivered.length}` };
  }
}

describe.each(testProviders())("the outbox on %s", (provider) => {
  let h: Harness;
  let user: TestUser;
  let workspaceId: number;

  const notify = (key: string, text = "hello") =>
    scopeToWorkspace(h.prisma, workspaceId).$transaction((tx) =>
      enqueue(tx, repositoriesOf(h.prisma).bulk, workspaceId, {
        dedupeKey: key,
        kind: "digest",
        recipients: [
          { kind: "user", userId: user.id },
          { kind: "channel", channelId: "C-ALERTS" },
        ],
        view: {
          view: "weeklyDigest",
          team: text,
          figures: { visits: 3, newComplaints: 0, openAlerts: 1, resolvedAlerts: 0, sales: 123_456_78n, plan: 0n },
          month: "2026-11",
        } satisfies NotificationView,
        at: h.now,
      }),
    );
  const rows = () => h.prisma.outboxMessage.findMany({ orderBy: { id: "asc" } });

  beforeAll(async () => {
    h = await Harness.open(provider);
    workspaceId = (await h.workspace()).id;
    user = await h.user(workspaceId, "王伟", "rep", { locale: "en" });
  });
  beforeEach(async () => {
    h.now = NOW;
    await h.prisma.outboxMessage.deleteMany();
  });
  afterAll(() => h.close());

  it("records one message per recipient, never twice for the same key, and writes each in its reader's language when delivered", async () => {
    expect(await notify("digest:1")).toBe(2);
    expect(await notify("digest:1")).toBe(0);
    const [forUser, forChannel] = await rows();
    expect([forUser!.target, forChannel!.target]).toEqual([`user:${user.id}`, "channel:C-ALERTS"]);
    // Data, not text: amounts and dates survive the round trip.
    expect(decodePayload(forUser!.payload)).toMatchObject({ view: "weeklyDigest", figures: { sales: 123_456_78n } });
    const port = new RecordingPort();
    expect(await h.deliver(port)).toBe(2);
    expect(port.sent.map((d) => d.text.split("\n").slice(0, 6))).toEqual([
      expect.arrayContaining(["== This week in hello's team ==", expect.stringMatching(/¥123,456\.78/)]),
      expect.arrayContaining(["== hello 团队本周简报 ==", expect.stringMatching(/¥123,456\.78/)]),
    ]);
  });

  it("sends a message queued as a written reply by an earlier version as it was", async () => {
    await notify("digest:legacy");
    await h.prisma.outboxMessage.updateMany({
      data: { payload: JSON.stringify(reply({ type: "text", text: "旧版本写好的消息" })) },
    });
    const port = new RecordingPort();
    await h.deliver(port);
    expect(port.sent.map((d) => d.text)).toEqual(["旧版本写好的消息", "旧版本写好的消息"]);
  });

  it("retries a refused message after the platform's Retry-After, then after a growing backoff, and sends it once", async () => {
    await notify("digest:2");
    const port = new FlakyPort([
      new DeliveryRefused("ratelimited", { retryAfterMs: 30_000 }),
      new DeliveryRefused("server error"),
    ]);
    expect(await h.deliver(port)).toBe(1);
    const [first, second] = await rows();
    expect(first).toMatchObject({
      status: "pending",
      attempts: 1,
      lastError: "ratelimited",
      nextAttemptAt: new Date(NOW.getTime() + 30_000),
    });
    expect(second).toMatchObject({ status: "sent", attempts: 0, platformRef: "ts-1" });

    h.now = new Date(NOW.getTime() + 29_000);
    expect(await h.deliver(port)).toBe(0);
    h.now = new Date(NOW.getTime() + 30_000);
    expect(await h.deliver(port)).toBe(0);
    expect((await rows())[0]).toMatchObject({
      status: "pending",
      attempts: 2,
      lastError: "server error",
      nextAttemptAt: new Date(h.now.getTime() + 4_000),
    });
    h.now = new Date(h.now.getTime() + 4_000);
    expect(await h.deliver(port)).toBe(1);
    expect((await rows())[0]).toMatchObject({ status: "sent", platformRef: "ts-2" });
    expect(port.delivered.map((d) => d.to.kind)).toEqual(["channel", "user"]);
    expect(await h.deliver(port)).toBe(0);
  });

  it("takes a 429 as a wait, never an attempt: twelve in a row and the message still goes, once", async () => {
    await notify("digest:busy");
    const tooSoon = () => new DeliveryRefused("rate limited", { retryAfterMs: 5, rateLimited: true });
    const port = new FlakyPort(Array.from({ length: 12 }, tooSoon));
    // The bot's clock moves with real time here, so each Retry-After comes due within the run.
    const started = Date.now();
    const now = () => new Date(NOW.getTime() + (Date.now() - started));
    expect(
      await dispatchOutbox({ prisma: h.prisma, ports: { console: port }, now, logger: createLogger("silent") }),
    ).toBe(2);
    expect(port.delivered.map((d) => d.to.kind)).toEqual(["channel", "user"]);
    expect((await rows()).map((r) => [r.status, r.attempts])).toEqual([
      ["sent", 0],
      ["sent", 0],
    ]);
  });

  it("gives up on a permanent refusal and keeps the reason", async () => {
    await notify("digest:3");
    await h.deliver(new FlakyPort([new DeliveryRefused("user_not_found", { permanent: true })]));
    expect((await rows())[0]).toMatchObject({ status: "failed", lastError: "user_not_found" });
    h.now = new Date(NOW.getTime() + 3_600_000);
    expect(await h.deliver(new RecordingPort())).toBe(0);
  });

  it("holds posts to a channel that refuses the bot without spending attempts, and after a week fails them and tells the admins", async () => {
    const ws = await h.workspace("closed-channel");
    const admin = await h.user(ws.id, "管理员", "admin");
    const port = new (class implements OutboundPort {
      readonly delivered: Delivery[] = [];
      async send(delivery: Delivery) {
        if (delivery.to.kind === "channel") throw new DeliveryRefused("channel_not_found", { blocked: "notVisible" });
        this.delivered.push(delivery);
        return { ref: `dm-${this.delivered.length}` };
      }
    })();
    await scopeToWorkspace(h.prisma, ws.id).$transaction((tx) =>
      enqueue(tx, repositoriesOf(h.prisma).bulk, ws.id, {
        dedupeKey: "closed:1",
        kind: "digest",
        recipients: [{ kind: "channel", channelId: "C-GONE" }],
        view: { view: "morningFollowUps", items: [], more: 0 } satisfies NotificationView,
        at: h.now,
      }),
    );
    const held = () => h.prisma.outboxMessage.findFirstOrThrow({ where: { target: "channel:C-GONE" } });
    const noticesTo = () => port.delivered.filter((d) => d.to.kind === "user" && d.to.name === admin.name);
    await h.deliver(port);
    expect(await held()).toMatchObject({ status: "waiting", attempts: 0, lastError: "notVisible" });
    expect(noticesTo().map((d) => renderText(d.reply).text.split("\n")[0])).toEqual(["== ⚠️ 消息发不进频道 C-GONE =="]);
    // Tried again by itself every half hour, quietly.
    for (let day = 1; day <= 6; day++) {
      h.now = new Date(NOW.getTime() + day * 24 * 3_600_000);
      await h.deliver(port);
    }
    expect(await held()).toMatchObject({ status: "waiting", attempts: 0 });
    expect(noticesTo()).toHaveLength(1);
    h.now = new Date(NOW.getTime() + 8 * 24 * 3_600_000);
    await h.deliver(port);
    expect(await held()).toMatchObject({ status: "failed", lastError: "notVisible" });
    expect(noticesTo().map((d) => renderText(d.reply).text.split("\n")[0])).toEqual([
      "== ⚠️ 消息发不进频道 C-GONE ==",
      "== ⚠️ 消息发送失败：频道 C-GONE ==",
    ]);
  });

  it("never sends a message twice when two dispatchers run at once", async () => {
    for (let i = 0; i < 5; i++) await notify(`digest:race:${i}`);
    const port = new RecordingPort();
    const run = () =>
      dispatchOutbox({ prisma: h.prisma, ports: { console: port }, now: () => h.now, logger: createLogger("silent") });
    const [a, b] = await Promise.all([run(), run()]);
    expect(a + b).toBe(10);
    expect(port.sent).toHaveLength(10);
  });

  it("takes up a message whose sender died once its lease runs out, updating the post it made", async () => {
    await notify("digest:4");
    const [message] = await rows();
    await h.prisma.outboxMessage.update({
      where: { id: message!.id },
      data: { status: "sending", nextAttemptAt: new Date(NOW.getTime() + 60_000), platformRef: "ts-earlier" },
    });
    const port = new RecordingPort();
    await h.deliver(port);
    expect(port.sent.map((d) => d.to.kind)).toEqual(["channel"]);
    h.now = new Date(NOW.getTime() + 60_000);
    await h.deliver(port);
    expect(port.sent.map((d) => [d.to.kind, d.ref])).toEqual([
      ["channel", null],
      ["user", "ts-earlier"],
    ]);
  });

  it("leaves messages of a platform this process does not serve for the process that does", async () => {
    const slack = await h.workspace("T-SLACK", "slack");
    const slackUser = await h.user(slack.id, "Sam", "rep");
    await scopeToWorkspace(h.prisma, slack.id).$transaction((tx) =>
      enqueue(tx, repositoriesOf(h.prisma).bulk, slack.id, {
        dedupeKey: "x",
        kind: "digest",
        recipients: [{ kind: "user", userId: slackUser.id }],
        view: { view: "morningFollowUps", items: [], more: 0 } satisfies NotificationView,
        at: h.now,
      }),
    );
    expect(await h.deliver(new RecordingPort())).toBe(0);
    expect((await rows())[0]).toMatchObject({ status: "pending", attempts: 0 });
  });
});
