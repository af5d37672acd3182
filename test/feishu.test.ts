import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { Metrics, outboxBacklog } from "../src/application/metrics.js";
import { anyRoute, operatorRoutes, startOperatorServer } from "../src/application/operator-endpoints.js";
import { dispatchOutbox } from "../src/application/dispatcher.js";
import { reply } from "../src/core/reply.js";
import { translator } from "../src/i18n/index.js";
import { createLogger } from "../src/logger.js";
import { Pacer } from "../src/outbound/pacer.js";
import { createFeishuBot, type FeishuBot } from "../src/platforms/feishu/bot.js";
import { formCard } from "../src/platforms/feishu/forms.js";
import { FEISHU_EVENTS_PATH } from "../src/platforms/feishu/http.js";
import { feishuOutboundPort } from "../src/platforms/feishu/outbound.js";
import { cardBytes, FEISHU_MAX_CARD_BYTES, FEISHU_MAX_ELEMENTS, renderFeishu } from "../src/platforms/feishu/render.js";
import { startBotOnSqlite } from "./support/bot-process.js";
import { testProviders } from "./support/databases.js";
import {
  APP_ID,
  APP_SECRET,
  cardAction,
  checkCard,
  ENCRYPT_KEY,
  encryptEvent,
  envelope,
  FakeFeishu,
  signedHeaders,
  TENANT,
  textMessage,
  VERIFICATION_TOKEN,
} from "./support/fake-feishu.js";
import { CLAIM_CODE, Harness } from "./support/harness.js";
import { exampleReplies } from "./support/example-replies.js";
import { waitFor } from "./support/wait.js";

const NOTE = "……内容太长";
const P2P = { id: "oc_p2p_wangwei", type: "p2p" as const };
const GROUP = { id: "oc_group_sales", type: "group" as const };
const WANG = "ou_7d8a6e6df7621556ce0d21922b676706";
const LI = "ou_1f2e3d4c5b6a79880123456789abcdef";
/** The largest file the bot takes in these tests. */
const MAX_TEST_UPLOAD = 64 * 1024;

describe("Feishu cards", () => {
  let examples: Awaited<ReturnType<typeof exampleReplies>>;

  beforeAll(async () => {
    examples = await exampleReplies();
  });
  afterAll(() => examples.close());

  it("render every command's examples and help within Feishu's limits, as the stand-in's card check accepts them", async () => {
    for (const [line, answer] of examples.replies) {
      const card = renderFeishu(answer, NOTE);
      expect(cardBytes(card), line).toBeLessThanOrEqual(FEISHU_MAX_CARD_BYTES);
      expect(card.elements.length, line).toBeLessThanOrEqual(FEISHU_MAX_ELEMENTS);
      expect(() => checkCard(card), line).not.toThrow();
    }
  });

  it("open every form as a card Feishu accepts, in both languages", () => {
    for (const locale of ["zh-CN", "en"] as const)
      for (const command of commands.filter((c) => c.form))
        expect(() => checkCard(formCard(translator(locale), command))).not.toThrow();
  });

  it("cut a reply too long for one card, keeping its buttons and saying so", () => {
    const items = Array.from({ length: 3000 }, (_, i) => ({
      title: `客户${i}`,
      detail: "北京市海淀区中关村大街".repeat(3),
    }));
    const card = renderFeishu(
      reply(
        { type: "heading", text: "客户" },
        ...Array.from({ length: 60 }, () => ({ type: "list" as const, items: items.slice(0, 50) })),
        { type: "buttons", buttons: [{ label: "下一页", command: "/customer list page:2" }] },
      ),
      NOTE,
    );
    expect(cardBytes(card)).toBeLessThanOrEqual(FEISHU_MAX_CARD_BYTES);
    expect(card.elements.length).toBeLessThanOrEqual(FEISHU_MAX_ELEMENTS);
    expect(card.elements.at(-2)).toEqual({ tag: "note", elements: [{ tag: "plain_text", content: NOTE }] });
    expect(card.elements.at(-1)).toMatchObject({
      tag: "action",
      actions: [{ value: { cmd: "/customer list page:2" } }],
    });
  });

  it("show what users typed as plain text: no markdown, no mentions", () => {
    const card = renderFeishu(
      reply({ type: "text", text: "**大客户** <at id=all></at> [点我](https://evil.example)" }),
      NOTE,
    );
    expect(card.elements).toEqual([
      { tag: "div", text: { tag: "plain_text", content: "**大客户** <at id=all></at> [点我](https://evil.example)" } },
    ]);
  });
});

