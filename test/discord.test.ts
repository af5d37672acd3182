import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { reply } from "../src/core/reply.js";
import { createLogger } from "../src/logger.js";
import { Metrics, outboxBacklog } from "../src/application/metrics.js";
import { dispatchOutbox } from "../src/application/dispatcher.js";
import { createDiscordBot, type DiscordBot } from "../src/platforms/discord/app.js";
import {
  DISCORD_MAX_DESCRIPTION,
  DISCORD_MAX_OPTIONS,
  discordCommands,
  isDiscordName,
} from "../src/platforms/discord/commands.js";
import { throughBuilders } from "./support/discord-builders.js";
import { discordOutboundPort } from "../src/platforms/discord/outbound.js";
import { renderDiscord } from "../src/platforms/discord/render.js";
import { testProviders } from "./support/databases.js";
import { APPLICATION_ID, deliver, DISCORD_TOKEN, FakeDiscord } from "./support/fake-discord.js";
import { holdDatabase } from "./support/hold.js";
import { waitFor } from "./support/wait.js";
import { Harness } from "./support/harness.js";
import { repositoriesOf } from "../src/db/client.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import type { NotificationView } from "../src/domain/notifications.js";
import { enqueueMany } from "../src/outbound/outbox.js";

/** A member's permissions without Manage Server or Administrator (the fixtures' 王伟 manages the server). */
const MEMBER_PERMISSIONS = "2248473465835073";

describe("Discord application commands", () => {
  const json = discordCommands(commands);

  function* allOptions(options: any[] = []): Generator<any> {
    for (const o of options) {
      yield o;
      yield* allOptions(o.options);
    }
  }

  it("are generated from the registry within Discord's limits: names, 100-character descriptions, 25 options, required first", () => {
    expect(json.map((c) => c.name)).toEqual([...new Set(commands.map((c) => c.path[0]))]);
    for (const command of json) {
      for (const item of [command, ...allOptions(command.options)]) {
        expect(isDiscordName(item.name), item.name).toBe(true);
        for (const local of Object.values(item.name_localizations ?? {}))
          expect(isDiscordName(String(local)), `${item.name}: ${local}`).toBe(true);
        expect(item.description.length, item.name).toBeGreaterThan(0);
        expect(item.description.length, item.name).toBeLessThanOrEqual(DISCORD_MAX_DESCRIPTION);
        for (const local of Object.values(item.description_localizations ?? {}))
          expect(String(local).length).toBeLessThanOrEqual(DISCORD_MAX_DESCRIPTION);
        if (item.options) {
          expect(item.options.length, item.name).toBeLessThanOrEqual(DISCORD_MAX_OPTIONS);
          expect(new Set(item.options.map((o: any) => o.name)).size, item.name).toBe(item.options.length);
          const required = item.options.map((o: any) => Boolean(o.required));
          expect(required, item.name).toEqual([...required].sort((a, b) => Number(b) - Number(a)));
        }
        expect((item.choices ?? []).length).toBeLessThanOrEqual(25);
      }
    }
  });

  it("pass discord.js's own builders' validation in both locales, and come back from them unchanged", () => {
    for (const command of json) {
      const rebuilt = throughBuilders(command);
      expect(rebuilt, command.name).toEqual(JSON.parse(JSON.stringify({ type: 1, nsfw: undefined, ...command })));
    }
  });

  it("name options by lower-cased Chinese aliases（A类 as a类），which Discord's builders refuse in upper case", () => {
    const cadence = json.find((c) => c.name === "visit")!.options!.find((o) => o.name === "cadence") as any;
    const names = cadence.options.map((o: any) => o.name_localizations?.["zh-CN"]).filter(Boolean);
    expect(names).toEqual(expect.arrayContaining(["a类", "b类"]));
    expect(() =>
      throughBuilders({
        ...cadence,
        type: undefined,
        options: [{ ...cadence.options[0], name_localizations: { "zh-CN": "A类" } }],
      } as any),
    ).toThrow();
  });

  it("are server commands; commands for admins and managers only are hidden from other members by default; numbers have bounds", () => {
    for (const command of json) {
      expect(command.contexts, command.name).toEqual([0]);
      expect(command.integration_types, command.name).toEqual([0]);
      expect(command).not.toHaveProperty("dm_permission");
    }
    const permissions = Object.fromEntries(
      json.filter((c) => c.default_member_permissions).map((c) => [c.name, c.default_member_permissions]),
    );
    expect(permissions).toEqual({ import: "32", export: "32", audit: "32", budget: "8192", plan: "8192" });
    const numeric = json.flatMap((c) => [...allOptions(c.options)]).filter((o) => o.type === 4 || o.type === 10);
    expect(numeric.length).toBeGreaterThan(0);
    for (const o of numeric) {
      expect(o.min_value, o.name).toBeTypeOf("number");
      expect(o.max_value, o.name).toBeLessThanOrEqual(Number.MAX_SAFE_INTEGER);
    }
  });

  it("type each argument, with choices, autocomplete and localized names", () => {
    const customer = json.find((c) => c.name === "customer")!;
    expect(customer.name_localizations).toEqual({ "zh-CN": "客户" });
    const add = customer.options!.find((o) => o.name === "add") as any;
    const type = add.options.find((o: any) => o.name === "type");
    expect(type).toMatchObject({ type: 3, required: true, name_localizations: { "zh-CN": "类型" } });
    expect(type.choices[0]).toEqual({ name: "dealer", name_localizations: { "zh-CN": "经销商" }, value: "dealer" });
    const show = customer.options!.find((o) => o.name === "show") as any;
    expect(show.options[0]).toMatchObject({ name: "customer", type: 3, autocomplete: true, required: true });
    const visit = json.find((c) => c.name === "visit")!;
    const plan = visit.options!.find((o) => o.name === "plan") as any;
    expect(plan.type).toBe(2);
    expect(plan.options.map((o: any) => o.name)).toEqual(["set", "status"]);
    const imp = json.find((c) => c.name === "import")! as any;
    expect(imp.options.find((o: any) => o.name === "file").type).toBe(11);
    const role = json.find((c) => c.name === "crm")!.options!.find((o) => o.name === "role") as any;
    expect(role.options.find((o: any) => o.name === "platformrole").type).toBe(8);
  });
});

