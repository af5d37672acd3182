import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchOutbox } from "../src/application/dispatcher.js";
import { reply } from "../src/core/reply.js";
import { createLogger } from "../src/logger.js";
import { Pacer } from "../src/outbound/pacer.js";
import { DINGTALK_SDK_CARD_TEMPLATE } from "../src/config.js";
import { DingTalkApi } from "../src/platforms/dingtalk/api.js";
import { createDingTalkBot, type DingTalkBot } from "../src/platforms/dingtalk/bot.js";
import { dingtalkOutboundPort } from "../src/platforms/dingtalk/outbound.js";
import {
  cardParams,
  DINGTALK_MAX_BUTTONS,
  DINGTALK_MAX_TEXT,
  DINGTALK_MAX_TITLE,
  renderDingTalk,
  robotMessage as asRobotMessage,
} from "../src/platforms/dingtalk/render.js";
import { startBotOnSqlite } from "./support/bot-process.js";
import { testProviders } from "./support/databases.js";
import {
  CARD_TOPIC,
  CLIENT_ID,
  CLIENT_SECRET,
  CORP,
  cardPress,
  FakeDingTalk,
  fileMessage,
  robotMessage,
} from "./support/fake-dingtalk.js";
import { CLAIM_CODE, Harness } from "./support/harness.js";
import { exampleReplies } from "./support/example-replies.js";
import { waitFor } from "./support/wait.js";

const NOTE = "……内容太长";
const WANG = "manager4521";
const LI = "rep7788";
const GROUP = "cidSalesGroup0001==";
/** The largest file the robot takes in these tests. */
const MAX_TEST_UPLOAD = 64 * 1024;

describe("DingTalk messages", () => {
  let examples: Awaited<ReturnType<typeof exampleReplies>>;

  beforeAll(async () => {
    examples = await exampleReplies();
  });
  afterAll(() => examples.close());

  it("render every command's examples and help within DingTalk's limits, as templates the robot API and the card take", async () => {
    for (const [line, answer] of examples.replies) {
      const message = renderDingTalk(answer, NOTE);
      expect([...message.text].length, line).toBeLessThanOrEqual(DINGTALK_MAX_TEXT);
      expect([...message.title].length, line).toBeLessThanOrEqual(DINGTALK_MAX_TITLE);
      expect(message.title, line).not.toBe("");
      expect(message.buttons.length, line).toBeLessThanOrEqual(DINGTALK_MAX_BUTTONS);
      const { msgKey, msgParam } = asRobotMessage(message);
      expect(msgKey).toMatch(/^sample(Markdown|ActionCard[2-5]?)$/);
      for (const value of Object.values(msgParam)) expect(value, line).not.toBe("");
      const card = cardParams(message);
      expect(card.markdown, line).toBe(message.text);
      expect(JSON.parse(card.sys_full_json_obj!).msgButtons, line).toHaveLength(message.buttons.length);
    }
  });

  it("make buttons links that send their command as the presser, escape what users typed, and cut what is too long", () => {
    const message = renderDingTalk(
      reply(
        { type: "heading", text: "**华达** [点我](https://evil.example)" },
        { type: "text", text: "第一行\n第二行" },
        ...Array.from({ length: 200 }, () => ({ type: "text" as const, text: "北京市海淀区中关村大街".repeat(4) })),
        {
          type: "buttons",
          buttons: Array.from({ length: 7 }, (_, i) => ({ label: `按钮${i}`, command: `/customer show C000${i}` })),
        },
      ),
      NOTE,
    );
    expect(message.title).toBe("**华达** [点我](https://evil.example)");
    expect(message.text.startsWith("### \\*\\*华达\\*\\* \\[点我\\](https://evil.example)\n\n第一行\n\n第二行")).toBe(
      true,
    );
    expect([...message.text].length).toBeLessThanOrEqual(DINGTALK_MAX_TEXT);
    expect(message.text.endsWith(`> ${NOTE}`)).toBe(true);
    expect(message.buttons).toHaveLength(5);
    expect(message.buttons[0]).toEqual({
      title: "按钮0",
      url: "dtmd://dingtalkclient/sendMessage?content=%2Fcustomer%20show%20C0000",
    });
  });
});

