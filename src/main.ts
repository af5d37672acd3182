import { parseArgs } from "node:util";
import { createApp, CONSOLE_WORKSPACE, type App } from "./application/app.js";
import { ConfigError, loadConfig, type Config } from "./config.js";
import { ROLES, type Role } from "./core/roles.js";
import { ensureUser, ensureWorkspace } from "./domain/workspaces.js";
import { normalizeLocale, translator } from "./i18n/index.js";
import { createLogger, type Logger } from "./logger.js";
import { createDiscordBot } from "./platforms/discord/app.js";
import { discordOutboundPort } from "./platforms/discord/outbound.js";
import { Sealer } from "./application/sealer.js";
import { anyRoute, startOperatorServer } from "./application/operator-endpoints.js";
import { SlackInstallations } from "./application/slack-installations.js";
import { createSlackBot } from "./platforms/slack/app.js";
import { slackOutboundPort } from "./platforms/slack/outbound.js";
import { runConsole } from "./platforms/console/adapter.js";
import { consoleOutboundPort } from "./platforms/console/outbound.js";

function consoleFlags() {
  const { values } = parseArgs({
    options: { user: { type: "string" }, role: { type: "string" }, locale: { type: "string" } },
    strict: true,
  });
  if (values.role && !ROLES.includes(values.role as Role))
    throw new ConfigError(`--role must be one of ${ROLES.join(", ")}`);
  if (values.locale && !normalizeLocale(values.locale)) throw new ConfigError("--locale must be zh-CN or en");
  return values;
}

/** The console: anyone can talk to the bot in a terminal, no tokens needed. */
async function runConsoleBot(app: App, config: Config, logger: Logger): Promise<void> {
  const flags = consoleFlags();
  const workspace = await ensureWorkspace(app.db.prisma, CONSOLE_WORKSPACE, config);
  const name = flags.user ?? config.console.user;
  const locale = normalizeLocale(flags.locale) ?? config.console.locale;
  const before = await app.db.prisma.user.findFirst({
    where: { workspaceId: workspace.id, externalId: `console:${name}` },
    select: { locale: true },
  });
  const user = await ensureUser(
    app.db.prisma,
    workspace.id,
    { externalId: `console:${name}`, name, locale },
    { role: (flags.role as Role | undefined) ?? config.console.role },
  );
  const t = translator(user.locale ?? workspace.locale);
  const unclaimed = user.role !== "admin" && (await app.announceAdminClaim(["console"]));
  // The language chosen at start is the user's from now on, as /crm language would make it: said, not silent.
  const languageChanged = locale !== undefined && before?.locale !== locale;
  const notices = [
    languageChanged ? t("console.languageKept", { language: t(`vocab.language.${locale}`) }) : undefined,
    unclaimed ? t("crm.claim.banner", { code: app.adminClaim.code }) : undefined,
  ].filter(Boolean);

  app.ports.console = consoleOutboundPort(process.stdout);
  const stopBackground = app.startBackground();
  await runConsole({
    inbound: app.inbound,
    who: {
      place: { workspace: CONSOLE_WORKSPACE },
      user: { externalId: `console:${name}`, profile: async () => ({ name, locale }) },
    },
    input: process.stdin,
    output: process.stdout,
    banner: t("console.banner", { name: user.name, role: t(`vocab.role.${user.role}`) }),
    notice: notices.length > 0 ? notices.join("\n") : undefined,
    filesDir: config.console.filesDir,
    // Notifications a command caused (an approval request, an escalation) print right after its reply.
    afterCommand: () => app.deliver().catch((err: unknown) => logger.error({ err }, "delivering notifications failed")),
  });
  await stopBackground();
}

