import { repositoriesOf } from "../src/db/client.js";
import { readFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { join } from "node:path";
import { parse } from "yaml";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { reply } from "../src/core/reply.js";
import { createLogger } from "../src/logger.js";
import { createSlackBot, type SlackBot } from "../src/platforms/slack/app.js";
import { slackOutboundPort } from "../src/platforms/slack/outbound.js";
import { renderSlack, SLACK_MAX_BLOCKS, SLACK_MAX_TEXT } from "../src/platforms/slack/render.js";
import { manifestYaml } from "../scripts/slack-manifest.js";
import {
  BOT_TOKEN,
  eventBody,
  FakeSlack,
  interactionBody,
  signed,
  SIGNING_SECRET,
  slashCommandBody,
} from "./support/fake-slack.js";
import { testProviders } from "./support/databases.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import type { NotificationView } from "../src/domain/notifications.js";
import { enqueueMany } from "../src/outbound/outbox.js";
import { Pacer } from "../src/outbound/pacer.js";
import { Router } from "../src/application/router.js";
import { Metrics, outboxBacklog } from "../src/application/metrics.js";
import { operatorRoutes } from "../src/application/operator-endpoints.js";
import { renderText } from "../src/platforms/console/render.js";
import { holdDatabase } from "./support/hold.js";
import { waitFor } from "./support/wait.js";
import { CLAIM_CODE, Harness } from "./support/harness.js";
import { dispatchOutbox } from "../src/application/dispatcher.js";

/** The upload cap the tests run with: 1 MB, so that a file over it stays small. */
const MAX_TEST_UPLOAD = 1024 * 1024;

describe("the Slack app manifest", () => {
  it("is generated from the command registry, so it cannot drift", () => {
    expect(readFileSync(join(import.meta.dirname, "../manifest.yml"), "utf8")).toBe(manifestYaml());
  });

  it("declares every command group, the forms as shortcuts, the scopes used, interactivity and Socket Mode", () => {
    const manifest = parse(readFileSync(join(import.meta.dirname, "../manifest.yml"), "utf8"));
    const groups = [...new Set(commands.map((c) => `/${c.path[0]}`))];
    expect(manifest.features.slash_commands.map((c: { command: string }) => c.command)).toEqual(groups);
    for (const c of manifest.features.slash_commands) {
      expect(c.description.length).toBeLessThanOrEqual(2000);
      expect(c.usage_hint.length).toBeLessThanOrEqual(1000);
    }
    expect(manifest.features.shortcuts.map((s: { callback_id: string }) => s.callback_id)).toEqual([
      "form:customer_find",
      "form:customer_add",
      "form:visit_log",
      "form:complaint_file",
    ]);
    expect(manifest.oauth_config.scopes.bot).toEqual([
      "commands",
      "chat:write",
      "im:write",
      "im:history",
      "files:read",
      "files:write",
      "users:read",
      "channels:read",
      "groups:read",
      "channels:join",
      "channels:history",
      "groups:history",
    ]);
    expect(manifest.settings).toMatchObject({
      interactivity: { is_enabled: true },
      socket_mode_enabled: true,
      event_subscriptions: {
        bot_events: ["message.im", "member_joined_channel", "app_uninstalled", "tokens_revoked", "app_home_opened"],
      },
    });
  });
});

describe("Block Kit rendering", () => {
  it("renders every block kind exactly", () => {
    const out = renderSlack(
      reply(
        { type: "heading", text: "北京华达商贸（C0001）" },
        { type: "text", text: "外欠款 <¥128,000> & 授信" },
        { type: "fields", fields: [{ label: "电话", value: "138" }] },
        { type: "list", title: "联系人", items: [{ title: "张总", detail: "决策人" }] },
        { type: "buttons", buttons: [{ label: "查看", command: "/customer show C0001", style: "primary" }] },
        { type: "note", text: "说明" },
      ),
      "…",
    );
    expect(out).toEqual({
      text: "北京华达商贸（C0001）",
      blocks: [
        { type: "header", text: { type: "plain_text", text: "北京华达商贸（C0001）", emoji: true } },
        { type: "section", text: { type: "mrkdwn", text: "外欠款 &lt;¥128,000&gt; &amp; 授信" } },
        { type: "section", fields: [{ type: "mrkdwn", text: "*电话*\n138" }] },
        { type: "section", text: { type: "mrkdwn", text: "*联系人*" } },
        { type: "section", text: { type: "mrkdwn", text: "• *张总*  决策人" } },
        {
          type: "actions",
          elements: [
            {
              type: "button",
              action_id: "run:1",
              text: { type: "plain_text", text: "查看", emoji: true },
              value: "/customer show C0001",
              style: "primary",
            },
          ],
        },
        { type: "context", elements: [{ type: "mrkdwn", text: "说明" }] },
      ],
    });
  });

  it("keeps within Block Kit's limits: 3,000 characters a text, 10 fields a section, 50 blocks, by splitting and then truncating with a note", () => {
    const items = Array.from({ length: 200 }, (_, i) => ({ title: `客户${i}`, detail: "很长的说明".repeat(10) }));
    const fields = Array.from({ length: 25 }, (_, i) => ({ label: `字段${i}`, value: String(i) }));
    const notes = Array.from({ length: 60 }, (_, i) => ({ type: "note" as const, text: `备注${i}` }));
    const out = renderSlack(reply({ type: "fields", fields }, { type: "list", items }, ...notes), "……内容太长");
    expect(out.blocks.filter((b) => b.type === "section" && "text" in b).length).toBeGreaterThan(1);
    const sections = out.blocks.filter((b) => b.type === "section");
    expect(out.blocks.slice(0, 3).map((b) => ("fields" in b ? b.fields!.length : 0))).toEqual([10, 10, 5]);
    for (const b of sections) if ("text" in b && b.text) expect(b.text.text.length).toBeLessThanOrEqual(SLACK_MAX_TEXT);
    expect(out.blocks).toHaveLength(SLACK_MAX_BLOCKS);
    expect(out.blocks.at(-1)).toEqual({ type: "context", elements: [{ type: "mrkdwn", text: "……内容太长" }] });
  });
});

describe.each(testProviders())("Slack through Bolt over HTTP on %s", (provider) => {
  let h: Harness;
  let fake: FakeSlack;
  let bot: SlackBot;
  let metrics: Metrics;

  const post = (body: string, headers: Record<string, string>, type = "application/x-www-form-urlencoded") =>
    fetch(`http://127.0.0.1:${bot.port()}/slack/events`, {
      method: "POST",
      headers: { "content-type": type, ...headers },
      body,
    });
  const command = async (cmd: string, text: string, user?: string) => {
    const body = slashCommandBody(fake, cmd, text, user);
    const before = fake.responses.length;
    const res = await post(body, signed(body));
    expect(res.status).toBe(200);
    return waitFor(() => fake.responses[before], `the answer to ${cmd} ${text}`);
  };
  const textOf = (r: { body: Record<string, any> }) => JSON.stringify(r.body.blocks);

  beforeAll(async () => {
    h = await Harness.open(provider);
    metrics = new Metrics(() => outboxBacklog(h.prisma));
    fake = await FakeSlack.start();
    const logger = createLogger("silent");
    bot = createSlackBot({
      options: {
        botToken: BOT_TOKEN,
        signingSecret: SIGNING_SECRET,
        port: 0,
        apiUrl: fake.apiUrl,
        // The stand-in serves Slack's files here: configured, never a check turned off.
        files: { origins: [fake.base], maxBytes: MAX_TEST_UPLOAD },
        otherRoutes: operatorRoutes(metrics, () => h.prisma.$queryRawUnsafe("SELECT 1")),
      },
      inbound: h.inbound({ metrics }),
      logger,
    });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    await h.close();
  });

  it("acknowledges a signed slash command at once and answers privately through the response URL, as a user created from Slack", async () => {
    const answer = await command("/customer", "add 北京华达商贸 type:经销商 电话：13800138888");
    expect(answer.body.response_type).toBe("ephemeral");
    expect(answer.body.text).toBe("已新增客户 北京华达商贸（编码 C0001）。");
    expect(answer.body.blocks[1]).toEqual({
      type: "actions",
      elements: [
        {
          type: "button",
          action_id: "run:1",
          text: { type: "plain_text", text: "查看档案", emoji: true },
          value: "/customer show C0001",
        },
        {
          type: "button",
          action_id: "run:2",
          text: { type: "plain_text", text: "添加联系人", emoji: true },
          value: "/contact add C0001 ",
        },
      ],
    });
    const user = () =>
      h.prisma.user.findFirstOrThrow({ where: { externalId: "U2147483697" }, include: { workspace: true } });
    // Being first makes no one an admin: a rep, until the code from the bot's log is claimed.
    expect(await user()).toMatchObject({
      name: "王伟",
      role: "rep",
      locale: "zh-CN",
      workspace: { platform: "slack", externalId: "T0001CRM" },
    });
    expect(fake.callsOf("users.info")).toMatchObject([{ user: "U2147483697", include_locale: "true" }]);
    expect((await command("/crm", "claim WRONG-CODE")).body.text).toMatch(/^认领码不对或已用过/);
    expect((await command("/crm", `claim ${CLAIM_CODE.toLowerCase()}`)).body.text).toMatch(
      /^你现在是这个团队的管理员了/,
    );
    expect(await user()).toMatchObject({ role: "admin" });
    expect((await command("/crm", `claim ${CLAIM_CODE}`, "U0SECOND")).body.text).toMatch(
      /^这个团队已经有管理员（王伟）/,
    );
  });

  it("refuses Slack guests and people of another organisation, writing nothing", async () => {
    const users = await h.prisma.user.count();
    for (const outsider of ["U0GUEST", "U0OTHERORG"]) {
      const answer = await command("/customer", "find bjhd", outsider);
      expect(answer.body.text).toBe(
        "访客和其他组织的成员不能使用客户管理机器人。如需使用，请联系团队管理员把你加为正式成员。",
      );
    }
    expect(await h.prisma.user.count()).toBe(users);
    expect(await h.prisma.user.findFirst({ where: { externalId: { in: ["U0GUEST", "U0OTHERORG"] } } })).toBeNull();
  });

  it("posts to the channel when asked to with 公开：是 or public:yes, and answers in the user's language", async () => {
    expect((await command("/customer", "find bjhd 公开：是")).body.response_type).toBe("in_channel");
    expect((await command("/customer", "find bjhd public:yes")).body.response_type).toBe("in_channel");
    expect((await command("/customer", "find bjhd")).body.response_type).toBe("ephemeral");
    // A refusal stays private, even when the line asked for the channel.
    expect((await command("/customer", "show 不存在的客户 公开：是")).body.response_type).toBe("ephemeral");
    fake.queue("users.info", {
      status: 200,
      body: {
        ok: true,
        user: { id: "U0EN", name: "rita", real_name: "Rita", locale: "en-US", profile: { display_name: "Rita" } },
      },
    });
    expect((await command("/crm", "help", "U0EN")).body.text).toBe("Customer management bot: all commands");
  });

  it("rejects requests with a bad signature or a stale timestamp, and runs nothing", async () => {
    const before = await h.prisma.customer.count();
    const body = slashCommandBody(fake, "/customer", "add 冒充的客户 type:dealer");
    const afterRefusals = async () => {
      await new Promise((r) => setTimeout(r, 100));
      expect(await h.prisma.customer.count()).toBe(before);
    };
    expect((await post(body, signed(body, { secret: "not-the-secret" }))).status).toBe(401);
    expect((await post(body, signed(body, { timestamp: Math.floor(Date.now() / 1000) - 600 }))).status).toBe(401);
    // Slack's window is five minutes either way: a timestamp ten minutes ahead is a replay, not a clock skew.
    expect((await post(body, signed(body, { timestamp: Math.floor(Date.now() / 1000) + 600 }))).status).toBe(401);
    expect((await post(body, {})).status).toBe(401);
    await afterRefusals();
    const skewed = slashCommandBody(fake, "/customer", "find 冒充", undefined, "skewed");
    expect((await post(skewed, signed(skewed, { timestamp: Math.floor(Date.now() / 1000) + 60 }))).status).toBe(200);
    await waitFor(
      () => fake.responses.find((r) => r.path === "/respond/skewed"),
      "the answer to a request within the window",
    );
  });

  it("runs a pressed button's command as the user who pressed it", async () => {
    const body = interactionBody("block-actions.json", (p) => (p.response_url = `${fake.base}/respond/action`));
    const before = fake.responses.length;
    expect((await post(body, signed(body))).status).toBe(200);
    const answer = await waitFor(() => fake.responses[before], "the button's answer");
    expect(answer.body.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "北京华达商贸（C0001）", emoji: true },
    });
  });

  it("refuses a forged button that carries a command its presser may not run, and changes nothing", async () => {
    await command("/customer", "find bjhd", "U0SECOND"); // a rep of the team
    const body = interactionBody("block-actions.json", (p) => {
      p.response_url = `${fake.base}/respond/forged`;
      p.user = { ...p.user, id: "U0SECOND", username: "second" };
      p.actions[0].value = "/user set U0SECOND role:admin";
    });
    expect((await post(body, signed(body))).status).toBe(200);
    const answer = await waitFor(() => fake.responses.find((r) => r.path === "/respond/forged"), "the answer");
    expect(answer.body.text).toBe("/user set 需要管理员或以上权限。");
    expect(await h.prisma.user.findFirstOrThrow({ where: { externalId: "U0SECOND" } })).toMatchObject({ role: "rep" });
  });

  it("acts on the presser's own workspace when a payload names no team, and never makes one of nothing", async () => {
    const workspaces = await h.prisma.workspace.count();
    const body = interactionBody("block-actions.json", (p) => {
      p.response_url = `${fake.base}/respond/teamless`;
      delete p.team;
      delete p.user.team_id;
    });
    expect((await post(body, signed(body))).status).toBe(200);
    const answer = await waitFor(() => fake.responses.find((r) => r.path === "/respond/teamless"), "the answer");
    expect(answer.body.blocks[0]).toEqual({
      type: "header",
      text: { type: "plain_text", text: "北京华达商贸（C0001）", emoji: true },
    });
    expect(await h.prisma.workspace.count()).toBe(workspaces);
  });

  it("opens the visit form for a bare /visit log, shows refused values on their fields, and logs the visit when they are right", async () => {
    const body = slashCommandBody(fake, "/visit", "log");
    await post(body, signed(body));
    const opened = await waitFor(() => fake.callsOf("views.open")[0], "views.open");
    expect((opened.view as any).callback_id).toBe("form:visit_log");
    expect((opened.view as any).blocks.map((b: any) => [b.block_id, b.element.type, b.optional])).toEqual([
      ["customer", "plain_text_input", false],
      ["notes", "plain_text_input", true],
      ["channel", "static_select", true],
      ["promise", "plain_text_input", true],
      ["followUp", "datepicker", true],
    ]);

    // A value its own rules refuse is shown on its field before the form closes, without the database.
    const pastDate = interactionBody(
      "view-submission.json",
      (p) => (p.view.state.values.followUp.value.selected_date = "2026-11-01"),
    );
    expect(await (await post(pastDate, signed(pastDate))).json()).toMatchObject({
      response_action: "errors",
      errors: { followUp: expect.stringContaining("已经过去") },
    });
    const noCustomer = interactionBody("view-submission.json", (p) => (p.view.state.values.customer.value.value = ""));
    expect(await (await post(noCustomer, signed(noCustomer))).json()).toMatchObject({
      response_action: "errors",
      errors: { customer: expect.stringContaining("缺少") },
    });
    // One that needs the database (no such customer) closes the form, and the refusal comes to the user.
    const unknown = interactionBody("view-submission.json", (p) => {
      p.view.id = "V0UNKNOWN";
      p.view.state.values.customer.value.value = "不存在的客户";
    });
    expect(await (await post(unknown, signed(unknown))).text()).toBe("");
    const refusal = await waitFor(() => fake.callsOf("chat.postEphemeral")[0], "the refusal");
    expect(refusal).toMatchObject({
      channel: "C2147483705",
      user: "U2147483697",
      text: "找不到客户“不存在的客户”。请用 /customer find 查一下名称或编码。",
    });
    expect(await h.prisma.visit.count()).toBe(0);

    const good = interactionBody("view-submission.json");
    const accepted = await post(good, signed(good));
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toBe("");
    const logged = await waitFor(() => fake.callsOf("chat.postEphemeral")[1], "the confirmation").then(() =>
      h.prisma.visit.findFirstOrThrow({ include: { followUps: true } }),
    );
    expect(logged).toMatchObject({ channel: "phone", notes: "谈了新品，下周三再去" });
    expect(logged.followUps.map((f) => f.dueAt)).toEqual([new Date("2026-12-02T00:00:00+08:00")]);
    const confirmation = fake.callsOf("chat.postEphemeral")[1];
    expect(confirmation).toMatchObject({
      channel: "C2147483705",
      user: "U2147483697",
      text: "已记录拜访：北京华达商贸",
    });
  });

  it("acknowledges commands, buttons and forms within a second while an import holds the database, and answers once it is free", async () => {
    const hold = holdDatabase(h, 3_000);
    await hold.taken;
    const timed = async (body: string, type?: string) => {
      const started = Date.now();
      const res = await post(body, signed(body), type);
      return { status: res.status, ms: Date.now() - started };
    };
    const before = fake.responses.length;
    const confirmationsBefore = fake.callsOf("chat.postEphemeral").length;
    // A member the bot has never met: who they are is itself a database read.
    const slash = await timed(slashCommandBody(fake, "/customer", "find bjhd", "U0NEWREP"));
    const button = await timed(
      interactionBody("block-actions.json", (p) => (p.response_url = `${fake.base}/respond/held-button`)),
    );
    const form = await timed(interactionBody("view-submission.json", (p) => (p.view.id = "V0HELD")));
    for (const ack of [slash, button, form]) {
      expect(ack.status).toBe(200);
      expect(ack.ms).toBeLessThan(1_000);
    }
    let released = false;
    void hold.released.then(() => (released = true));
    // On SQLite reads go to a second connection while the hold writes: the button, a read by a
    // member already known, is answered meanwhile; the new member must be written down first and
    // the form writes a visit. On PostgreSQL the hold locks the users, so all three wait.
    const answered = () => fake.responses.slice(before).map((r) => r.path);
    if (h.testDb.provider === "sqlite") await waitFor(() => answered()[0], "the button's answer");
    expect(released).toBe(false);
    expect(answered()).toEqual(h.testDb.provider === "sqlite" ? ["/respond/held-button"] : []);
    await hold.released;
    await waitFor(() => (fake.responses.length >= before + 2 ? true : undefined), "the answers after the hold");
    await waitFor(
      () =>
        fake
          .callsOf("chat.postEphemeral")
          .slice(confirmationsBefore)
          .find((m) => String(m.text).startsWith("已记录拜访")),
      "the form's confirmation",
    );
  });

  it("serves /healthz and /metrics on its HTTP port: acknowledgements and answers timed, nothing of the workspace in them", async () => {
    await command("/customer", "find bjhd");
    const health = await fetch(`http://127.0.0.1:${bot.port()}/healthz`);
    expect([health.status, await health.json()]).toEqual([200, { status: "ok", database: "up" }]);
    const scrape = await (await fetch(`http://127.0.0.1:${bot.port()}/metrics`)).text();
    const count = (pattern: RegExp) => Number(pattern.exec(scrape)?.[1] ?? 0);
    expect(count(/^crm_ack_duration_seconds_count\{platform="slack"\} (\d+)$/m)).toBeGreaterThanOrEqual(1);
    expect(count(/^crm_ack_duration_seconds_bucket\{le="1",platform="slack"\} (\d+)$/m)).toBe(
      count(/^crm_ack_duration_seconds_count\{platform="slack"\} (\d+)$/m),
    );
    expect(
      count(/^crm_command_duration_seconds_count\{platform="slack",command="customer find",outcome="ok"\} (\d+)$/m),
    ).toBeGreaterThanOrEqual(1);
    expect(scrape).not.toMatch(/T0001CRM|U2147483697|北京华达|bjhd/);
    // Slack's own path still refuses what is not signed.
    expect((await post("command=%2Fcustomer", {})).status).toBe(401);
  });

  it("runs a form sent twice once, and confirms by DM when the channel refuses the bot", async () => {
    const visits = await h.prisma.visit.count();
    fake.queue("chat.postEphemeral", { status: 200, body: { ok: false, error: "not_in_channel" } });
    const twice = interactionBody("view-submission.json", (p) => {
      p.view.id = "V0TWICE";
      p.view.state.values.notes.value.value = "同一张表单提交两次";
    });
    expect((await post(twice, signed(twice))).status).toBe(200);
    expect((await post(twice, signed(twice))).status).toBe(200);
    const dm = await waitFor(
      () =>
        fake
          .callsOf("chat.postMessage")
          .find((m) => m.channel === "U2147483697" && String(m.text).startsWith("已记录拜访")),
      "the DM confirmation",
    );
    expect(dm.text).toBe("已记录拜访：北京华达商贸");
    await new Promise((r) => setTimeout(r, 300));
    expect(await h.prisma.visit.count()).toBe(visits + 1);
  });

  it("answers by DM once a response URL is used up (Slack takes five answers on one)", async () => {
    const usedUp = () => fake.responses.filter((r) => r.path === "/respond/used-up");
    for (let i = 0; i < 6; i++) {
      const body = slashCommandBody(fake, "/customer", `find 第${i}次`, "U2147483697", "used-up");
      expect((await post(body, signed(body))).status).toBe(200);
      if (i < 5) await waitFor(() => (usedUp().length === i + 1 ? true : undefined), `answer ${i + 1}`);
    }
    const dm = await waitFor(
      () => fake.callsOf("chat.postMessage").find((m) => String(m.text).includes("第5次")),
      "the sixth answer, by DM",
    );
    expect(dm.channel).toBe("U2147483697");
    expect(usedUp()).toHaveLength(5);
  });

  it("keeps the word public as the user's text; visibility is its own argument", async () => {
    const answer = await command("/visit", "log C0001 客户要求 public 报价");
    expect(answer.body.response_type).toBe("ephemeral");
    expect(await h.prisma.visit.findFirst({ where: { notes: "客户要求 public 报价" } })).not.toBeNull();
    expect((await command("/customer", "find bjhd 公开：也许")).body.text).toBe(
      "“公开”的值“也许”无效：写 公开：是 把回答发到频道，或 公开：否 只给自己看。",
    );
  });

  it("escapes what users typed for Slack, in the blocks and in the notification text", async () => {
    const answer = await command("/customer", "add <!channel>&<@U0BOSS> type:dealer");
    expect(answer.body.text).toMatch(/^已新增客户 &lt;!channel&gt;&amp;&lt;@U0BOSS&gt;（编码 C\d{4}）。$/);
    expect(textOf(answer)).not.toContain("<!channel>");
  });

  it("answers a failure after the acknowledgement: a file Slack will not hand over", async () => {
    const body = eventBody("message-im-file.json", (p) => {
      p.event_id = "Ev0MISSINGFILE";
      p.event.files[0].url_private_download = `${fake.base}/files-pri/T0001CRM-F0404/download/gone.csv`;
    });
    expect((await post(body, signed(body), "application/json")).status).toBe(200);
    const answer = await waitFor(
      () => fake.callsOf("chat.postMessage").find((m) => String(m.text).startsWith("处理时出错了")),
      "the failure's answer",
    );
    expect(answer.text).toMatch(/错误编号 [0-9a-f]{8}/);
  });

  it("handles a direct message once, even when Slack delivers it again", async () => {
    const visits = await h.prisma.visit.count();
    const body = eventBody("message-im.json");
    expect((await post(body, signed(body), "application/json")).status).toBe(200);
    expect(
      (
        await post(
          body,
          { ...signed(body), "x-slack-retry-num": "1", "x-slack-retry-reason": "http_timeout" },
          "application/json",
        )
      ).status,
    ).toBe(200);
    await waitFor(
      () => fake.callsOf("chat.postMessage").find((m) => String(m.text).startsWith("已记录拜访")),
      "the DM answer",
    );
    await new Promise((r) => setTimeout(r, 200));
    expect(await h.prisma.visit.count()).toBe(visits + 1);
  });

  it("shows the user's /today as the App Home tab when it is opened, and publishes it again after their own commands", async () => {
    const published = () =>
      fake.callsOf("views.publish") as { user_id: string; view: { type: string; blocks: unknown[] } }[];
    const due = (view: { blocks: unknown[] }) => Number(/待回访\*\\n(\d+)/.exec(JSON.stringify(view.blocks))?.[1]);
    await command("/customer", "add 天津好运来超市 type:零售商");
    const before = published().length;
    // The messages tab is not the home: nothing is published for it.
    const messagesTab = eventBody("app-home-opened.json", (p) => {
      p.event.tab = "messages";
      p.event_id = "Ev0HOME0000";
    });
    expect((await post(messagesTab, signed(messagesTab), "application/json")).status).toBe(200);
    const body = eventBody("app-home-opened.json");
    expect((await post(body, signed(body), "application/json")).status).toBe(200);
    const home = await waitFor(() => published()[before], "the home view");
    expect(published()).toHaveLength(before + 1);
    expect(home.user_id).toBe("U2147483697");
    expect(home.view.type).toBe("home");
    expect(JSON.stringify(home.view.blocks)).toMatch(/的今天 · 11月25日/);

    expect((await command("/visit", "log 好运来 谈了新品 回访:2026-11-25")).body.text).toMatch(/^已记录拜访/);
    const refreshed = await waitFor(() => published()[before + 1], "the home view published again");
    expect(due(refreshed.view)).toBe(due(home.view) + 1);
    expect(JSON.stringify(refreshed.view.blocks)).toContain("天津好运来超市");
  });

  it("imports a CSV file sent to the bot in a direct message", async () => {
    const csv = readFileSync(join(import.meta.dirname, "fixtures/csv/orders.csv"));
    const url = fake.serveFile(
      "/files-pri/T0001CRM-F0001CSV/download/orders.csv",
      Buffer.from(csv.toString("utf8").replaceAll("HD001", "C0001").replaceAll("BH002", "C0001")),
    );
    const body = eventBody("message-im-file.json", (p) => (p.event.files[0].url_private_download = url));
    await post(body, signed(body), "application/json");
    await waitFor(
      () => fake.callsOf("chat.postMessage").find((m) => String(m.text).startsWith("已导入进货记录")),
      "the import's answer",
    );
    expect(await h.prisma.order.count()).toBe(4);
  });

  it("fetches files only from Slack's file host, never sending the token elsewhere, and refuses files over the size cap", async () => {
    const foreign: { path: string; authorization?: string }[] = [];
    const elsewhere = createServer((req, res) => {
      foreign.push({ path: req.url ?? "", authorization: req.headers.authorization });
      res.end("单号,客户编码,日期,金额\n");
    });
    await new Promise<void>((resolve) => elsewhere.listen(0, "127.0.0.1", resolve));
    try {
      const send = async (edit: (p: Record<string, any>) => void, answer: RegExp) => {
        const body = eventBody("message-im-file.json", edit);
        const earlier = fake.callsOf("chat.postMessage").length;
        await post(body, signed(body), "application/json");
        return waitFor(
          () =>
            fake
              .callsOf("chat.postMessage")
              .slice(earlier)
              .find((m) => answer.test(String(m.text))),
          String(answer),
        );
      };
      const port = (elsewhere.address() as AddressInfo).port;
      await send((p) => {
        p.event_id = "Ev0FOREIGN";
        p.event.files[0].url_private_download = `http://127.0.0.1:${port}/files-pri/T0001CRM-F9/download/orders.csv`;
      }, /^文件 进货\.csv 不是从本平台上传的/);
      expect(foreign).toEqual([]);

      // Declared too large: refused without a request; served larger than it said: cut off.
      const big = fake.serveFile("/files-pri/T0001CRM-F0BIG/download/big.csv", Buffer.alloc(MAX_TEST_UPLOAD + 1, 0x31));
      await send((p) => {
        p.event_id = "Ev0BIGDECLARED";
        p.event.files[0].url_private_download = `${big}?declared`;
        p.event.files[0].size = MAX_TEST_UPLOAD + 1;
      }, /^文件 进货\.csv 太大：最大 1 MB/);
      await send((p) => {
        p.event_id = "Ev0BIGSERVED";
        p.event.files[0].url_private_download = big;
      }, /^文件 进货\.csv 太大：最大 1 MB/);
    } finally {
      elsewhere.close();
    }
  });

  it("never downloads a file sent with a command its sender may not run", async () => {
    await command("/customer", "find bjhd", "U0SECOND"); // a rep of the team
    const url = fake.serveFile(
      "/files-pri/T0001CRM-F0REP/download/orders.csv",
      Buffer.from("单号,客户编码,日期,金额\n"),
    );
    const before = fake.callsOf("chat.postMessage").length;
    const body = eventBody("message-im-file.json", (p) => {
      p.event_id = "Ev0REPFILE";
      p.event.user = "U0SECOND";
      p.event.files[0].url_private_download = url;
    });
    await post(body, signed(body), "application/json");
    const answer = await waitFor(() => fake.callsOf("chat.postMessage").slice(before)[0], "the refusal");
    expect(answer.text).toBe("/import 需要管理员或以上权限。");
    expect(fake.downloads).not.toContain("/files-pri/T0001CRM-F0REP/download/orders.csv");
  });

  it("uploads a report's chart to the user's direct messages", async () => {
    await command("/report", "customer C0001");
    const completed = await waitFor(() => fake.callsOf("files.completeUploadExternal")[0], "the upload");
    expect(completed.channel_id).toBe("D0123456789");
    expect(fake.uploads.at(-1)!.size).toBeGreaterThan(1000);
  });

  it("adds an alert route to a channel the bot cannot post in, and says how to fix it", async () => {
    const port = slackOutboundPort({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl });
    const router = new Router({
      prisma: h.prisma,
      commands,
      logger: createLogger("silent"),
      now: () => h.now,
      channelAccess: (_platform, workspace, channel) => port.checkChannel!(channel, workspace),
    });
    const admin = await h.prisma.user.findFirstOrThrow({ where: { externalId: "U2147483697" } });
    const add = async (channel: string) =>
      renderText(await router.run({ workspaceId: admin.workspaceId, userId: admin.id }, `/alert route add ${channel}`))
        .text;
    expect(await add("C0MEMBER")).toMatch(/^已添加路由 #\d+：C0MEMBER。$/);
    expect(await add("C0OUTSIDE")).toMatch(/已添加路由 #\d+：C0OUTSIDE。\n.*机器人还不在频道 C0OUTSIDE 里.*\/invite/);
    expect(await add("C0PRIVATE")).toMatch(/机器人看不到频道 C0PRIVATE：可能是私有频道/);
    expect(fake.callsOf("conversations.info").map((c) => c.channel)).toEqual(["C0MEMBER", "C0OUTSIDE", "C0PRIVATE"]);
    // Kept either way: the posts go out once the bot is invited.
    expect(await h.prisma.deliveryRoute.count({ where: { channelId: { in: ["C0OUTSIDE", "C0PRIVATE"] } } })).toBe(2);
    await h.prisma.deliveryRoute.deleteMany({ where: { channelId: { in: ["C0MEMBER", "C0OUTSIDE", "C0PRIVATE"] } } });
  });

  it("posts alerts through the outbox, edits them in place, and waits out a 429's Retry-After without losing them", async () => {
    const port = slackOutboundPort({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl });
    const send = () =>
      dispatchOutbox({ prisma: h.prisma, ports: { slack: port }, now: () => h.now, logger: createLogger("silent") });
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    const admin = await h.prisma.user.findFirstOrThrow({ where: { externalId: "U2147483697" } });
    await h.router.run({ workspaceId: admin.workspaceId, userId: admin.id }, "/customer edit C0001 授信额度:1000");
    fake.queue("chat.postMessage", {
      status: 429,
      headers: { "retry-after": "30" },
      body: { ok: false, error: "ratelimited" },
    });
    expect(await send()).toBe(0);
    const waiting = await h.prisma.outboxMessage.findFirstOrThrow({ where: { status: "pending", kind: "alert" } });
    expect(waiting.nextAttemptAt).toEqual(new Date(h.now.getTime() + 30_000));
    h.now = new Date(h.now.getTime() + 30_000);
    expect(await send()).toBe(1);
    const post = fake.callsOf("chat.postMessage").at(-1)!;
    // To the user's direct messages, opened once, carrying its outbox id to be found again.
    expect(post.channel).toBe("D0123456789");
    expect(fake.callsOf("conversations.open").at(-1)).toMatchObject({ users: "U2147483697" });
    expect(post.metadata).toEqual({
      event_type: "crm_outbox_message",
      event_payload: { outbox_id: String(waiting.id) },
    });
    expect(JSON.stringify(post.blocks)).toContain("外欠款超额度");
    const alert = await h.prisma.alert.findFirstOrThrow({ where: { rule: "receivables" } });
    await h.router.run({ workspaceId: admin.workspaceId, userId: admin.id }, `/alert ack ${alert.number}`);
    await send();
    const update = fake.callsOf("chat.update").at(-1)!;
    expect(update).toMatchObject({ channel: "D0123456789" });
    expect(JSON.stringify(update.blocks)).toContain("已确认");
    expect((await h.prisma.outboxMessage.findFirstOrThrow({ where: { alertId: alert.id } })).platformRef).toBe(
      `D0123456789|${update.ts}`,
    );
  });

  describe("channels the bot may not post in", () => {
    const quickPort = () =>
      slackOutboundPort({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl, pacing: { intervalMs: 1, burst: 100 } });
    const send = (at = h.now) =>
      dispatchOutbox({
        prisma: h.prisma,
        ports: { slack: quickPort() },
        now: () => at,
        logger: createLogger("silent"),
      });
    const queue = async (channelId: string, count: number, tag: string) => {
      const workspace = await h.prisma.workspace.findFirstOrThrow({ where: { externalId: "T0001CRM" } });
      await scopeToWorkspace(h.prisma, workspace.id).$transaction((tx) =>
        enqueueMany(
          tx,
          repositoriesOf(h.prisma).bulk,
          workspace.id,
          Array.from({ length: count }, (_, i) => ({
            dedupeKey: `${tag}:${i}`,
            kind: "digest" as const,
            recipients: [{ kind: "channel" as const, channelId }],
            at: h.now,
            view: { view: "morningFollowUps", items: [], more: i } satisfies NotificationView,
          })),
        ),
      );
    };
    const postsTo = (channel: string) => fake.posts.filter((p) => p.channel === channel);
    const noticesSaying = (text: string) =>
      fake.posts.filter((p) => p.channel === "D0123456789" && p.text.includes(text));

    it("joins a public channel it is not in and posts there, instead of failing", async () => {
      await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
      await queue("C0OUTSIDE", 2, "outside");
      await send();
      expect(fake.callsOf("conversations.join")).toMatchObject([{ channel: "C0OUTSIDE" }]);
      expect(postsTo("C0OUTSIDE")).toHaveLength(2);
      expect(await h.prisma.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
    });

    it("keeps a private channel's posts waiting, tells the admins once how to invite the bot, and sends them when it is invited", async () => {
      await queue("C0PRIVATE", 3, "private");
      await send();
      const waiting = await h.prisma.outboxMessage.findMany({ where: { target: "channel:C0PRIVATE" } });
      expect(waiting.map((m) => [m.status, m.attempts, m.lastError])).toEqual(
        Array(3).fill(["waiting", 0, "notVisible"]),
      );
      // One post refused, the other two wait with it without asking Slack again.
      expect(fake.callsOf("chat.postMessage").filter((p) => p.channel === "C0PRIVATE")).toHaveLength(1);
      expect(noticesSaying("消息发不进频道 C0PRIVATE")).toHaveLength(1);
      const notice = fake
        .callsOf("chat.postMessage")
        .find((p) => JSON.stringify(p.blocks).includes("发不进频道 C0PRIVATE"))!;
      expect(JSON.stringify(notice.blocks)).toContain("/invite @客户管理 CRM");
      expect(JSON.stringify(notice.blocks)).toContain("有 3 条消息在等待");

      // Half an hour later they try again by themselves, still refused: no second notice.
      await send(new Date(h.now.getTime() + 31 * 60_000));
      expect(await h.prisma.outboxMessage.count({ where: { target: "channel:C0PRIVATE", status: "waiting" } })).toBe(3);
      expect(noticesSaying("消息发不进频道 C0PRIVATE")).toHaveLength(1);

      const listed = await command("/alert", "deliveries");
      expect(textOf(listed)).toContain("等待授权 · 频道 C0PRIVATE");
      expect(textOf(listed)).toContain("机器人看不到该频道（私有频道需要先邀请），邀请后自动发出");

      fake.channel("C0PRIVATE", { member: true });
      const body = eventBody("member-joined-channel.json");
      expect((await post(body, signed(body), "application/json")).status).toBe(200);
      await waitFor(
        async () =>
          (await h.prisma.outboxMessage.count({ where: { target: "channel:C0PRIVATE", status: "waiting" } })) === 0 ||
          undefined,
        "the waiting posts released",
      );
      await send();
      expect(postsTo("C0PRIVATE")).toHaveLength(3);
      expect(await h.prisma.outboxMessage.count({ where: { target: "channel:C0PRIVATE", status: "sent" } })).toBe(3);
      fake.channel("C0PRIVATE", { isPrivate: true, member: false });
    });

    it("tells the admins once a day when posts fail for good, lists them, and sends them again on request", async () => {
      fake.channel("C0ARCHIVED", { member: true, archived: true });
      await queue("C0ARCHIVED", 2, "archived");
      await send();
      const failed = await h.prisma.outboxMessage.findMany({ where: { target: "channel:C0ARCHIVED" } });
      expect(failed.map((m) => [m.status, m.lastError])).toEqual(Array(2).fill(["failed", "is_archived"]));
      expect(noticesSaying("消息发送失败：频道 C0ARCHIVED")).toHaveLength(1);
      const notice = fake
        .callsOf("chat.postMessage")
        .find((p) => JSON.stringify(p.blocks).includes("消息发送失败：频道 C0ARCHIVED"))!;
      expect(JSON.stringify(notice.blocks)).toContain("平台拒绝：is_archived");
      expect(JSON.stringify(notice.blocks)).toContain("/alert redeliver C0ARCHIVED");

      expect(textOf(await command("/alert", "deliveries 失败"))).toContain("失败 · 频道 C0ARCHIVED");
      fake.channel("C0ARCHIVED", { member: true, archived: false });
      expect((await command("/alert", "redeliver C0ARCHIVED")).body.text).toBe(
        "已重新排队发往频道 C0ARCHIVED 的 2 条消息，马上开始发送。",
      );
      await send();
      expect(postsTo("C0ARCHIVED")).toHaveLength(2);
      expect(textOf(await command("/alert", "deliveries"))).toContain("没有未发出或失败的消息");
    });
  });
});

describe.each(testProviders())("Slack through Bolt's Socket Mode receiver on %s", (provider) => {
  let h: Harness;
  let fake: FakeSlack;
  let bot: SlackBot;
  const payloadOf = (body: string) => Object.fromEntries(new URLSearchParams(body));

  beforeAll(async () => {
    h = await Harness.open(provider);
    fake = await FakeSlack.start();
    bot = createSlackBot({
      options: { botToken: BOT_TOKEN, appToken: "xapp-1-A123456-test", port: 0, apiUrl: fake.apiUrl },
      inbound: h.inbound(),
      logger: createLogger("silent"),
    });
    await bot.start();
    await waitFor(() => (fake.socketOpen ? true : undefined), "the Socket Mode connection");
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    await h.close();
  });

  it("acknowledges a slash command over the socket within a second while the database is held, then answers through its response URL", async () => {
    const before = fake.responses.length;
    const added = await fake.sendEnvelope(
      "slash_commands",
      payloadOf(slashCommandBody(fake, "/customer", "add 北京华达商贸 type:经销商", "U2147483697", "socket-add")),
    );
    expect(added.payload).toEqual({});
    await waitFor(() => fake.responses[before], "the first answer");
    const hold = holdDatabase(h, 3_000);
    await hold.taken;
    const held = await fake.sendEnvelope(
      "slash_commands",
      payloadOf(slashCommandBody(fake, "/customer", "find bjhd", "U2147483697", "socket-held")),
    );
    expect(held.ms).toBeLessThan(1_000);
    expect(fake.responses.find((r) => r.path === "/respond/socket-held")).toBeUndefined();
    await hold.released;
    const answer = await waitFor(
      () => fake.responses.find((r) => r.path === "/respond/socket-held"),
      "the answer after the hold",
    );
    expect(answer.body.text).toBe("与“bjhd”匹配的客户（1 个）：");
  });

  it("answers a form's refused value in the acknowledgement itself, and runs a good one after it", async () => {
    const pastDate = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures/slack/view-submission.json"), "utf8"));
    pastDate.view.state.values.followUp.value.selected_date = "2026-11-01";
    const refused = await fake.sendEnvelope("interactive", pastDate);
    expect(refused.payload).toMatchObject({
      response_action: "errors",
      errors: { followUp: expect.stringContaining("已经过去") },
    });
    const good = JSON.parse(readFileSync(join(import.meta.dirname, "fixtures/slack/view-submission.json"), "utf8"));
    expect((await fake.sendEnvelope("interactive", good)).payload).toEqual({});
    await waitFor(
      () => fake.callsOf("chat.postEphemeral").find((m) => m.text === "已记录拜访：北京华达商贸"),
      "the confirmation",
    );
    expect(await h.prisma.visit.count()).toBe(1);
  });
});

describe.each(testProviders())("Slack delivery within Slack's per-channel limit on %s", (provider) => {
  let h: Harness;
  let fake: FakeSlack;
  let workspaceId: number;
  const storm = (count: number, channelId: string) =>
    scopeToWorkspace(h.prisma, workspaceId).$transaction((tx) =>
      enqueueMany(
        tx,
        repositoriesOf(h.prisma).bulk,
        workspaceId,
        Array.from({ length: count }, (_, i) => ({
          dedupeKey: `storm:${channelId}:${i}`,
          kind: "digest" as const,
          recipients: [{ kind: "channel" as const, channelId }],
          at: h.now,
          view: { view: "morningFollowUps", items: [], more: i } satisfies NotificationView,
        })),
      ),
    );

  beforeAll(async () => {
    h = await Harness.open(provider);
    // The stand-in refuses a second post to a channel within 40 ms; the port paces one per 50 ms.
    fake = await FakeSlack.start({ postIntervalMs: 40 });
    workspaceId = (await h.workspace("T0001CRM", "slack")).id;
  });
  afterAll(async () => {
    await fake.close();
    await h.close();
  });

  it("paces 60 posts to one channel so that each arrives exactly once, and a 429 is a wait, never a lost post", async () => {
    await storm(60, "C0STORM");
    await storm(3, "C0QUIET");
    const port = slackOutboundPort({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl, pacing: { intervalMs: 50, burst: 1 } });
    const started = Date.now();
    const pacer = new Pacer();
    let sent = 0;
    while (sent < 63 && Date.now() - started < 20_000) {
      sent += await dispatchOutbox({ prisma: h.prisma, ports: { slack: port }, logger: createLogger("silent"), pacer });
    }
    const posts = fake.callsOf("chat.postMessage").filter((p) => String(p.channel).startsWith("C0"));
    const delivered = posts.length - fake.rateLimited;
    expect(delivered).toBe(63);
    // The quiet channel did not wait behind the busy one.
    expect(posts.findIndex((p) => p.channel === "C0QUIET")).toBeLessThan(10);
    expect(await h.prisma.outboxMessage.count({ where: { status: { not: "sent" } } })).toBe(0);
    expect(await h.prisma.outboxMessage.count({ where: { attempts: { gt: 0 } } })).toBe(0);
    expect(fake.rateLimited).toBeLessThanOrEqual(3);
  });
});
