import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { dispatchOutbox } from "../src/application/dispatcher.js";
import { Sealer } from "../src/application/sealer.js";
import { SlackInstallations } from "../src/application/slack-installations.js";
import { repositoriesOf } from "../src/db/client.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import type { NotificationView } from "../src/domain/notifications.js";
import { createLogger } from "../src/logger.js";
import { enqueueMany } from "../src/outbound/outbox.js";
import { createSlackBot, type SlackBot } from "../src/platforms/slack/app.js";
import { slackOutboundPort } from "../src/platforms/slack/outbound.js";
import { testProviders } from "./support/databases.js";
import {
  eventBody,
  FakeSlack,
  OAUTH_INSTALLS,
  signed,
  SIGNING_SECRET,
  slashCommandBody,
} from "./support/fake-slack.js";
import { Harness } from "./support/harness.js";
import { waitFor } from "./support/wait.js";

const SECRET_KEY = Buffer.alloc(32, 7).toString("base64");

describe.each(testProviders())("Slack in many workspaces through OAuth on %s", (provider) => {
  let h: Harness;
  let fake: FakeSlack;
  let bot: SlackBot;
  let installations: SlackInstallations;
  const url = (path: string) => `http://127.0.0.1:${bot.port()}${path}`;

  /** Bolt's own install flow: the install page sets the state cookie, Slack redirects back with a code. */
  async function install(code: string): Promise<Response> {
    const page = await fetch(url("/slack/install"));
    const cookie = page.headers.get("set-cookie")!.split(";")[0]!;
    const state = /state=([^&"]+)/.exec(await page.text())![1]!;
    return fetch(url(`/slack/oauth_redirect?code=${code}&state=${state}`), { headers: { cookie } });
  }
  async function command(team: string, user: string, text: string, enterprise?: string) {
    const params = new URLSearchParams(slashCommandBody(fake, "/customer", text, user));
    params.set("team_id", team);
    if (enterprise) {
      params.set("enterprise_id", enterprise);
      params.set("is_enterprise_install", "true");
    }
    const body = params.toString();
    const before = fake.responses.length;
    expect((await fetch(url("/slack/events"), { method: "POST", headers: signedForm(body), body })).status).toBe(200);
    return (await waitFor(() => fake.responses[before], `the answer to ${text}`)).body;
  }
  const signedForm = (body: string) => ({ "content-type": "application/x-www-form-urlencoded", ...signed(body) });

  beforeAll(async () => {
    h = await Harness.open(provider);
    fake = await FakeSlack.start();
    installations = new SlackInstallations(h.prisma, new Sealer(SECRET_KEY), {
      locale: "zh-CN",
      timezone: "Asia/Shanghai",
      currency: "CNY",
    });
    bot = createSlackBot({
      options: {
        oauth: {
          clientId: "1234.5678",
          clientSecret: "client-secret-0123",
          stateSecret: "state-secret-0123456789",
          installations,
        },
        signingSecret: SIGNING_SECRET,
        port: 0,
        apiUrl: fake.apiUrl,
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

  it("installs into two workspaces through Bolt's OAuth flow, keeping each token sealed", async () => {
    expect((await install("code-a")).status).toBe(200);
    expect((await install("code-b")).status).toBe(200);
    expect(fake.callsOf("oauth.v2.access").map((c) => c.code)).toEqual(["code-a", "code-b"]);
    const rows = await h.prisma.slackInstallation.findMany({ orderBy: { id: "asc" } });
    expect(rows.map((r) => [r.key, r.installerId])).toEqual([
      ["T:T0002AAA", "U0INSTALLA"],
      ["T:T0003BBB", "U0INSTALLB"],
    ]);
    for (const row of rows) expect(row.sealed).not.toContain("xoxb-");
    expect(await installations.botTokenOf("T0003BBB")).toBe(OAUTH_INSTALLS["code-b"]!.token);
    // A redirect without the state of the browser that started the install installs nothing.
    expect((await fetch(url("/slack/oauth_redirect?code=code-a&state=forged"))).status).toBeGreaterThanOrEqual(400);
    expect(await h.prisma.slackInstallation.count()).toBe(2);
  });

  it("answers each workspace with its own token, makes its installer admin, and keeps their data apart", async () => {
    const a = OAUTH_INSTALLS["code-a"]!;
    const b = OAUTH_INSTALLS["code-b"]!;
    expect((await command(a.team, a.installer, "add 北区客户 type:dealer")).text).toMatch(/^已新增客户 北区客户/);
    expect((await command(b.team, "U0MEMBERB", "find 北区客户")).text).toContain("没有找到");
    const who = await h.prisma.user.findMany({
      where: { externalId: { in: [a.installer, "U0MEMBERB"] } },
      select: { externalId: true, role: true, workspace: { select: { externalId: true } } },
      orderBy: { externalId: "asc" },
    });
    expect(who).toEqual([
      { externalId: a.installer, role: "admin", workspace: { externalId: a.team } },
      { externalId: "U0MEMBERB", role: "rep", workspace: { externalId: b.team } },
    ]);
    const profiles = fake.callsOf("users.info");
    expect(fake.calls.filter((c) => c.method === "users.info").map((c) => [c.body.user, c.token])).toEqual([
      [a.installer, a.token],
      ["U0MEMBERB", b.token],
    ]);
    expect(profiles).toHaveLength(2);

    // Posts go out with the token of the workspace they belong to.
    for (const install of [a, b]) {
      const workspace = await h.prisma.workspace.findFirstOrThrow({ where: { externalId: install.team } });
      await scopeToWorkspace(h.prisma, workspace.id).$transaction((tx) =>
        enqueueMany(tx, repositoriesOf(h.prisma).bulk, workspace.id, [
          {
            dedupeKey: `oauth:${install.team}`,
            kind: "digest",
            recipients: [{ kind: "channel", channelId: `C0${install.team}` }],
            at: h.now,
            view: { view: "morningFollowUps", items: [], more: 0 } satisfies NotificationView,
          },
        ]),
      );
    }
    const port = slackOutboundPort({ apiUrl: fake.apiUrl, botToken: (team) => installations.botTokenOf(team) });
    await dispatchOutbox({
      prisma: h.prisma,
      ports: { slack: port },
      now: () => h.now,
      logger: createLogger("silent"),
    });
    const posts = fake.calls.filter((c) => c.method === "chat.postMessage").map((c) => [c.body.channel, c.token]);
    expect(posts).toEqual(
      expect.arrayContaining([
        [`C0${a.team}`, a.token],
        [`C0${b.team}`, b.token],
      ]),
    );
  });

  it("refuses guests and fetches files only from Slack, with the workspace's own token", async () => {
    const a = OAUTH_INSTALLS["code-a"]!;
    expect((await command(a.team, "U0GUEST", "find 北区")).text).toMatch(/^访客和其他组织的成员不能使用/);
    expect(await h.prisma.user.count({ where: { externalId: "U0GUEST" } })).toBe(0);
    const file = (p: Record<string, any>, id: string, download: string) => {
      p.team_id = a.team;
      p.event_id = id;
      p.event.user = a.installer;
      p.event.files[0].url_private_download = download;
      p.authorizations[0].team_id = a.team;
    };
    const post = (body: string) =>
      fetch(url("/slack/events"), {
        method: "POST",
        headers: { "content-type": "application/json", ...signed(body) },
        body,
      });
    const before = fake.callsOf("chat.postMessage").length;
    await post(
      eventBody("message-im-file.json", (p) => file(p, "Ev0OAUTHFOREIGN", "http://127.0.0.1:9/files-pri/x.csv")),
    );
    const refused = await waitFor(
      () => fake.calls.filter((c) => c.method === "chat.postMessage").slice(before)[0],
      "the refusal",
    );
    expect(refused.body.text).toMatch(/不是从本平台上传的/);
    expect(refused.token).toBe(a.token);
  });

  it("installs org-wide on Enterprise Grid: any team of the organisation is served with the organisation's token", async () => {
    expect((await install("code-org")).status).toBe(200);
    const org = OAUTH_INSTALLS["code-org"]!;
    expect(await h.prisma.slackInstallation.findFirst({ where: { key: "E:E0HUADA" } })).toMatchObject({
      enterpriseId: "E0HUADA",
      teamId: null,
      installerId: org.installer,
    });
    expect((await command(org.team, org.installer, "add 集团客户 type:dealer", "E0HUADA")).text).toMatch(
      /^已新增客户 集团客户/,
    );
    expect(await h.prisma.user.findFirstOrThrow({ where: { externalId: org.installer } })).toMatchObject({
      role: "admin",
    });
    expect(fake.calls.filter((c) => c.method === "users.info").at(-1)!.token).toBe(org.token);
    expect(await installations.botTokenOf(org.team)).toBe(org.token);
  });

  it("forgets a workspace's tokens when it uninstalls the bot, and records it", async () => {
    const b = OAUTH_INSTALLS["code-b"]!;
    const body = eventBody("member-joined-channel.json", (p) => {
      p.team_id = b.team;
      p.event_id = "Ev0UNINSTALL";
      p.event = { type: "app_uninstalled", event_ts: "1732510300.000100" };
      p.authorizations[0].team_id = b.team;
    });
    const res = await fetch(url("/slack/events"), {
      method: "POST",
      headers: { "content-type": "application/json", ...signed(body) },
      body,
    });
    expect(res.status).toBe(200);
    await waitFor(
      async () => ((await h.prisma.slackInstallation.count({ where: { teamId: b.team } })) === 0 ? true : undefined),
      "the installation removed",
    );
    const workspace = await h.prisma.workspace.findFirstOrThrow({ where: { externalId: b.team } });
    expect(
      (await h.prisma.auditLog.findMany({ where: { workspaceId: workspace.id }, orderBy: { id: "asc" } })).map(
        (e) => e.action,
      ),
    ).toEqual(["install", "uninstall"]);
  });
});