/** The chat platforms whose tokens are set, in one process, until SIGINT or SIGTERM. */
async function runChatBots(app: App, config: Config, logger: Logger): Promise<void> {
  const bots: { stop(): Promise<void> }[] = [];
  // Feishu first: in HTTP mode its route shares the port with Slack's, when Slack serves HTTP too.
  const feishu = config.feishu && (await startFeishu(app, config, logger));
  const slackServesHttp = Boolean(config.slack && !config.slack.appToken);
  if (feishu?.route && !slackServesHttp) {
    const server = await startOperatorServer(
      config.feishu!.http!.port,
      anyRoute(feishu.route, app.operatorRoutes),
      logger,
    );
    bots.push(server);
  }
  if (feishu) bots.push(feishu);
  if (config.dingtalk) bots.push(await startDingTalk(app, config, logger));
  if (config.slack) {
    // Many workspaces: each installs through OAuth, and its tokens are sealed in the database.
    const installations = config.slack.oauth
      ? new SlackInstallations(app.db.prisma, new Sealer(config.secretKey!), config)
      : undefined;
    const slack = createSlackBot({
      options: {
        ...config.slack,
        oauth: config.slack.oauth && installations && { ...config.slack.oauth, installations },
        otherRoutes: feishu?.route ? anyRoute(feishu.route, app.operatorRoutes) : app.operatorRoutes,
      },
      inbound: app.inbound,
      logger,
    });
    app.ports.slack = slackOutboundPort({
      apiUrl: config.slack.apiUrl,
      botToken: installations ? (teamId) => installations.botTokenOf(teamId) : config.slack.botToken!,
    });
    await slack.start();
    bots.push(slack);
  }
  if (config.discord) {
    const discord = createDiscordBot({ options: config.discord, inbound: app.inbound, logger });
    app.ports.discord = discordOutboundPort(discord.client.rest);
    await discord.start();
    bots.push(discord);
  }
  // Discord vouches for its server managers (Feishu for the app's owner, DingTalk for organisation
  // admins, when they say so); a workspace without an admin is claimed with the code.
  const claimed = [
    ...(config.slack && !config.slack.oauth ? (["slack"] as const) : []),
    ...(config.feishu ? (["feishu"] as const) : []),
    ...(config.dingtalk ? (["dingtalk"] as const) : []),
  ];
  if (claimed.length > 0) await app.announceAdminClaim(claimed);
  const stopBackground = app.startBackground();
  await new Promise<void>((resolve) => {
    process.once("SIGINT", resolve);
    process.once("SIGTERM", resolve);
  });
  logger.info("stopping");
  for (const bot of bots) await bot.stop();
  // Nothing may touch the database once it closes: commands received and jobs running finish first.
  await app.inbound.drain();
  await stopBackground();
}

/** Feishu's SDK is large: it is loaded only when Feishu is configured. */
async function startFeishu(app: App, config: Config, logger: Logger) {
  const { createFeishuBot } = await import("./platforms/feishu/bot.js");
  const { feishuOutboundPort } = await import("./platforms/feishu/outbound.js");
  const feishu = createFeishuBot({
    options: { ...config.feishu!, maxFileBytes: config.limits.uploadBytes },
    inbound: app.inbound,
    logger,
  });
  app.ports.feishu = feishuOutboundPort(feishu.api);
  await feishu.start();
  return feishu;
}

/** DingTalk's Stream client, loaded, like Feishu's SDK, only when the platform is configured. */
async function startDingTalk(app: App, config: Config, logger: Logger) {
  const { createDingTalkBot } = await import("./platforms/dingtalk/bot.js");
  const { dingtalkOutboundPort } = await import("./platforms/dingtalk/outbound.js");
  const dingtalk = createDingTalkBot({
    options: { ...config.dingtalk!, maxFileBytes: config.limits.uploadBytes },
    inbound: app.inbound,
    logger,
  });
  app.ports.dingtalk = dingtalkOutboundPort(dingtalk.api);
  await dingtalk.start();
  return dingtalk;
}

async function main(): Promise<void> {
  const config = loadConfig(process.env);
  const logger = createLogger(config.logLevel);
  const app = await createApp(config, logger);
  const operator =
    config.metricsPort === undefined
      ? undefined
      : await startOperatorServer(config.metricsPort, app.operatorRoutes, logger);
  try {
    if (config.slack || config.discord || config.feishu || config.dingtalk) await runChatBots(app, config, logger);
    else await runConsoleBot(app, config, logger);
  } finally {
    await operator?.stop();
    await app.db.close();
  }
}

/**
 * Why the bot could not start, in one line, for the failures an operator meets and can fix: a full
 * disk, a database path that cannot be created or written, a database server that does not answer.
 */
function startupFailure(error: unknown): string | undefined {
  const text = `${(error as Error)?.message ?? ""} ${(error as { code?: string })?.code ?? ""}`;
  const url = process.env.DATABASE_URL ?? "file:./data/crm.db";
  if (/SQLITE_FULL|ENOSPC|disk is full|No space left/i.test(text))
    return `Cannot start: the disk holding the database (${url}) is full. Free some space and start again.`;
  if (
    /EACCES|EPERM|EROFS|ENOTDIR|EEXIST|SQLITE_CANTOPEN|SQLITE_READONLY|unable to open database|readonly database/i.test(
      text,
    )
  )
    return `Cannot start: the database path (${url}) cannot be created or written. Check DATABASE_URL and the folder's permissions.`;
  if (/ECONNREFUSED|ENOTFOUND|ETIMEDOUT|P1001/i.test(text))
    return `Cannot start: the database server (${url.replace(/\/\/[^@/]*@/, "//…@")}) does not answer. Check that it runs and DATABASE_URL.`;
  return undefined;
}

main().catch((error: unknown) => {
  if (
    error instanceof ConfigError ||
    (error instanceof TypeError && (error as { code?: string }).code?.startsWith("ERR_PARSE_ARGS"))
  ) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(`${startupFailure(error) ?? (error as Error)?.stack ?? String(error)}\n`);
  }
  process.exit(1);
});
