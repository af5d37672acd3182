import type { Server } from "node:http";
import type { AddressInfo } from "node:net";
import { App, type InstallationStore, LogLevel, type Logger as BoltLogger } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import { commandLine } from "../../core/bind.js";
import type { AnyCommand } from "../../application/command.js";
import type { InboundEvent, PlatformUser } from "../../application/inbound/event.js";
import type { Inbound } from "../../application/inbound/handle.js";
import type { OperatorRoutes } from "../../application/operator-endpoints.js";
import { normalizeLocale, translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { downloadAttachment, type FileSource, SLACK_FILES } from "../download.js";
import { fieldError } from "../chat-input.js";
import { channelAnswerer, directAnswerer, respondAnswerer } from "./answer.js";
import { commandModal, FORM_CALLBACK_PREFIX, submittedArgs } from "./forms.js";
import { HOME_COMMAND, HomeTabs, homeAnswerer } from "./home.js";
import { SLACK_BOT_SCOPES } from "./manifest.js";
import { slackHttpReceiver } from "./receiver.js";
import { RUN_ACTION_PREFIX } from "./render.js";

export interface SlackOptions {
  /** One workspace's bot token; without it, `oauth` serves many workspaces, each with its own. */
  botToken?: string | undefined;
  oauth?: {
    clientId: string;
    clientSecret: string;
    stateSecret: string;
    installations: InstallationStore & {
      /** Who installed the bot for this team (or organisation): the admin Slack vouches for. */
      installerOf(teamId: string | undefined, enterpriseId: string | undefined): Promise<string | undefined>;
    };
  };
  /** With an app-level token the bot connects over Socket Mode; without, it serves HTTP. */
  appToken?: string | undefined;
  signingSecret?: string | undefined;
  port: number;
  /** The Web API's base URL, for Slack-compatible test servers and enterprise proxies. */
  apiUrl?: string | undefined;
  /** Where files sent to the bot may come from, and how large; Slack's own host unless set. */
  files?: FileSource;
  /** Other paths the HTTP port serves (the operator's `/healthz` and `/metrics`), in HTTP mode. */
  otherRoutes?: OperatorRoutes;
}

/** What users.info says of a person, as far as the bot reads it. */
interface SlackPerson {
  name?: string;
  real_name?: string;
  locale?: string;
  team_id?: string;
  is_restricted?: boolean;
  is_ultra_restricted?: boolean;
  is_stranger?: boolean;
  profile?: { display_name?: string };
}
/** How long a person's standing (guest or member) is trusted before Slack is asked again. */
const PERSON_TTL_MS = 5 * 60_000;
const MAX_PEOPLE_KEPT = 10_000;

/** The longest a form's error may be on its field (Slack cuts longer ones off). */
const MAX_FIELD_ERROR = 300;

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

export interface SlackBot {
  app: App;
  start(): Promise<void>;
  stop(): Promise<void>;
  /** The port the HTTP receiver listens on (HTTP mode only). */
  port(): number | undefined;
}

/**
 * The Slack receiver: it verifies each request (Bolt, with the ±5 minute window), acknowledges it
 * before any database work, and hands one neutral event to the application; forms and shortcuts
 * open at once, since their trigger expires in three seconds.
 */
export function createSlackBot(deps: { options: SlackOptions; inbound: Inbound; logger: Logger }): SlackBot {
  const { options, inbound, logger } = deps;
  // The workspace's bot token goes with file downloads, to Slack's file host and nowhere else.
  const fileSource = (botToken: string | undefined): FileSource => ({
    ...(options.files ?? SLACK_FILES),
    headers: { Authorization: `Bearer ${botToken ?? options.botToken}` },
  });
  const router = inbound.router;
  const clientOptions = options.apiUrl ? { slackApiUrl: options.apiUrl } : {};
  const app = options.appToken
    ? new App({
        token: options.botToken,
        appToken: options.appToken,
        socketMode: true,
        clientOptions,
        logger: boltLogger(logger),
      })
    : new App({
        ...(options.oauth ? {} : { token: options.botToken }),
        receiver: slackHttpReceiver(
          options.signingSecret ?? "",
          boltLogger(logger),
          options.oauth && {
            clientId: options.oauth.clientId,
            clientSecret: options.oauth.clientSecret,
            stateSecret: options.oauth.stateSecret,
            scopes: [...SLACK_BOT_SCOPES],
            installationStore: options.oauth.installations,
            clientOptions,
          },
          options.otherRoutes,
        ),
        clientOptions,
        logger: boltLogger(logger),
      });
  let server: Server | undefined;

  /** A Slack member: their profile is asked for only when the bot meets them the first time. */
  /** users.info per user, kept a few minutes: asked at every command for the user's standing. */
  const people = new Map<string, { at: number; info: Promise<SlackPerson | undefined> }>();
  const personOf = (userId: string, client: WebClient): Promise<SlackPerson | undefined> => {
    const known = people.get(userId);
    if (known && Date.now() - known.at < PERSON_TTL_MS) return known.info;
    if (people.size >= MAX_PEOPLE_KEPT) people.clear();
    const info = client.users
      .info({ user: userId, include_locale: true })
      .then((answer) => answer.user as SlackPerson | undefined)
      .catch((err: unknown) => {
        logger.warn({ err, userId }, "users.info failed");
        people.delete(userId);
        return undefined;
      });
    people.set(userId, { at: Date.now(), info });
    return info;
  };
  const userOf = (
    userId: string,
    client: WebClient,
    workspace: { teamId?: string; enterpriseId?: string },
  ): PlatformUser => ({
    externalId: userId,
    profile: async () => {
      const person = await personOf(userId, client);
      const name = person?.profile?.display_name || person?.real_name || person?.name || userId;
      return { name, locale: normalizeLocale(person?.locale) };
    },
    standing: async () => {
      const person = await personOf(userId, client);
      // Slack's guests (single- and multi-channel) and people of other organisations met in a shared channel.
      const outsider =
        person?.team_id !== undefined && workspace.teamId !== undefined && person.team_id !== workspace.teamId;
      const guest = Boolean(person?.is_restricted || person?.is_ultra_restricted || person?.is_stranger || outsider);
      // With OAuth, the person who installed the bot is the admin Slack vouches for.
      if (!options.oauth || guest) return { guest };
      const installer = await options.oauth.installations.installerOf(workspace.teamId, workspace.enterpriseId);
      return { guest, admin: installer === userId };
    },
  });
  /** The team an event came from; without one (a payload that names none) it acts on a workspace the user is in, never a new one. */
  const teamOf = (
    team: { id?: string | undefined; domain?: string | undefined } | null | undefined,
  ): InboundEvent["place"] =>
    team?.id
      ? { workspace: { platform: "slack", externalId: team.id, name: team.domain ?? team.id } }
      : { directMessage: true };
  const homes = new HomeTabs();
  /** Handles an event; a user's App Home tab, if open, is refreshed after their command. */
  const run = (event: Omit<InboundEvent, "platform">) => {
    const handled = inbound.handle({ platform: "slack", ...event });
    const { place, user } = event;
    if ("workspace" in place) void handled.then(() => homes.acted(place.workspace.externalId, user.externalId));
  };
  /** A request that reached the bot at `received` is acknowledged: its latency, for the metrics. */
  const acknowledged = (received: number) => inbound.acknowledged("slack", received);

  /** Opens a command's form in the user's last language; the trigger is good for three seconds. */
  const openForm = (client: WebClient, userId: string, triggerId: string, definition: AnyCommand, channel?: string) => {
    const t = translator(inbound.languageOf("slack", { externalId: userId }));
    return client.views.open({ trigger_id: triggerId, view: commandModal(t, definition, channel ? { channel } : {}) });
  };

  const groups = [...new Set(router.commands.map((c) => c.path[0]))];
  for (const group of groups) {
    app.command(`/${group}`, async ({ command, ack, respond, client, context }) => {
      const received = performance.now();
      await ack();
      acknowledged(received);
      const line = `/${group} ${command.text}`.trim();
      const answer = () =>
        run({
          place: teamOf({ id: command.team_id, domain: command.team_domain }),
          user: userOf(command.user_id, client, context),
          action: { kind: "command", line },
          // A direct message (D…) is no channel a route could post to.
          ...(command.channel_id.startsWith("D") ? {} : { channelId: command.channel_id }),
          answer: respondAnswerer(client, command.user_id, respond),
        });
      const found = router.find(line);
      if (!found?.bare || !found.definition.form) return answer();
      // When the form cannot open, the bare command is answered with what it needs instead.
      await openForm(client, command.user_id, command.trigger_id, found.definition, command.channel_id).catch(
        (err: unknown) => {
          logger.warn({ err }, "views.open failed");
          answer();
        },
      );
    });
  }

  // A button runs its command line as the user who pressed it.
  app.action(new RegExp(`^${RUN_ACTION_PREFIX}`), async ({ action, body, ack, respond, client, context }) => {
    const received = performance.now();
    await ack();
    acknowledged(received);
    const team = body.team ?? { id: (body as { user: { team_id?: string } }).user.team_id };
    const line = action.type === "button" ? action.value : undefined;
    run({
      place: teamOf(team),
      user: userOf(body.user.id, client, context),
      action: line ? { kind: "command", line } : { kind: "stale" },
      answer: respondAnswerer(client, body.user.id, respond),
    });
  });

  // Global shortcuts open a command's form directly (callback id form:<command key>).
  app.shortcut(new RegExp(`^${FORM_CALLBACK_PREFIX}`), async ({ shortcut, ack, client, context }) => {
    const received = performance.now();
    await ack();
    acknowledged(received);
    const definition = router.byKey(shortcut.callback_id.slice(FORM_CALLBACK_PREFIX.length));
    if (definition?.form) return void (await openForm(client, shortcut.user.id, shortcut.trigger_id, definition));
    run({
      place: teamOf(shortcut.team),
      user: userOf(shortcut.user.id, client, context),
      action: { kind: "stale" },
      answer: directAnswerer(client, shortcut.user.id),
    });
  });

  // A form submitted: values refused by their own rules are shown on their fields within the three
  // seconds and the form stays open; everything else runs after the form has closed.
  app.view(new RegExp(`^${FORM_CALLBACK_PREFIX}`), async ({ view, body, ack, client, context }) => {
    const received = performance.now();
    const definition = router.byKey(view.callback_id.slice(FORM_CALLBACK_PREFIX.length));
    const line = definition && commandLine(definition, submittedArgs(view.state.values));
    const refusal = line ? inbound.check("slack", { externalId: body.user.id }, line) : undefined;
    if (definition && refusal) {
      const { field, message } = fieldError(definition, refusal);
      await ack({ response_action: "errors", errors: { [field]: message.slice(0, MAX_FIELD_ERROR) } });
      return acknowledged(received);
    }
    await ack();
    acknowledged(received);
    const channel = (JSON.parse(view.private_metadata || "{}") as { channel?: string }).channel;
    run({
      place: teamOf(body.team ?? { id: body.user.team_id }),
      user: userOf(body.user.id, client, context),
      action: line ? { kind: "command", line } : { kind: "stale" },
      // A form sent again (after a timeout, a double click) is the same view: it runs once.
      deliveryId: `view:${view.id}`,
      answer: channelAnswerer(client, body.user.id, channel),
    });
  });

  // Direct messages: a command line typed without the slash, or a CSV file sent with `import <kind>`.
  app.event("message", async ({ event, body, client, context }) => {
    const message = event as {
      channel_type?: string;
      subtype?: string;
      user?: string;
      text?: string;
      bot_id?: string;
      files?: { name: string; url_private_download?: string; size?: number }[];
    };
    if (
      message.channel_type !== "im" ||
      message.bot_id ||
      !message.user ||
      (message.subtype && message.subtype !== "file_share")
    )
      return;
    const files = (message.files ?? []).filter((f) => f.url_private_download);
    run({
      place: teamOf({ id: (body as { team_id: string }).team_id }),
      user: userOf(message.user, client, context),
      action: { kind: "command", line: (message.text ?? "").trim().replace(/^(?![/／])/, "/") },
      deliveryId: (body as { event_id: string }).event_id,
      attachments: () =>
        Promise.all(
          files.map((f) => downloadAttachment(f.url_private_download!, f.name, fileSource(context.botToken), f.size)),
        ),
      answer: directAnswerer(client, message.user),
    });
  });

  // The App Home tab: the user's /today, published when they open it (and after their commands).
  app.event("app_home_opened", async ({ event, body, client, context }) => {
    const teamId = (body as { team_id?: string }).team_id;
    if (event.tab !== "home" || !teamId) return;
    homes.opened(teamId, event.user, () => {
      void inbound.handle({
        platform: "slack",
        place: teamOf({ id: teamId }),
        user: userOf(event.user, client, context),
        action: { kind: "command", line: HOME_COMMAND },
        answer: homeAnswerer(client, event.user),
      });
    });
  });

  // The bot was invited to a channel: the posts that waited for that go out.
  app.event("member_joined_channel", async ({ event, context, body }) => {
    if (event.user !== context.botUserId) return;
    const team = event.team ?? (body as { team_id?: string }).team_id;
    if (team) await inbound.channelOpened("slack", team, event.channel);
  });

  // Uninstalled, or its tokens revoked: the workspace's tokens go (its data stays for a reinstall).
  if (options.oauth) {
    const forget = async (context: { teamId?: string; enterpriseId?: string; isEnterpriseInstall?: boolean }) =>
      options.oauth!.installations.deleteInstallation?.({
        teamId: context.teamId,
        enterpriseId: context.enterpriseId,
        isEnterpriseInstall: context.isEnterpriseInstall ?? false,
      } as never);
    app.event("app_uninstalled", ({ context }) => forget(context));
    app.event("tokens_revoked", async ({ event, context }) => {
      if ((event.tokens.bot ?? []).length > 0) await forget(context);
    });
  }

  app.error(async (error) => {
    logger.error({ err: error }, "slack handler failed");
  });

  return {
    app,
    async start() {
      const started = await app.start(options.port);
      server = (started as Server | undefined) ?? undefined;
      logger.info(
        { mode: options.appToken ? "socket" : "http", port: options.appToken ? undefined : this.port() },
        "slack connected",
      );
    },
    async stop() {
      homes.stop();
      await app.stop();
    },
    port: () => (server?.address() as AddressInfo | null)?.port ?? undefined,
  };
}
