import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, HTTPReceiver, LogLevel, type Logger as BoltLogger, type RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Attachment } from "../../core/command.js";
import { commandLine } from "../../core/bind.js";
import type { Reply } from "../../core/reply.js";
import type { Caller, Router } from "../../core/router.js";
import { insertedFirst } from "../../db/claim.js";
import type { PrismaClient } from "../../db/client.js";
import { normalizeLocale } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { downloadAttachment } from "../download.js";
import type { PlatformIdentities } from "../identity.js";
import { callerTranslator, truncationNote } from "../locale.js";
import { commandModal, FORM_CALLBACK_PREFIX, submittedArgs } from "./forms.js";
import { renderSlack, RUN_ACTION_PREFIX } from "./render.js";

export interface SlackOptions {
  botToken: string;
  /** With an app-level token the bot connects over Socket Mode; without, it serves HTTP. */
  appToken?: string | undefined;
  signingSecret?: string | undefined;
  port: number;
  /** The Web API's base URL, for Slack-compatible test servers and enterprise proxies. */
  apiUrl?: string | undefined;
}

/** Words that make a reply visible to the whole channel: `/customer show 华达 public`. */
const PUBLIC_WORDS = new Set(["public", "公开"]);
/** Progress updates a long command may post through the response URL (Slack allows five uses). */
const MAX_PROGRESS_UPDATES = 2;

/** Bolt logs through ours, at warnings and above. */
function boltLogger(logger: Logger): BoltLogger {
  const child = logger.child({ platform: "slack" });
  return {
    debug: (...msg) => child.debug(msg.join(" ")),
    info: (...msg) => child.info(msg.join(" ")),
    warn: (...msg) => child.warn(msg.join(" ")),
    error: (...msg) => child.error(msg.join(" ")),
    setLevel: () => {},
    getLevel: () => LogLevel.WARN,
    setName: () => {},
  };
}

/** Splits the public flag off a command's text. */
export function visibilityOf(text: string): { text: string; public: boolean } {
  const words = text.trim().split(/\s+/);
  const flagged = words.filter((w) => PUBLIC_WORDS.has(w.toLowerCase()));
  return { text: words.filter((w) => !PUBLIC_WORDS.has(w.toLowerCase())).join(" "), public: flagged.length > 0 };
}

export interface SlackBot {
  app: App;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The port the HTTP receiver listens on (HTTP mode only). */
  port(): number | undefined;
}

/**
 * The Slack platform: every slash command, button, modal and DM goes through the same router as
 * the console. Slash commands are acknowledged at once and answered through their response URL
 * (private unless `public` is given), so long work never runs into Slack's three seconds.
 */