describe.each(testProviders())("Feishu over HTTP on %s", (provider) => {
  let h: Harness;
  let fake: FakeFeishu;
  let bot: FeishuBot;
  let server: { port: number; stop(): Promise<void> };

  /** Posts an event as Feishu does: encrypted, signed, to the events path. */
  const post = (event: object, options: { key?: string; timestamp?: number } = {}) => {
    const body = JSON.stringify({ encrypt: encryptEvent(event) });
    return fetch(`http://127.0.0.1:${server.port}${FEISHU_EVENTS_PATH}`, {
      method: "POST",
      headers: signedHeaders(body, options),
      body,
    });
  };
  /** Sends a text to the bot and waits for the card it answers with. */
  const say = async (text: string, chat: { id: string; type: "p2p" | "group" } = P2P, openId = WANG) => {
    const event = textMessage(openId, text, chat);
    const before = { messages: fake.messages.length, ephemerals: fake.ephemerals.length };
    const res = await post(event);
    expect(res.status).toBe(200);
    const answer = await waitFor(
      () => fake.messages[before.messages]?.content ?? fake.ephemerals[before.ephemerals]?.card,
      `the answer to ${text}`,
    );
    return { answer, event, message: fake.messages[before.messages], ephemeral: fake.ephemerals[before.ephemerals] };
  };
  const textOf = (card: any) => JSON.stringify(card);

  beforeAll(async () => {
    h = await Harness.open(provider);
    fake = await FakeFeishu.start();
    fake.users.set(WANG, "王伟");
    const logger = createLogger("silent");
    const metrics = new Metrics(() => outboxBacklog(h.prisma));
    bot = createFeishuBot({
      options: {
        appId: APP_ID,
        appSecret: APP_SECRET,
        domain: fake.base,
        http: { encryptKey: ENCRYPT_KEY, verificationToken: VERIFICATION_TOKEN },
        maxFileBytes: MAX_TEST_UPLOAD,
      },
      inbound: h.inbound({ metrics }),
      logger,
    });
    await bot.start();
    server = await startOperatorServer(
      0,
      anyRoute(
        bot.route!,
        operatorRoutes(metrics, () => h.prisma.$queryRawUnsafe("SELECT 1")),
      ),
      logger,
    );
  });
  afterAll(async () => {
    await server.stop();
    await bot.stop();
    await fake.close();
    await h.close();
  });

  it("answers the URL check with its challenge, and refuses a bad signature, a stale timestamp or a wrong token, running nothing", async () => {
    const check = { challenge: "ajls384kdj1234", token: VERIFICATION_TOKEN, type: "url_verification" };
    const body = JSON.stringify({ encrypt: encryptEvent(check) });
    const res = await fetch(`http://127.0.0.1:${server.port}${FEISHU_EVENTS_PATH}`, { method: "POST", body });
    expect(await res.json()).toEqual({ challenge: "ajls384kdj1234" });

    const before = await h.counts();
    const add = textMessage(WANG, "/customer add 冒充的客户 type:dealer", P2P);
    expect((await post(add, { key: "not-the-key" })).status).toBe(401);
    expect((await post(add, { timestamp: Math.floor(Date.now() / 1000) - 600 })).status).toBe(401);
    const forged = { ...add, header: { ...add.header, token: "not-the-token" } };
    expect((await post(forged)).status).toBe(401);
    await new Promise((r) => setTimeout(r, 200));
    expect(await h.counts()).toEqual(before);
    expect(fake.messages).toHaveLength(0);
  });

  it("answers a command in a 1:1 chat, typed with a slash, without one, or in Chinese, as a user and workspace made from Feishu's ids", async () => {
    const added = await say("/customer add 北京华达商贸 type:经销商 电话：13800138888");
    expect(added.message).toMatchObject({ reply_to: added.event.event.message.message_id, msg_type: "interactive" });
    expect(textOf(added.answer)).toContain("已新增客户 北京华达商贸（编码 C0001）。");
    expect(added.answer.elements.at(-1)).toMatchObject({
      tag: "action",
      actions: [{ text: { content: "查看档案" }, value: { cmd: "/customer show C0001" } }, expect.anything()],
    });
    for (const line of ["/customer find bjhd", "客户 查找 bjhd", "/客户 查找 bjhd"]) {
      const { answer } = await say(line);
      expect(textOf(answer), line).toContain("北京华达商贸（C0001）");
    }
    const user = await h.prisma.user.findFirstOrThrow({ where: { externalId: WANG }, include: { workspace: true } });
    // Being first makes no one an admin: a rep, until the code from the bot's log is claimed.
    expect(user).toMatchObject({
      name: "王伟",
      role: "rep",
      // Feishu tells no language: the workspace's (zh-CN) until /crm language says otherwise.
      locale: null,
      workspace: { platform: "feishu", externalId: TENANT, locale: "zh-CN" },
    });
    expect(textOf((await say(`/crm claim ${CLAIM_CODE}`)).answer)).toContain("你现在是这个团队的管理员了");
    // Someone the contact API will not describe keeps their open_id as a name.
    await say("/customer find 华达", P2P, LI);
    expect(await h.prisma.user.findFirstOrThrow({ where: { externalId: LI } })).toMatchObject({
      name: LI,
      role: "rep",
    });
  });

  it("hears a group only when @-mentioned, strips the mention, and answers the asker alone unless asked to post", async () => {
    const heard = fake.calls.length;
    const quiet = textMessage(WANG, "/customer find bjhd", GROUP);
    delete (quiet.event.message as { mentions?: unknown }).mentions;
    (quiet.event.message as { content: string }).content = JSON.stringify({ text: "/customer find bjhd" });
    expect((await post(quiet)).status).toBe(200);
    await new Promise((r) => setTimeout(r, 200));
    expect(
      fake.calls
        .slice(heard)
        .filter((c) => c.path.startsWith("/open-apis/im") || c.path.startsWith("/open-apis/ephemeral")),
    ).toEqual([]);

    const privately = await say("客户 查找 bjhd", GROUP);
    expect(privately.ephemeral).toMatchObject({ chat_id: GROUP.id, open_id: WANG });
    expect(textOf(privately.answer)).toContain("北京华达商贸（C0001）");
    const publicly = await say("客户 查找 bjhd 公开：是", GROUP);
    expect(publicly.message).toMatchObject({ reply_to: publicly.event.event.message.message_id });
    // A group the bot was removed from: the answer comes in the asker's 1:1 chat instead.
    const gone = { id: "oc_group_left", type: "group" as const };
    const fallback = await say("客户 查找 bjhd", gone);
    expect(fallback.message).toMatchObject({ receive_id_type: "open_id", receive_id: WANG });

    // /alert route add sent in a group routes alerts to that group; in a 1:1 chat it asks which.
    expect(textOf((await say("/alert route add", GROUP)).answer)).toContain(`已添加路由 #1：${GROUP.id}。`);
    expect(await h.prisma.deliveryRoute.findMany({ select: { channelId: true } })).toEqual([{ channelId: GROUP.id }]);
    expect(textOf((await say("/alert route add")).answer)).toContain("请写预警发往哪个频道");
    await say("/alert route remove 1");
  });

  /** Presses a button (or submits a form) and returns Feishu's answer to the callback. */
  const press = async (action: object, context = { message: "om_1", chat: P2P.id }, openId = WANG): Promise<any> => {
    const res = await post(cardAction(openId, action, context));
    expect(res.status).toBe(200);
    return res.json();
  };

  it("runs a button's command as the one who presses it, answering the callback at once", async () => {
    const before = fake.messages.length;
    const answer = await press({ value: { cmd: "/customer show C0001" } });
    expect(answer).toEqual({});
    const card = await waitFor(() => fake.messages[before], "the answer to the button");
    expect(card).toMatchObject({ receive_id_type: "open_id", receive_id: WANG });
    expect(card.content.header.title.content).toBe("北京华达商贸（C0001）");
    // A button pressed in a group: the presser alone sees the answer.
    const ephemerals = fake.ephemerals.length;
    await press({ value: { cmd: "/customer show C0001" } }, { message: "om_group_1", chat: GROUP.id });
    expect(await waitFor(() => fake.ephemerals[ephemerals], "the private answer")).toMatchObject({
      chat_id: GROUP.id,
      open_id: WANG,
    });
    // A button of a card this bot no longer knows: said so, not silently dropped.
    const stale = fake.messages.length;
    await press({ value: { something: "else" } });
    expect(textOf((await waitFor(() => fake.messages[stale], "the stale answer")).content)).toContain(
      "这个按钮或表单已失效",
    );
  });

  it("opens a form card for a bare /customer add, shows a refused value on its field, and runs a good one once", async () => {
    const { answer } = await say("/customer add");
    expect(answer.header.title.content).toBe("新建客户");
    const form = answer.elements[0];
    expect(form.tag).toBe("form");
    expect(form.elements.map((e: { name: string }) => e.name)).toEqual([
      "name",
      "type",
      "phone",
      "region",
      "address",
      "submit",
    ]);
    const before = await h.counts();
    const refused = await press({
      tag: "button",
      name: "submit",
      value: { form: "customer_add" },
      form_value: { name: "华".repeat(101), type: "dealer", phone: "", region: "", address: "" },
    });
    expect(refused.toast.type).toBe("error");
    expect(refused.toast.content).toMatch(/名称.*100/);
    const fields = refused.card.data.elements[0].elements;
    const name = fields.findIndex((e: { name?: string }) => e.name === "name");
    expect(fields[name + 1].text.content).toMatch(/^⚠️ .*名称.*100/);
    expect(await h.counts()).toEqual(before);

    const submit = {
      tag: "button",
      name: "submit",
      value: { form: "customer_add" },
      form_value: { name: "上海联华超市", type: "dealer", phone: "13900139000", region: "华东", address: "" },
    };
    const messages = fake.messages.length;
    const accepted = await press(submit, { message: "om_form_1", chat: P2P.id });
    expect(accepted.toast).toEqual({ type: "success", content: "已提交，正在处理，结果稍后发给你。" });
    expect(accepted.card.data.header.template).toBe("green");
    expect(textOf((await waitFor(() => fake.messages[messages], "the form's answer")).content)).toContain(
      "已新增客户 上海联华超市",
    );
    // Submitted again (a double tap, a retried callback): the same form runs once.
    await press(submit, { message: "om_form_1", chat: P2P.id });
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.prisma.customer.count({ where: { name: "上海联华超市" } })).toBe(1);
  });

  it("runs the bot menu's items: 今天, 查客户 and 记拜访 as forms, 我的预警", async () => {
    const menu = (key: string) =>
      post(
        envelope("application.bot.menu_v6", {
          operator: { operator_name: "王伟", operator_id: { open_id: WANG, union_id: `on_${WANG}` } },
          event_key: key,
          timestamp: Date.now(),
        }),
      );
    const answered = async (key: string) => {
      const before = fake.messages.length;
      expect((await menu(key)).status).toBe(200);
      return (await waitFor(() => fake.messages[before], `the menu's ${key}`)).content;
    };
    expect(textOf(await answered("today"))).toContain("今天");
    expect((await answered("find_customer")).header.title.content).toBe("查找客户");
    expect((await answered("log_visit")).header.title.content).toBe("记录拜访");
    expect(textOf(await answered("my_alerts"))).toMatch(/预警/);
  });

  it("posts an alert to its owner by open_id, waits out a 429 as x-ogw-ratelimit-reset says, and updates the card in place", async () => {
    const port = feishuOutboundPort(bot.api);
    // The bot's clock runs on from the harness's time, so that a wait of a second is one.
    const started = Date.now();
    const now = () => new Date(h.now.getTime() + (Date.now() - started));
    const send = () =>
      dispatchOutbox({
        prisma: h.prisma,
        ports: { feishu: port },
        now,
        logger: createLogger("silent"),
        pacer: new Pacer(),
      });
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    await say("/order add 华达 5万");
    await say("/customer edit C0001 授信额度:1000");
    fake.queue(/POST \/open-apis\/im\/v1\/messages$/, {
      status: 429,
      body: { code: 99991400, msg: "request trigger frequency limit" },
      headers: { "x-ogw-ratelimit-limit": "5", "x-ogw-ratelimit-reset": "1" },
    });
    const attempts = () =>
      fake.calls.filter((c) => c.method === "POST" && c.path === "/open-apis/im/v1/messages").length;
    const before = { attempts: attempts(), messages: fake.messages.length };
    expect(await send()).toBe(1);
    expect(attempts() - before.attempts).toBe(2);
    const [alert] = fake.messages.slice(before.messages);
    expect(alert).toMatchObject({ receive_id_type: "open_id", receive_id: WANG, msg_type: "interactive" });
    expect(alert!.uuid).toMatch(/^crm-\d+$/);
    expect(alert!.content.header.title.content).toMatch(/^YJ-\d{4} · 外欠款超额度 · 北京华达商贸（C0001）/);
    expect(alert!.content.elements.at(-1).actions.map((b: any) => b.text.content)).toContain("确认收到");

    const row = await h.prisma.alert.findFirstOrThrow({ where: { rule: "receivables" } });
    await say(`/alert ack ${row.number}`);
    expect(await send()).toBe(1);
    expect(alert!.patches).toHaveLength(1);
    expect(textOf(alert!.patches[0])).toContain("已确认");
    // The ack's own answer aside, the alert was posted once and then updated.
    expect(fake.messages.slice(before.messages).filter((m) => m.uuid)).toEqual([alert]);

    // A card Feishu no longer edits (withdrawn, or past its 14 days): the new version is posted, and edited from then on.
    fake.withdrawn.add(alert!.message_id);
    await say(`/alert assign ${row.number} 王伟`);
    expect(await send()).toBe(1);
    const [again] = fake.messages.slice(before.messages).filter((m) => m.uuid && m !== alert);
    expect(again).toMatchObject({ receive_id: WANG, uuid: `${alert!.uuid}-again` });
    expect(await h.prisma.outboxMessage.findFirst({ where: { platformRef: again!.message_id } })).not.toBeNull();
  });

  it("posts nothing twice when an answer is lost, and holds a group the bot is not in until it is", async () => {
    const port = feishuOutboundPort(bot.api);
    const workspace = await h.prisma.workspace.findFirstOrThrow({ where: { platform: "feishu" } });
    const delivery = {
      id: 987_654,
      uncertain: true,
      workspace: { id: workspace.id, platform: "feishu", externalId: TENANT },
      to: { kind: "channel" as const, channelId: GROUP.id },
      reply: reply({ type: "text", text: "早报" }),
      ref: null,
    };
    const first = await port.send(delivery);
    expect(await port.send(delivery)).toEqual(first);
    expect(fake.messages.filter((m) => m.uuid === "crm-987654")).toHaveLength(1);

    await expect(
      port.send({ ...delivery, id: 987_655, to: { kind: "channel", channelId: "oc_group_elsewhere" } }),
    ).rejects.toMatchObject({
      options: { blocked: "notMember" },
    });
    expect(await port.checkChannel!(GROUP.id, TENANT)).toBe("ok");
    expect(await port.checkChannel!("oc_group_elsewhere", TENANT)).toBe("notMember");
    expect(await port.checkChannel!("not-a-chat", TENANT)).toBe("notVisible");
  });

  it("sends a chart as an image message and an export as a file message, to the asker", async () => {
    const before = { uploads: fake.uploads.length, messages: fake.messages.length };
    await say("/report customer C0001");
    const image = await waitFor(
      () => fake.messages.slice(before.messages).find((m) => m.msg_type === "image"),
      "the chart's image message",
    );
    expect(image).toMatchObject({
      receive_id_type: "open_id",
      receive_id: WANG,
      content: { image_key: expect.stringMatching(/^img_v3_/) },
    });
    await say("/export customers");
    const file = await waitFor(
      () => fake.messages.slice(before.messages).find((m) => m.msg_type === "file"),
      "the export's file message",
    );
    expect(file).toMatchObject({ receive_id: WANG, content: { file_key: expect.stringMatching(/^file_v3_/) } });
    expect(fake.uploads.slice(before.uploads).map((u) => [u.kind, u.name])).toEqual([
      ["image", expect.any(String)],
      ["file", expect.stringMatching(/\.csv$/)],
    ]);
  });

  it("offers a CSV sent in a 1:1 chat for import by kind, and imports it through the message-resource API within the size cap", async () => {
    const csv = Buffer.from("客户名称,类型,电话\n广州好运来批发,经销商,13700137000\n深圳万佳超市,零售,13600136000\n");
    fake.resources.set("om_file_1/file_v3_csv", csv);
    const before = fake.messages.length;
    const file = envelope("im.message.receive_v1", {
      sender: { sender_id: { open_id: WANG }, sender_type: "user", tenant_key: TENANT },
      message: {
        message_id: "om_file_1",
        chat_id: P2P.id,
        chat_type: "p2p",
        message_type: "file",
        content: JSON.stringify({ file_key: "file_v3_csv", file_name: "客户.csv" }),
      },
    });
    expect((await post(file)).status).toBe(200);
    const offer = (await waitFor(() => fake.messages[before], "the import offer")).content;
    expect(textOf(offer)).toContain("收到文件“客户.csv”");
    const buttons = offer.elements.filter((e: { tag: string }) => e.tag === "action").flatMap((e: any) => e.actions);
    const customers = buttons.find((b: any) => b.value.cmd === "/import customers");
    expect(customers.text.content).toBe("客户");
    expect(customers.value.file).toEqual({ m: "om_file_1", k: "file_v3_csv", n: "客户.csv" });

    const imported = fake.messages.length;
    await press({ value: customers.value });
    // Work under way is one card, updated as it goes; the answer follows.
    const done = await waitFor(
      () => fake.messages.slice(imported).find((m) => /新增 2/.test(textOf(m.content))),
      "the import's answer",
    );
    expect(textOf(fake.messages[imported]!.content)).toContain("已导入 2 / 2 行");
    expect(fake.messages.indexOf(done)).toBeGreaterThan(imported);
    expect(await h.prisma.customer.count({ where: { name: { in: ["广州好运来批发", "深圳万佳超市"] } } })).toBe(2);

    // Past the cap: refused with the limit named, nothing read past it.
    fake.resources.set("om_file_2/file_v3_big", Buffer.alloc(MAX_TEST_UPLOAD + 1, 0x41));
    const big = fake.messages.length;
    await press({ value: { cmd: "/import customers", file: { m: "om_file_2", k: "file_v3_big", n: "大.csv" } } });
    expect(textOf((await waitFor(() => fake.messages[big], "the refusal")).content)).toMatch(
      /大\.csv.*太大|太大.*大\.csv/,
    );
  });
});