describe("npm run discord:register", () => {
  it("puts the generated commands for one server, through the REST API", async () => {
    const fake = await FakeDiscord.start();
    try {
      const { execFile } = await import("node:child_process");
      const env = {
        ...process.env,
        DISCORD_TOKEN,
        DISCORD_APPLICATION_ID: APPLICATION_ID,
        DISCORD_GUILD_ID: "1180000000000000100",
        DISCORD_API_URL: fake.api,
        LOG_LEVEL: "silent",
      };
      const out = await new Promise<string>((resolve, reject) =>
        execFile(
          process.execPath,
          [
            join(import.meta.dirname, "../node_modules/tsx/dist/cli.mjs"),
            join(import.meta.dirname, "../scripts/discord-register.ts"),
          ],
          { env },
          (err, stdout) => (err ? reject(err) : resolve(stdout)),
        ),
      );
      expect(out).toContain(`Registered ${discordCommands(commands).length} commands for server 1180000000000000100.`);
      const [put] = fake.callsTo(/PUT \/applications\/1180000000000000001\/guilds\/1180000000000000100\/commands/);
      expect(put!.body).toEqual(discordCommands(commands));
    } finally {
      await fake.close();
    }
  });
});

describe("Discord rendering", () => {
  const ids = (command: string) => `run:${command}`;

  it("renders a reply as one embed and a row of buttons, exactly", () => {
    const out = renderDiscord(
      reply(
        { type: "heading", text: "北京华达商贸（C0001）" },
        { type: "fields", fields: [{ label: "电话", value: "138" }] },
        { type: "list", title: "联系人", items: [{ title: "张总", detail: "决策人" }] },
        { type: "note", text: "说明" },
        { type: "buttons", buttons: [{ label: "查看", command: "/customer show C0001", style: "primary" }] },
      ),
      "…",
      ids,
    );
    expect(out).toEqual({
      embeds: [
        {
          color: 0x1f4e79,
          title: "北京华达商贸（C0001）",
          fields: [{ name: "电话", value: "138", inline: true }],
          description: "**联系人**\n• **张总**  决策人",
          footer: { text: "说明" },
        },
      ],
      components: [
        { type: 1, components: [{ type: 2, style: 1, label: "查看", custom_id: "run:/customer show C0001" }] },
      ],
    });
  });

  it("keeps within Discord's limits: 256 title, 4,096 description, 25 fields, 6,000 a message, 5 buttons a row", () => {
    const fields = Array.from({ length: 30 }, (_, i) => ({ label: `字段${i}`, value: String(i) }));
    const buttons = Array.from({ length: 7 }, (_, i) => ({ label: `按钮${i}`, command: `/x ${i}` }));
    const out = renderDiscord(
      reply({ type: "heading", text: "长".repeat(300) }, { type: "fields", fields }, { type: "buttons", buttons }),
      "…",
      ids,
    );
    expect(out.embeds[0]!.title!.length).toBe(256);
    expect(out.embeds.map((e) => e.fields?.length)).toEqual([25, 5]);
    expect(out.components.map((r) => r.components.length)).toEqual([5, 2]);
    const long = renderDiscord(
      reply({
        type: "text",
        text: Array.from({ length: 400 }, (_, i) => `第${i}行 ${"很长的说明".repeat(4)}`).join("\n"),
      }),
      "……内容太长",
      ids,
    );
    for (const e of long.embeds) expect(e.description!.length).toBeLessThanOrEqual(4096);
    const total = long.embeds.reduce((n, e) => n + (e.description?.length ?? 0) + (e.footer?.text.length ?? 0), 0);
    expect(total).toBeLessThanOrEqual(6000);
    expect(long.embeds.at(-1)!.footer).toEqual({ text: "……内容太长" });
  });
});