export function createSlackBot(deps: { options: SlackOptions; router: Router; prisma: PrismaClient; identities: PlatformIdentities; logger: Logger }): SlackBot {
  const { options, router, prisma, identities, logger } = deps;
  const clientOptions = options.apiUrl ? { slackApiUrl: options.apiUrl } : {};
  const receiver = options.appToken
    ? undefined
    : new HTTPReceiver({ signingSecret: options.signingSecret ?? "", endpoints: "/slack/events", logger: boltLogger(logger) });
  const app = options.appToken
    ? new App({ token: options.botToken, appToken: options.appToken, socketMode: true, clientOptions, logger: boltLogger(logger) })
    : new App({ token: options.botToken, receiver: receiver!, clientOptions, logger: boltLogger(logger) });
  let server: Server | undefined;

  const callerOf = (team: { id: string; domain?: string | undefined }, userId: string, client: WebClient) =>
    identities.caller({ platform: "slack", externalId: team.id, name: team.domain ?? team.id }, userId, async () => {
      try {
        const info = await client.users.info({ user: userId, include_locale: true });
        const name = info.user?.profile?.display_name || info.user?.real_name || info.user?.name || userId;
        return { name, locale: normalizeLocale(info.user?.locale) };
      } catch (err) {
        logger.warn({ err, userId }, "users.info failed; using the Slack id as the name");
        return { name: userId };
      }
    });

  const translate = (caller: Caller) => callerTranslator(prisma, caller);

  /** Charts and exports go to the user's direct messages: a response URL cannot carry files. */
  const uploadFiles = async (client: WebClient, slackUserId: string, reply: Reply) => {
    if (!reply.files?.length) return;
    const dm = await client.conversations.open({ users: slackUserId });
    for (const file of reply.files) {
      await client.filesUploadV2({ channel_id: dm.channel!.id!, file: Buffer.from(file.data), filename: file.name, title: file.title ?? file.name });
    }
  };

  const answer = async (args: { caller: Caller; text: string; respond: RespondFn; client: WebClient; slackUserId: string; attachments?: Attachment[] }) => {
    const { text, public: isPublic } = visibilityOf(args.text);
    let updates = 0;
    const progress = (line: string) => {
      if (updates++ < MAX_PROGRESS_UPDATES) void args.respond({ response_type: "ephemeral", text: line }).catch(() => {});
    };
    const reply = await router.run({ ...args.caller, progress, attachments: args.attachments ?? [] }, text);
    const rendered = renderSlack(reply, truncationNote(reply));
    await args.respond({ response_type: isPublic && reply.tone === "ok" ? "in_channel" : "ephemeral", ...rendered });
    await uploadFiles(args.client, args.slackUserId, reply);
  };

  /** Opens a command's form when it has one and was started bare. */
  const openForm = async (client: WebClient, caller: Caller, triggerId: string, line: string, channelId?: string) => {
    const found = router.find(line);
    if (!found?.bare || !found.definition.form) return false;
    const t = await translate(caller);
    await client.views.open({ trigger_id: triggerId, view: commandModal(t, found.definition, { channel: channelId ?? "" }) });
    return true;
  };

  const groups = [...new Set(router.commands.map((c) => c.path[0]))];
  for (const group of groups) {
    app.command(`/${group}`, async ({ command, ack, respond, client }) => {
      await ack();
      const caller = await callerOf({ id: command.team_id, domain: command.team_domain }, command.user_id, client);
      const line = `/${group} ${command.text}`.trim();
      if (await openForm(client, caller, command.trigger_id, line, command.channel_id)) return;
      await answer({ caller, text: line, respond, client, slackUserId: command.user_id });
    });
  }

  // A button runs its command line as the user who pressed it.
  app.action(new RegExp(`^${RUN_ACTION_PREFIX}`), async ({ action, body, ack, respond, client }) => {
    await ack();
    if (action.type !== "button" || !action.value || !body.team) return;
    const caller = await callerOf(body.team, body.user.id, client);
    await answer({ caller, text: action.value, respond, client, slackUserId: body.user.id });
  });

  // Global shortcuts open a command's form directly (callback id form:<command key>).
  app.shortcut(new RegExp(`^${FORM_CALLBACK_PREFIX}`), async ({ shortcut, ack, client }) => {
    await ack();
    const definition = router.byKey(shortcut.callback_id.slice(FORM_CALLBACK_PREFIX.length));
    if (!definition || !shortcut.team) return;
    const caller = await callerOf(shortcut.team, shortcut.user.id, client);
    await client.views.open({ trigger_id: shortcut.trigger_id, view: commandModal(await translate(caller), definition, {}) });
  });

  // A form submitted: refused values are shown on their fields and the form stays open.
  app.view(new RegExp(`^${FORM_CALLBACK_PREFIX}`), async ({ view, body, ack, client }) => {
    const definition = router.byKey(view.callback_id.slice(FORM_CALLBACK_PREFIX.length));
    if (!definition || !body.team) return void (await ack());
    const caller = await callerOf(body.team, body.user.id, client);
    const reply = await router.run(caller, commandLine(definition, submittedArgs(view.state.values)));
    if (reply.tone === "error") {
      const field = reply.invalidArg && definition.form?.includes(reply.invalidArg) ? reply.invalidArg : definition.form![0]!;
      const message = reply.blocks.map((b) => ("text" in b ? b.text : "")).find(Boolean) ?? "";
      return void (await ack({ response_action: "errors", errors: { [field]: message.slice(0, 300) } }));
    }
    await ack();
    const rendered = renderSlack(reply, truncationNote(reply));
    const channel = (JSON.parse(view.private_metadata || "{}") as { channel?: string }).channel;
    if (channel) await client.chat.postEphemeral({ channel, user: body.user.id, ...rendered });
    else await client.chat.postMessage({ channel: body.user.id, ...rendered });
  });

  // Direct messages: a command line typed without the slash, or a CSV file sent with `import <kind>`.
  app.event("message", async ({ event, body, client, say }) => {
    const message = event as { channel_type?: string; subtype?: string; user?: string; text?: string; bot_id?: string; files?: { name: string; url_private_download?: string }[] };
    if (message.channel_type !== "im" || message.bot_id || !message.user || (message.subtype && message.subtype !== "file_share")) return;
    const team = { id: (body as { team_id: string }).team_id };
    const caller = await callerOf(team, message.user, client);
    // Slack retries an event it thinks went unanswered; each is handled once, however often it comes.
    const eventId = (body as { event_id: string }).event_id;
    if (!(await insertedFirst(() => prisma.processedEvent.create({ data: { workspaceId: caller.workspaceId, key: `slack:${eventId}` } })))) return;
    const attachments = await Promise.all((message.files ?? []).filter((f) => f.url_private_download).map((f) => downloadAttachment(f.url_private_download!, f.name, { Authorization: `Bearer ${options.botToken}` })));
    const text = (message.text ?? "").trim().replace(/^(?![/／])/, "/");
    const reply = await router.run({ ...caller, attachments }, text);
    await say(renderSlack(reply, truncationNote(reply)));
    await uploadFiles(client, message.user, reply);
  });

  app.error(async (error) => {
    logger.error({ err: error }, "slack handler failed");
  });

  return {
    app,
    async start() {
      const started = await app.start(options.port);
      server = (started as Server | undefined) ?? undefined;
      logger.info({ mode: options.appToken ? "socket" : "http", port: options.appToken ? undefined : this.port() }, "slack connected");
    },
    async stop() {
      await app.stop();
    },
    port: () => ((server?.address() as AddressInfo | null)?.port ?? undefined),
  };
}