describe("Feishu over the long connection", () => {
  let h: Harness;
  let fake: FakeFeishu;
  let bot: FeishuBot;

  beforeAll(async () => {
    h = await Harness.open("sqlite");
    fake = await FakeFeishu.start();
    fake.users.set(WANG, "王伟");
    // Here the app may read its own information: its owner is the admin Feishu vouches for.
    fake.owner = WANG;
    bot = createFeishuBot({
      options: { appId: APP_ID, appSecret: APP_SECRET, domain: fake.base, maxFileBytes: MAX_TEST_UPLOAD },
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

  it("connects through the SDK's WSClient with no public URL, feeds events and callbacks to the same handlers, and takes the app's owner as admin", async () => {
    expect(fake.calls[0]).toMatchObject({ method: "POST", path: "/callback/ws/endpoint", body: { AppID: APP_ID } });
    expect(await fake.push(textMessage(WANG, "/customer add 北京华达商贸 type:经销商", P2P))).toEqual({ code: 200 });
    const added = await waitFor(() => fake.messages[0], "the answer over the long connection");
    expect(JSON.stringify(added.content)).toContain("已新增客户 北京华达商贸（编码 C0001）。");
    expect(await h.prisma.user.findFirstOrThrow({ where: { externalId: WANG } })).toMatchObject({ role: "admin" });

    // A form refused within the callback: the error comes back in the frame's answer, on the card.
    const refused = await fake.push(
      cardAction(
        WANG,
        { name: "submit", value: { form: "customer_add" }, form_value: { name: "华".repeat(101), type: "dealer" } },
        { message: "om_form_ws", chat: P2P.id },
      ),
    );
    expect(refused.code).toBe(200);
    expect(refused.data.toast.type).toBe("error");
    expect(refused.data.card.data.header.template).toBe("red");
    expect(await h.prisma.customer.count()).toBe(1);
  });
});

describe("the bot process on Feishu", () => {
  let fake: FakeFeishu;
  let running: Awaited<ReturnType<typeof startBotOnSqlite>>;
  const bot = () => running.bot;

  beforeAll(async () => {
    fake = await FakeFeishu.start();
    running = await startBotOnSqlite({
      FEISHU_APP_ID: APP_ID,
      FEISHU_APP_SECRET: APP_SECRET,
      FEISHU_DOMAIN: fake.base,
    });
  }, 60_000);
  afterAll(async () => {
    await running.stop();
    await fake.close();
  });

  it("starts on Feishu alone from its two settings, over the long connection, and says how to claim the first admin", async () => {
    await waitFor(() => fake.connected || undefined, `the long connection: ${bot().output()}`, 60_000);
    const code = await waitFor(() => /\/crm claim (\S+)/.exec(bot().output())?.[1], "the claim code in the log");
    await fake.push(textMessage(WANG, `/crm claim ${code}`, P2P));
    const answer = await waitFor(() => fake.messages[0], "the answer to the claim");
    expect(JSON.stringify(answer.content)).toContain("你现在是这个团队的管理员了");
  });
});