describe.each(testProviders())("Discord through discord.js's gateway and REST code on %s", (provider) => {
  let h: Harness;
  let fake: FakeDiscord;
  let bot: DiscordBot;
  let metrics: Metrics;

  const callbacks = () => fake.callsTo(/POST \/interactions\//);
  const edits = () => fake.callsTo(/PATCH \/webhooks\//);
  async function run(fixture: string, edit: (p: any) => void = () => {}) {
    const [before, editsBefore] = [callbacks().length, edits().length];
    deliver(fake, fixture, edit);
    const callback = await waitFor(() => callbacks()[before], `the callback of ${fixture}`);
    // Progress edits (content only) may come first; the answer is the edit with embeds.
    const answer =
      callback.body.type === 5
        ? await waitFor(
            () =>
              edits()
                .slice(editsBefore)
                .find((e) => e.body.embeds),
            `the answer of ${fixture}`,
          )
        : undefined;
    return { callback, answer };
  }
  const command = (name: string, options: any[], extra: (p: any) => void = () => {}) =>
    run("chat-input.json", (p) => {
      p.id = String(BigInt(p.id) + BigInt(Math.floor(Math.random() * 1e9)));
      p.data.name = name;
      p.data.options = options;
      extra(p);
    });
  const sub = (name: string, options: { name: string; value: unknown; type?: number }[] = []) => [
    { name, type: 1, options: options.map((o) => ({ type: 3, ...o })) },
  ];

  beforeAll(async () => {
    h = await Harness.open(provider);
    metrics = new Metrics(() => outboxBacklog(h.prisma));
    fake = await FakeDiscord.start();
    bot = createDiscordBot({
      options: {
        token: DISCORD_TOKEN,
        applicationId: APPLICATION_ID,
        apiUrl: fake.api,
        files: { origins: [fake.base], maxBytes: 1024 * 1024 },
      },
      inbound: h.inbound({ metrics }),
      logger: createLogger("silent"),
    });
    await bot.start();
  });
  afterAll(async () => {
    await bot.stop();
    await fake.close();
    await h.close();
  });

  it("defers a command at once, privately, then edits in the answer, as a user created from the member", async () => {
    const { callback, answer } = await command(
      "customer",
      sub("add", [
        { name: "name", value: "北京华达商贸" },
        { name: "type", value: "dealer" },
        { name: "phone", value: "13800138888" },
      ]),
    );
    expect(callback.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(answer!.body.embeds[0].description).toBe("已新增客户 北京华达商贸（编码 C0001）。");
    expect(answer!.body.components[0].components.map((c: any) => c.custom_id)).toEqual([
      "run:/customer show C0001",
      "run:/contact add C0001 ",
    ]);
    const user = await h.prisma.user.findFirstOrThrow({
      where: { externalId: "1180000000000000400" },
      include: { workspace: true },
    });
    expect(user).toMatchObject({
      name: "王伟",
      role: "admin",
      locale: "zh-CN",
      workspace: { platform: "discord", externalId: "1180000000000000100" },
    });
  });

  it("answers in the channel when public is set", async () => {
    const { callback } = await command("customer", [
      {
        name: "find",
        type: 1,
        options: [
          { name: "query", type: 3, value: "bjhd" },
          { name: "public", type: 5, value: true },
        ],
      },
    ]);
    expect(callback.body).toEqual({ type: 5, data: { flags: 0 } });
  });

  it("suggests customers by pinyin as the user types, and open complaints by id", async () => {
    const { callback } = await run("autocomplete.json");
    expect(callback.body).toEqual({ type: 8, data: { choices: [{ name: "北京华达商贸（C0001）", value: "C0001" }] } });
    await command(
      "complaint",
      sub("file", [
        { name: "customer", value: "C0001" },
        { name: "description", value: "质量 外箱破损" },
      ]),
    );
    const ids = await run("autocomplete.json", (p) => {
      p.id = "1180000000000001101";
      p.data.name = "complaint";
      p.data.options = [{ name: "validate", type: 1, options: [{ name: "id", type: 3, value: "TS", focused: true }] }];
    });
    expect(ids.callback.body.data.choices).toEqual([{ name: "TS-0001 北京华达商贸 外箱破损", value: "TS-0001" }]);
  });

  it("runs a pressed button's command as the member who pressed it", async () => {
    const { callback, answer } = await run("button.json");
    expect(callback.body).toEqual({ type: 5, data: { flags: 64 } });
    expect(answer!.body.embeds[0].title).toBe("北京华达商贸（C0001）");
  });

  it("times its acknowledgements and answers for the metrics, by platform and command", async () => {
    const scrape = async () => (await metrics.scrape()).body;
    const count = (text: string, pattern: RegExp) => Number(pattern.exec(text)?.[1] ?? 0);
    const acks = /^crm_ack_duration_seconds_count\{platform="discord"\} (\d+)$/m;
    const shows =
      /^crm_command_duration_seconds_count\{platform="discord",command="customer show",outcome="ok"\} (\d+)$/m;
    const before = await scrape();
    await run("button.json", (p) => (p.id = "1180000000000003001"));
    // The answer is edited in before it is counted: wait for the count rather than race it.
    const after = await waitFor(async () => {
      const text = await scrape();
      return count(text, shows) > count(before, shows) ? text : undefined;
    }, "the answer counted");
    expect(count(after, acks)).toBe(count(before, acks) + 1);
    expect(count(after, /^crm_ack_duration_seconds_bucket\{le="1",platform="discord"\} (\d+)$/m)).toBe(
      count(after, acks),
    );
  });

  it("opens the visit form for a bare /visit log and logs the visit it submits", async () => {
    const { callback } = await command("visit", sub("log"));
    expect(callback.body.type).toBe(9);
    expect(callback.body.data.custom_id).toBe("form:visit_log");
    expect(callback.body.data.components.map((r: any) => r.components[0].custom_id)).toEqual([
      "customer",
      "notes",
      "channel",
      "promise",
      "followUp",
    ]);
    const { answer } = await run("modal-submit.json");
    expect(answer!.body.embeds[0].title).toBe("已记录拜访：北京华达商贸");
    const visit = await h.prisma.visit.findFirstOrThrow({ include: { followUps: true } });
    expect(visit).toMatchObject({ channel: "phone", notes: "谈了新品，下周三再去" });
    expect(visit.followUps.map((f) => f.dueAt)).toEqual([new Date("2026-12-02T00:00:00+08:00")]);
  });

  it("imports a CSV attached to /import, and attaches a report's chart as a file", async () => {
    const csv = readFileSync(join(import.meta.dirname, "fixtures/csv/orders.csv"), "utf8")
      .replaceAll("HD001", "C0001")
      .replaceAll("BH002", "C0001");
    const url = fake.serveFile("/attachments/1/2/orders.csv", Buffer.from(csv));
    const { answer } = await command(
      "import",
      [
        { name: "kind", type: 3, value: "orders" },
        { name: "file", type: 11, value: "1180000000000007000" },
      ],
      (p) => {
        p.data.resolved = {
          attachments: {
            "1180000000000007000": {
              id: "1180000000000007000",
              filename: "orders.csv",
              size: csv.length,
              url,
              proxy_url: url,
              content_type: "text/csv",
            },
          },
        };
      },
    );
    expect(answer!.body.embeds[0].title).toBe("已导入进货记录：新增 4，更新 0，未变 0");
    expect(edits().some((e) => e.body.content === "已导入 4 / 4 行")).toBe(true);
    const report = await command("report", sub("customer", [{ name: "customer", value: "C0001" }]));
    expect(report.answer!.files).toEqual(["C0001-12m.png"]);
    const statement = await command("statement", [{ name: "customer", type: 3, value: "C0001" }]);
    expect(statement.answer!.body.embeds[0].title).toMatch(/对账单$/);
    expect(statement.answer!.files).toEqual(["对账单-C0001-2026-11-01.png", "对账单-C0001-2026-11-01.csv"]);
    const today = await command("today", []);
    expect(today.answer!.body.embeds[0].title).toMatch(/的今天 · 11月25日/);
  });

  it("maps a server role to the bot's manager role (admins), applied when a member with it acts", async () => {
    await command(
      "crm",
      sub("role", [
        { name: "platformrole", type: 8, value: "1180000000000000777" },
        { name: "role", value: "manager" },
      ]),
    );
    expect(await h.prisma.platformRoleMapping.findFirst()).toMatchObject({
      platformRoleId: "1180000000000000777",
      role: "manager",
    });
    await command("crm", sub("language", [{ name: "language", value: "en" }]), (p) => {
      p.member.user = { ...p.member.user, id: "1180000000000000401", username: "zhangmin", global_name: "张敏" };
      p.member.permissions = MEMBER_PERMISSIONS;
      p.member.nick = null;
      p.member.roles = ["1180000000000000777"];
      p.locale = "en-US";
    });
    expect(await h.prisma.user.findFirstOrThrow({ where: { externalId: "1180000000000000401" } })).toMatchObject({
      name: "张敏",
      role: "manager",
      locale: "en",
    });
    // The server role taken away takes the bot role with it, at the next command.
    const asZhang = (roles: string[]) =>
      command("followups", [], (p) => {
        p.member.user = { ...p.member.user, id: "1180000000000000401", username: "zhangmin", global_name: "张敏" };
        p.member.permissions = MEMBER_PERMISSIONS;
        p.member.roles = roles;
      });
    const roleOf = async () =>
      (await h.prisma.user.findFirstOrThrow({ where: { externalId: "1180000000000000401" } })).role;
    await asZhang([]);
    expect(await roleOf()).toBe("rep");
    await asZhang(["1180000000000000777"]);
    expect(await roleOf()).toBe("manager");
    // A role an admin set with /user set stands, whatever the server roles say.
    const admin = await h.prisma.user.findFirstOrThrow({ where: { externalId: "1180000000000000400" } });
    expect(await h.say(admin, "/user set 张敏 role:manager")).toContain("现在是经理");
    await asZhang([]);
    expect(await roleOf()).toBe("manager");
  });

  it("acknowledges within a second while an import holds the database, and answers once it is free", async () => {
    const hold = holdDatabase(h, 4_000);
    await hold.taken;
    const [before, editsBefore] = [callbacks().length, edits().length];
    const started = Date.now();
    // A member the bot has never met, with a server role: who they are and their role are database reads.
    deliver(fake, "chat-input.json", (p) => {
      p.id = "1180000000000002001";
      p.member.user = { ...p.member.user, id: "1180000000000000402", username: "liqiang", global_name: "李强" };
      p.member.permissions = MEMBER_PERMISSIONS;
      p.member.roles = ["1180000000000000777"];
    });
    deliver(fake, "button.json", (p) => (p.id = "1180000000000002002"));
    const acks = await waitFor(
      () => (callbacks().length >= before + 2 ? callbacks().slice(before) : undefined),
      "both acknowledgements",
    );
    expect(Date.now() - started).toBeLessThan(1_000);
    expect(acks.map((c) => c.body.type)).toEqual([5, 5]);
    let released = false;
    void hold.released.then(() => (released = true));
    // On SQLite reads go to a second connection while the hold writes: the button, a read by a
    // member already known, is answered meanwhile; the new member must be written down first. On
    // PostgreSQL the hold locks the users, so both wait.
    const readsAnswer = h.testDb.provider === "sqlite";
    if (readsAnswer) await waitFor(() => (edits().length > editsBefore ? true : undefined), "the button's answer");
    expect(released).toBe(false);
    expect(edits().length).toBe(editsBefore + (readsAnswer ? 1 : 0));
    // Suggestions cannot wait: Discord drops an autocomplete not answered within three seconds.
    deliver(fake, "autocomplete.json", (p) => (p.id = "1180000000000002005"));
    const suggested = await waitFor(
      () => callbacks().find((c) => c.path.includes("/1180000000000002005/")),
      "the suggestions",
      3_000,
    );
    expect(suggested.body).toEqual({
      type: 8,
      data: { choices: readsAnswer ? [{ name: "北京华达商贸（C0001）", value: "C0001" }] : [] },
    });
    expect(Date.now() - started).toBeLessThan(4_000);
    await hold.released;
    await waitFor(
      () =>
        edits()
          .slice(editsBefore)
          .filter((e) => e.body.embeds).length >= 2
          ? true
          : undefined,
      "the answers after the hold",
    );
  });

  it("answers every failure after the acknowledgement: a download that fails, a command or button it no longer knows, an expired token", async () => {
    const failed = await command(
      "import",
      [
        { name: "kind", type: 3, value: "orders" },
        { name: "file", type: 11, value: "1180000000000007001" },
      ],
      (p) => {
        const url = `${fake.base}/attachments/1/2/gone.csv`;
        p.data.resolved = {
          attachments: {
            "1180000000000007001": {
              id: "1180000000000007001",
              filename: "gone.csv",
              size: 10,
              url,
              proxy_url: url,
              content_type: "text/csv",
            },
          },
        };
      },
    );
    expect(failed.answer!.body.embeds[0].description).toMatch(/^处理时出错了.*错误编号 [0-9a-f]{8}/);

    const retired = await command("oldcommand", []);
    expect(retired.callback.body.type).toBe(5);
    expect(retired.answer!.body.embeds[0].description).toBe(
      "这个按钮或表单已失效（机器人可能已更新），请重新发送命令。",
    );
    const unknownButton = await run("button.json", (p) => {
      p.id = "1180000000000002003";
      p.data.custom_id = "something-else";
    });
    expect(unknownButton.answer!.body.embeds[0].description).toBe(
      "这个按钮或表单已失效（机器人可能已更新），请重新发送命令。",
    );

    // Fifteen minutes on, the interaction's token is no longer valid: the answer goes by DM.
    fake.queue(/PATCH \/webhooks\/\d+\/[^/]+\/messages\/@original/, {
      status: 401,
      body: { message: "Invalid Webhook Token", code: 50027 },
    });
    const dmsBefore = fake.callsTo(/POST \/channels\/1180000000000009000\/messages/).length;
    deliver(fake, "button.json", (p) => (p.id = "1180000000000002004"));
    const dm = await waitFor(
      () => fake.callsTo(/POST \/channels\/1180000000000009000\/messages/)[dmsBefore],
      "the answer by DM",
    );
    expect(dm.body.embeds[0].title).toBe("北京华达商贸（C0001）");
    expect(dm.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("shows what users typed as text: markdown escaped, links not made, nobody pinged", async () => {
    const { answer } = await command(
      "customer",
      sub("add", [
        { name: "name", value: "[点我](https://evil.example) **大** @everyone" },
        { name: "type", value: "dealer" },
      ]),
    );
    expect(answer!.body.embeds[0].description).toMatch(
      /^已新增客户 \\\[点我\]\(https:\/\/evil\.example\) \\\*\\\*大\\\*\\\* @everyone/,
    );
    expect(answer!.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("posts alerts to a member's DMs through the outbox, edits them in place, and honours Discord's rate limits", async () => {
    const port = discordOutboundPort(bot.client.rest);
    const send = () =>
      dispatchOutbox({ prisma: h.prisma, ports: { discord: port }, now: () => h.now, logger: createLogger("silent") });
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    await command(
      "customer",
      sub("edit", [
        { name: "customer", value: "C0001" },
        { name: "creditlimit", value: "1000" },
      ]),
    );
    fake.queue(/POST \/channels\/\d+\/messages/, {
      status: 429,
      body: { message: "You are being rate limited.", retry_after: 0.05, global: false },
      headers: { "retry-after": "0.05", "x-ratelimit-scope": "user" },
    });
    // Discord down: the REST client's own retries fail too, and the message waits in the outbox.
    for (let i = 0; i < 4; i++)
      fake.queue(/POST \/users\/@me\/channels/, { status: 502, body: { message: "Bad Gateway", code: 0 } });
    expect(await send()).toBe(0);
    h.now = new Date(h.now.getTime() + 60_000);
    expect(await send()).toBe(1);
    const posts = fake
      .callsTo(/POST \/channels\/1180000000000009000\/messages/)
      .filter((p) => p.body.embeds[0].title?.startsWith("YJ-"));
    expect(posts.map((p) => p.body.embeds[0].title)).toEqual([
      expect.stringMatching(/YJ-\d{4} · 外欠款超额度 · 北京华达商贸（C0001）/),
      expect.stringMatching(/外欠款超额度/),
    ]);
    const alert = await h.prisma.alert.findFirstOrThrow({ where: { rule: "receivables" } });
    await command("alert", sub("ack", [{ name: "id", value: String(alert.number) }]));
    await send();
    const [update] = fake.callsTo(/PATCH \/channels\/1180000000000009000\/messages\/\d+/);
    expect(JSON.stringify(update!.body)).toContain("已确认");
    expect(update!.body.allowed_mentions).toEqual({ parse: [] });
  });

  it("posts a message once when Discord's answer is lost, and holds a channel it may not post in until it may", async () => {
    const port = discordOutboundPort(bot.client.rest);
    const send = () =>
      dispatchOutbox({ prisma: h.prisma, ports: { discord: port }, now: () => h.now, logger: createLogger("silent") });
    await h.prisma.outboxMessage.updateMany({ data: { status: "sent" } });
    const workspace = await h.prisma.workspace.findFirstOrThrow({ where: { platform: "discord" } });
    const queue = (channelId: string, count: number) =>
      scopeToWorkspace(h.prisma, workspace.id).$transaction((tx) =>
        enqueueMany(
          tx,
          repositoriesOf(h.prisma).bulk,
          workspace.id,
          Array.from({ length: count }, (_, i) => ({
            dedupeKey: `nonce:${channelId}:${i}`,
            kind: "digest" as const,
            recipients: [{ kind: "channel" as const, channelId }],
            at: h.now,
            view: { view: "morningFollowUps", items: [], more: i } satisfies NotificationView,
          })),
        ),
      );
    await queue("1180000000000000200", 1);
    await queue("1180000000000008003", 2);
    // Discord takes the post and the connection drops before its answer; the channel refuses the bot.
    fake.dropAnswer(/POST \/channels\/1180000000000000200\/messages$/);
    fake.queue(/POST \/channels\/1180000000000008003\/messages$/, {
      status: 403,
      body: { message: "Missing Permissions", code: 50013 },
    });
    await send();
    h.now = new Date(h.now.getTime() + 60_000);
    await send();
    const posts = fake.callsTo(/POST \/channels\/1180000000000000200\/messages$/);
    expect(posts.length).toBeGreaterThan(1);
    expect(new Set(posts.map((p) => p.body.nonce)).size).toBe(1);
    expect(posts.every((p) => p.body.enforce_nonce === true)).toBe(true);
    expect(fake.created.filter((m) => m.channel_id === "1180000000000000200")).toHaveLength(1);
    const [delivered] = await h.prisma.outboxMessage.findMany({ where: { target: "channel:1180000000000000200" } });
    expect(delivered).toMatchObject({ status: "sent" });

    const held = await h.prisma.outboxMessage.findMany({ where: { target: "channel:1180000000000008003" } });
    expect(held.map((m) => [m.status, m.attempts, m.lastError])).toEqual(Array(2).fill(["waiting", 0, "noPermission"]));
    const notice = fake
      .callsTo(/POST \/channels\/1180000000000009000\/messages$/)
      .find((p) => p.body.embeds?.[0]?.title?.includes("1180000000000008003"));
    expect(notice!.body.embeds[0].title).toBe("⚠️ 消息发不进频道 1180000000000008003");
    expect(JSON.stringify(notice!.body)).toContain("给机器人的身份组开启“查看频道”和“发送消息”");
  });

  it("tells whether the bot can see and post in a channel an alert route names", async () => {
    const port = discordOutboundPort(bot.client.rest);
    fake.queue(/GET \/channels\/1180000000000008001$/, {
      status: 404,
      body: { message: "Unknown Channel", code: 10003 },
    });
    fake.queue(/GET \/channels\/1180000000000008002$/, {
      status: 403,
      body: { message: "Missing Access", code: 50001 },
    });
    expect(await port.checkChannel!("1180000000000008001", "1180000000000000100")).toBe("notVisible");
    expect(await port.checkChannel!("1180000000000008002", "1180000000000000100")).toBe("noPermission");
    expect(await port.checkChannel!("1180000000000000200", "1180000000000000100")).toBe("ok");
  });

  it("keeps a long button's command under a random key that works only in the server it was shown in", async () => {
    const workspace = await h.prisma.workspace.findFirstOrThrow({ where: { platform: "discord" } });
    const wang = await h.prisma.user.findFirstOrThrow({ where: { externalId: "1180000000000000400" } });
    const name = `${"四川成都锦江区春熙路步行街".repeat(6)}旗舰店`;
    await h.say(wang, `/customer add "${name}" type:retailer code:LONG1`);
    for (let i = 0; i < 11; i++)
      expect(
        await h.say(wang, `/visit log LONG1 电话 第${i + 1}次回访 date:2026-11-${String(i + 1).padStart(2, "0")}`),
      ).toContain("已记录拜访");
    const { answer } = await command("visit", sub("list", [{ name: "customer", value: name }]));
    const next = answer!.body.components.flatMap((row: any) => row.components).find((c: any) => c.label === "下一页");
    expect(next.custom_id).toMatch(/^ref:[\w-]{12}$/);
    const page2 = await run("button.json", (p) => (p.data.custom_id = next.custom_id));
    expect(JSON.stringify(page2.answer!.body.embeds)).toContain("第 2/2 页");
    // The same id pressed in another server runs nothing.
    const elsewhere = await run("button.json", (p) => {
      p.data.custom_id = next.custom_id;
      p.guild_id = "1180000000000000999";
      p.channel_id = "1180000000000000998";
      p.id = String(BigInt(p.id) + 7n);
    });
    expect(elsewhere.answer!.body.embeds[0].description).toBe(
      "这个按钮或表单已失效（机器人可能已更新），请重新发送命令。",
    );
    expect(workspace.id).toBe(wang.workspaceId);
  });

  it("runs a button pressed in a DM on the workspace that sent it, and never makes a workspace of a DM", async () => {
    const workspace = await h.prisma.workspace.findFirstOrThrow({ where: { platform: "discord" } });
    const alert = await h.prisma.alert.findFirstOrThrow({ where: { rule: "receivables" } });
    const [post] = fake
      .callsTo(/POST \/channels\/1180000000000009000\/messages/)
      .filter((c) => c.body.embeds?.[0]?.title?.startsWith("YJ-"));
    const ids = post!.body.components.flatMap((r: any) => r.components.map((c: any) => c.custom_id));
    expect(ids.every((id: string) => id.startsWith(`in:${workspace.id}:/alert `))).toBe(true);
    const inDm = (p: any, userId: string, customId: string) => {
      p.id = String(1180000000000003000n + BigInt(Math.floor(Math.random() * 1e6)));
      for (const key of ["guild", "guild_id", "guild_locale", "member"]) delete p[key];
      p.user = {
        avatar: null,
        discriminator: "0",
        global_name: null,
        id: userId,
        public_flags: 0,
        username: `u${userId.slice(-3)}`,
      };
      p.channel = { id: "1180000000000009000", type: 1, flags: 0, last_message_id: null, recipients: [p.user] };
      p.channel_id = "1180000000000009000";
      p.context = 1;
      p.data.custom_id = customId;
    };
    const workspaces = await h.prisma.workspace.count();
    const assignMe = ids.find((id: string) => id.includes("/alert assign"))!;
    const pressed = await run("button.json", (p) => inDm(p, "1180000000000000400", assignMe));
    expect(pressed.answer!.body.embeds[0].description).toMatch(/^预警 YJ-\d{4} 已指派给 王伟。/);
    const presser = await h.prisma.user.findFirstOrThrow({
      where: { workspaceId: workspace.id, externalId: "1180000000000000400" },
    });
    expect((await h.prisma.alert.findUniqueOrThrow({ where: { id: alert.id } })).assigneeId).toBe(presser.id);
    const stranger = await run("button.json", (p) => inDm(p, "1180000000000000999", assignMe));
    expect(stranger.answer!.body.embeds[0].description).toBe(
      "你不在发出这条消息的团队里，无法操作。请在团队的服务器里发送命令。",
    );
    expect(await h.prisma.workspace.count()).toBe(workspaces);
    expect(await h.prisma.user.count({ where: { externalId: "1180000000000000999" } })).toBe(0);
  });
});