describe.each(testProviders())("DingTalk over Stream mode on %s", (provider) => {
  let h: Harness;
  let fake: FakeDingTalk;
  let bot: DingTalkBot;

  /** Sends a robot message and waits for what the bot posts in answer. */
  const say = async (message: { msgId: string; text?: { content: string } }) => {
    const before = fake.posts.length;
    const frame = fake.push(message);
    const post = await waitFor(() => fake.posts[before], `the answer to ${message.text?.content ?? "a file"}`);
    return { post, frame };
  };
  const session = (name: string) => ({ webhook: fake.webhook(name) });

  beforeAll(async () => {
    h = await Harness.open(provider);
    fake = await FakeDingTalk.start();
    bot = createDingTalkBot({
      options: {
        clientId: CLIENT_ID,
        clientSecret: CLIENT_SECRET,
        robotCode: CLIENT_ID,
        apiUrl: fake.base,
        oapiUrl: fake.base,
        maxFileBytes: MAX_TEST_UPLOAD,
      },
      inbound: h.inbound(),
      logger: createLogger("silent"),
    });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    await h.close();
  });

  it("connects through the gateway at DINGTALK_API_URL, acknowledges each frame at once, and answers a 1:1 command through its session webhook", async () => {
    expect(fake.connected).toBe(true);
    expect(fake.calls[0]).toMatchObject({ path: "/v1.0/gateway/connections/open", body: { clientId: CLIENT_ID } });
    const { post, frame } = await say(robotMessage(WANG, "/customer add 北京华达商贸 type:经销商", session("s1")));
    // Acknowledged as it arrived, not after the command ran: DingTalk redelivers what waits too long.
    const ack = fake.acks.get(frame)!;
    expect(ack.at - ack.sentAt).toBeLessThan(1_000);
    expect(post).toMatchObject({ via: "session", to: ["s1"], msgKey: "actionCard" });
    expect(post.param.text).toContain("已新增客户 北京华达商贸（编码 C0001）。");
    expect(post.param.actionURL1).toBe("dtmd://dingtalkclient/sendMessage?content=%2Fcustomer%20show%20C0001");
    for (const line of ["/customer find bjhd", "客户 查找 bjhd", "/客户 查找 bjhd"]) {
      const answer = await say(robotMessage(WANG, line, session("s1")));
      expect(answer.post.param.text, line).toContain("北京华达商贸（C0001）");
    }
    const user = await h.prisma.user.findFirstOrThrow({ where: { externalId: WANG }, include: { workspace: true } });
    expect(user).toMatchObject({ name: "王伟", role: "rep", workspace: { platform: "dingtalk", externalId: CORP } });
    expect((await say(robotMessage(WANG, `/crm claim ${CLAIM_CODE}`, session("s1")))).post.param.text).toContain(
      "你现在是这个团队的管理员了",
    );
  });

  it("takes an organisation admin DingTalk vouches for as admin, and refuses people of another organisation", async () => {
    await say(robotMessage(LI, "/customer find 华达", { ...session("s2"), nick: "李经理", isAdmin: true }));
    expect(await h.prisma.user.findFirstOrThrow({ where: { externalId: LI } })).toMatchObject({ role: "admin" });
    const users = await h.prisma.user.count();
    const { post } = await say(
      robotMessage("x1", "/customer find 华达", { ...session("s3"), corp: "dingOtherCorp", group: GROUP }),
    );
    expect(post.param.text).toContain("访客和其他组织的成员不能使用客户管理机器人");
    expect(await h.prisma.user.count()).toBe(users);
  });

  it("answers an @ in a group privately in the asker's 1:1 chat, publicly in the group when asked, and through the OpenAPI once the webhook expired", async () => {
    const privately = await say(robotMessage(WANG, "客户 查找 bjhd", { ...session("g1"), group: GROUP }));
    expect(privately.post).toMatchObject({ via: "batchSend", to: [WANG], msgKey: "sampleActionCard" });
    const publicly = await say(robotMessage(WANG, "客户 查找 bjhd 公开：是", { ...session("g1"), group: GROUP }));
    expect(publicly.post).toMatchObject({ via: "session", to: ["g1"], msgKey: "markdown" });
    expect(publicly.post.param.text).toMatch(/@机器人 并发送下面冒号后的命令：\n\n> .+：\/customer show C0001/);
    const expired = await say(
      robotMessage(WANG, "客户 查找 bjhd 公开：是", {
        ...session("expired-g1"),
        group: GROUP,
        expiresAt: Date.now() - 1,
      }),
    );
    expect(expired.post).toMatchObject({ via: "group", to: [GROUP] });
    const refused = await say(robotMessage(WANG, "/customer find bjhd", { webhook: fake.webhook("expired-s9") }));
    expect(refused.post).toMatchObject({ via: "batchSend", to: [WANG] });
  });

  it("sends charts as image messages and exports as file messages, and says what to type where a form would open", async () => {
    const before = { posts: fake.posts.length, uploads: fake.uploads.length };
    await say(robotMessage(WANG, "/export customers", session("s4")));
    const file = await waitFor(
      () => fake.posts.slice(before.posts).find((p) => p.msgKey === "sampleFile"),
      "the export",
    );
    expect(file).toMatchObject({ via: "batchSend", to: [WANG], param: { fileType: "csv" } });
    expect(fake.uploads.slice(before.uploads)).toMatchObject([{ type: "file", name: expect.stringMatching(/\.csv$/) }]);
    expect(file.param.mediaId).toBe(fake.uploads.at(-1)!.mediaId);
    await say(robotMessage(WANG, "/report customer C0001", session("s4")));
    const chart = await waitFor(() => fake.posts.find((p) => p.msgKey === "sampleImageMsg"), "the chart");
    expect(chart).toMatchObject({ via: "batchSend", to: [WANG] });
    expect(fake.uploads.at(-1)).toMatchObject({ type: "image" });

    const bare = await say(robotMessage(WANG, "/customer add", session("s4")));
    expect(bare.post.param.text).toMatch(/customer add/);
    expect(bare.post.param.text).toMatch(/名称/);
  });

  it("offers a CSV sent in a 1:1 chat for import by kind, and imports it through the robot's file download within the size cap", async () => {
    const csv = Buffer.from("客户名称,类型,电话\n广州好运来批发,经销商,13700137000\n深圳万佳超市,零售,13600136000\n");
    fake.sentFiles.set("dl-code-1", csv);
    const offer = await say(fileMessage(WANG, "dl-code-1", "客户.csv", fake.webhook("f1")));
    expect(offer.post.param.text).toContain("收到文件“客户.csv”");
    const titles = Object.entries(offer.post.param).filter(([k]) => k.startsWith("actionTitle"));
    expect(titles.length).toBe(5);
    expect(offer.post.param.actionURL1).toBe("dtmd://dingtalkclient/sendMessage?content=%2Fimport%20customers");

    // The button sends "/import customers"; the robot reads the file that waited for it.
    const before = fake.posts.length;
    fake.push(robotMessage(WANG, "/import customers", session("f1")));
    const imported = await waitFor(
      () => fake.posts.slice(before).find((p) => /新增 2/.test(p.param.text ?? "")),
      "the import's answer",
    );
    expect(imported.via).toBe("session");
    expect(await h.prisma.customer.count({ where: { name: { in: ["广州好运来批发", "深圳万佳超市"] } } })).toBe(2);

    // Typed in Chinese, and past the cap: refused, naming the file and the limit.
    fake.sentFiles.set("dl-code-2", Buffer.alloc(MAX_TEST_UPLOAD + 1, 0x41));
    await say(fileMessage(WANG, "dl-code-2", "大.csv", fake.webhook("f2")));
    const refused = await say(robotMessage(WANG, "导入 客户", session("f2")));
    expect(refused.post.param.text).toMatch(/大\.csv.*太大|太大.*大\.csv/);
  });

  const started = Date.now();
  /** Runs the outbox once, through DingTalk's port over `api`. */
  const dispatch = (api: DingTalkApi) =>
    dispatchOutbox({
      prisma: h.prisma,
      ports: { dingtalk: dingtalkOutboundPort(api) },
      now: () => new Date(h.now.getTime() + (Date.now() - started)),
      logger: createLogger("silent"),
      pacer: new Pacer(),
    });

  it("without a card template, posts an alert through the robot's batch send, waits out a throttled send, and posts a change as its new version", async () => {
    const send = () => dispatch(bot.api);
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    await say(robotMessage(WANG, "/order add 华达 5万", session("s5")));
    await say(robotMessage(WANG, "/customer edit C0001 授信额度:1000", session("s5")));
    fake.queue(/POST \/v1.0\/robot\/oToMessages\/batchSend/, {
      status: 429,
      body: { code: "Forbidden.AccessDenied.QpsLimitForApi", message: "too many requests" },
      headers: { "retry-after": "1" },
    });
    const before = fake.posts.length;
    expect(await send()).toBe(1);
    const [alert] = fake.posts.slice(before);
    expect(alert).toMatchObject({ via: "batchSend", to: [WANG] });
    expect(alert!.param.title).toMatch(/^YJ-\d{4} · 外欠款超额度 · 北京华达商贸（C0001）/);
    const row = await h.prisma.alert.findFirstOrThrow({ where: { rule: "receivables" } });
    await say(robotMessage(WANG, `/alert ack ${row.number}`, session("s5")));
    const afterAck = fake.posts.length;
    expect(await send()).toBe(1);
    const [update] = fake.posts.slice(afterAck);
    expect(update).toMatchObject({ via: "batchSend", to: [WANG] });
    expect(update!.param.text).toContain("已确认");
  });

  it("posts an alert as a card, waits out a throttled create, updates the card in place, and makes no second card after a lost answer", async () => {
    const cards = new DingTalkApi({ ...bot.api.options, cardTemplateId: DINGTALK_SDK_CARD_TEMPLATE });
    const send = () => dispatch(cards);
    /** A customer over their credit limit: a new receivables alert for its owner. */
    const overLimit = async (name: string) => {
      const added = await say(robotMessage(WANG, `/customer add ${name} type:经销商`, session("c1")));
      const code = /编码 (C\d+)/.exec(added.post.param.text!)![1]!;
      await say(robotMessage(WANG, `/customer edit ${code} 授信额度:1000`, session("c1")));
      await say(robotMessage(WANG, `/order add ${code} 5万`, session("c1")));
      return code;
    };
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    const code = await overLimit("上海金桥贸易");
    fake.queue(/POST \/v1.0\/card\/instances\/createAndDeliver/, {
      status: 403,
      body: { code: "Forbidden.AccessDenied.QpsLimitForAppkeyAndApi", message: "qps limit" },
      headers: { "retry-after": "1" },
    });
    const posts = fake.posts.length;
    expect(await send()).toBe(1);
    const [name, card] = [...fake.cards].at(-1)!;
    expect(name).toMatch(/^crm-\d+$/);
    expect(card).toMatchObject({ template: DINGTALK_SDK_CARD_TEMPLATE, space: `dtv1.card//IM_ROBOT.${WANG}` });
    expect(card.versions[0]!.title).toMatch(new RegExp(`^YJ-\\d{4} · 外欠款超额度 · 上海金桥贸易（${code}）`));
    const buttons = JSON.parse(card.versions[0]!.sys_full_json_obj!).msgButtons as { text: string; url: string }[];
    expect(buttons.map((b) => b.text)).toContain("确认收到");
    expect(buttons.every((b) => b.url.startsWith("dtmd://dingtalkclient/sendMessage?content="))).toBe(true);
    expect(fake.posts.length).toBe(posts);

    // A change is the same card with new content: nothing new in the chat.
    const row = await h.prisma.alert.findFirstOrThrow({ where: { rule: "receivables", status: "open" } });
    await say(robotMessage(WANG, `/alert ack ${row.number}`, session("c1")));
    const cardCount = fake.cards.size;
    expect(await send()).toBe(1);
    expect(fake.cards.size).toBe(cardCount);
    expect(card.versions).toHaveLength(2);
    expect(card.versions[1]!.markdown).toContain("已确认");

    // DingTalk made the card but its answer was lost: the retry updates that card, it makes no other.
    await overLimit("杭州顺丰副食");
    fake.queue(/POST \/v1.0\/card\/instances\/createAndDeliver/, {
      status: 502,
      body: { code: "ServiceUnavailable", message: "upstream timed out" },
      afterEffect: true,
    });
    expect(await send()).toBe(0);
    const lost = [...fake.cards.values()].at(-1)!;
    await h.prisma.outboxMessage.updateMany({ where: { status: "pending" }, data: { nextAttemptAt: new Date(0) } });
    expect(await send()).toBe(1);
    expect(fake.cards.size).toBe(cardCount + 1);
    expect(lost.versions).toHaveLength(2);
  });

  it("puts a routed group's alert card in the group, and runs a card button's command as the presser, refusing people the organisation does not know", async () => {
    const cards = dingtalkOutboundPort(
      new DingTalkApi({ ...bot.api.options, cardTemplateId: DINGTALK_SDK_CARD_TEMPLATE }),
    );
    const workspace = await h.prisma.workspace.findFirstOrThrow({ where: { platform: "dingtalk" } });
    const { ref } = await cards.send({
      id: 990_001,
      uncertain: false,
      workspace: { id: workspace.id, platform: "dingtalk", externalId: CORP },
      to: { kind: "channel", channelId: GROUP },
      reply: reply(
        { type: "heading", text: "今日预警 3 条" },
        { type: "buttons", buttons: [{ label: "查看", command: "/alert list" }] },
      ),
      ref: null,
    });
    const groupCard = fake.cards.get(ref)!;
    expect(groupCard).toMatchObject({ space: `dtv1.card//IM_GROUP.${GROUP}` });
    // A link's message in a group would not @ the robot: the card says what to send instead.
    expect(JSON.parse(groupCard.versions[0]!.sys_full_json_obj!).msgButtons).toEqual([]);
    expect(groupCard.versions[0]!.markdown).toContain(
      "请在群里 @机器人 并发送下面冒号后的命令：\n\n> 查看：/alert list",
    );

    fake.members.set(WANG, "王伟");
    const before = fake.posts.length;
    const frame = fake.push(cardPress(WANG, ref, { command: "/alert list" }, GROUP), CARD_TOPIC);
    const answer = await waitFor(() => fake.posts[before], "the pressed button's answer");
    expect(fake.acks.get(frame)).toBeDefined();
    expect(answer).toMatchObject({ via: "batchSend", to: [WANG] });
    expect(answer.param.text).toMatch(/YJ-\d{4}/);

    const stranger = fake.posts.length;
    fake.push(cardPress("visitor01", ref, { command: "/alert list" }, GROUP), CARD_TOPIC);
    const refused = await waitFor(() => fake.posts[stranger], "the stranger's answer");
    expect(refused).toMatchObject({ via: "batchSend", to: ["visitor01"] });
    expect(refused.param.text).toContain("访客和其他组织的成员不能使用客户管理机器人");
    expect(await h.prisma.user.count({ where: { externalId: "visitor01" } })).toBe(0);
  });
});

describe("the bot process on DingTalk", () => {
  let fake: FakeDingTalk;
  let running: Awaited<ReturnType<typeof startBotOnSqlite>>;
  const bot = () => running.bot;

  beforeAll(async () => {
    fake = await FakeDingTalk.start();
    running = await startBotOnSqlite({
      DINGTALK_CLIENT_ID: CLIENT_ID,
      DINGTALK_CLIENT_SECRET: CLIENT_SECRET,
      DINGTALK_API_URL: fake.base,
    });
  }, 60_000);
  afterAll(async () => {
    await running.stop();
    await fake.close();
  });

  it("starts on DingTalk alone from its two settings, with the gateway at DINGTALK_API_URL, and answers", async () => {
    await waitFor(() => fake.connected || undefined, `the Stream connection: ${bot().output()}`, 60_000);
    fake.push(robotMessage(WANG, "/customer find 华达", { webhook: fake.webhook("p1") }));
    const answer = await waitFor(() => fake.posts[0], "the answer");
    expect(answer).toMatchObject({ via: "session", to: ["p1"] });
    expect(answer.param.text).toContain("华达");
  });
});
