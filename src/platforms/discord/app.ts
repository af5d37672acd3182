import { randomBytes } from "node:crypto";
import { argDescription, choiceLabel } from "../../core/command-texts.js";
import { once } from "node:events";
import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  PermissionFlagsBits,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type AutocompleteInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from "discord.js";
import type { ArgSpec } from "../../core/args.js";
import { commandLine } from "../../core/bind.js";
import { commandKey } from "../../core/command-shape.js";
import type { AnyCommand } from "../../application/command.js";
import type { Answerer, InboundAction, InboundEvent, PlatformUser } from "../../application/inbound/event.js";
import type { Inbound } from "../../application/inbound/handle.js";
import { normalizeLocale, translator } from "../../i18n/index.js";
import { type Translate, phrase } from "../../core/messages.js";
import type { Logger } from "../../logger.js";
import { DISCORD_FILES, downloadAttachment, type FileSource } from "../download.js";
import { truncationNote } from "../locale.js";
import { discordPath, MORE_OPTION, optionName, PUBLIC_OPTION } from "./commands.js";
import { NO_MENTIONS, readButtonId, REF_BUTTON, renderDiscord, runButtonId } from "./render.js";

export interface DiscordOptions {
  token: string;
  applicationId: string;
  /** The REST API's base URL, for test servers and proxies. */
  apiUrl?: string | undefined;
  /** Where attachments may come from, and how large; Discord's CDN unless set. */
  files?: FileSource;
}

const FORM = "form:";
/** A member the server trusts with its settings is the bot's admin too. */
const SERVER_ADMIN_PERMISSIONS = [PermissionFlagsBits.Administrator, PermissionFlagsBits.ManageGuild];
/** Command lines too long for a custom id, by key; a restart forgets them, and the button says so. */
const LONG_LINES_KEPT = 5_000;
/** A long line's button works this long after its reply; after that it answers that it expired. */
const LONG_LINE_TTL_MS = 24 * 60 * 60_000;
/** Discord's limits on a modal's text inputs. */
const MAX_LABEL = 45;
const MAX_PLACEHOLDER = 100;
const MAX_INPUT = 4000;

/** A text input is all a Discord modal holds: the accepted forms are shown as its placeholder. */
function placeholder(t: Translate, spec: ArgSpec): string {
  if (spec.kind === "choice" && spec.choices)
    return spec.choices
      .map((c) => choiceLabel(t, spec, c))
      .join(" / ")
      .slice(0, MAX_PLACEHOLDER);
  return t(spec.expected).slice(0, MAX_PLACEHOLDER);
}

export interface DiscordBot {
  client: Client;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Discord receiver: every interaction is deferred (or its form shown) before anything else,
 * well within Discord's three seconds, then handed to the application as one neutral event. Its
 * answer edits the deferred reply; when the interaction's token has expired (15 minutes) or
 * Discord refuses the edit, it goes to the user's DMs instead.
 */
export function createDiscordBot(deps: { options: DiscordOptions; inbound: Inbound; logger: Logger }): DiscordBot {
  const { options, inbound, logger } = deps;
  const fileSource = options.files ?? DISCORD_FILES;
  const router = inbound.router;
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    rest: options.apiUrl ? { api: options.apiUrl } : {},
  });
  client.rest.setToken(options.token);
  /**
   * Lines too long for a custom id, under a random key bound to where the reply was shown (its
   * server, or the DM of the user it answered) and expiring: a button id copied into another
   * server, or guessed, runs nothing.
   */
  const longLines = new Map<string, { command: string; place: string; workspaceId: number | undefined; at: number }>();
  const placeKey = (interaction: Interaction) =>
    interaction.guildId ? `guild:${interaction.guildId}` : `dm:${interaction.user.id}`;

  /** A button's custom id; in a DM it also names the workspace the reply came from. */
  const buttonIds = (interaction: Interaction, workspaceId: number | undefined) => (command: string) => {
    const inDm = interaction.guildId ? undefined : workspaceId;
    const fits = runButtonId(command, inDm);
    if (fits) return fits;
    const key = randomBytes(9).toString("base64url");
    longLines.set(key, { command, place: placeKey(interaction), workspaceId: inDm, at: Date.now() });
    if (longLines.size > LONG_LINES_KEPT) longLines.delete(longLines.keys().next().value!);
    return `${REF_BUTTON}${key}`;
  };
  const longLine = (key: string, interaction: Interaction) => {
    const kept = longLines.get(key);
    if (!kept || kept.place !== placeKey(interaction) || Date.now() - kept.at > LONG_LINE_TTL_MS) return undefined;
    return kept;
  };

  const byPath = new Map(router.commands.map((c) => [discordPath(c, router.commands).join(" "), c]));

  const userOf = (interaction: Interaction): PlatformUser => {
    const member = interaction.member;
    return {
      externalId: interaction.user.id,
      locale: normalizeLocale(interaction.locale),
      profile: async () => ({
        name: (member && "nick" in member && member.nick) || interaction.user.globalName || interaction.user.username,
        locale: normalizeLocale(interaction.locale),
      }),
      platformRoleIds: member ? (Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()]) : [],
      // Discord computes a member's permissions in the interaction: the owner holds them all.
      standing: async () => ({
        guest: false,
        admin: Boolean(interaction.inGuild() && interaction.memberPermissions?.any(SERVER_ADMIN_PERMISSIONS)),
      }),
    };
  };

  const placeOf = (interaction: Interaction, workspaceId?: number): InboundEvent["place"] =>
    interaction.guildId
      ? {
          workspace: {
            platform: "discord",
            externalId: interaction.guildId,
            name: interaction.guild?.name ?? interaction.guildId,
          },
        }
      : { directMessage: true, workspaceId };

  /** Edits the deferred reply; a DM when that is refused (an expired token, 50027). */
  const answerer = (interaction: RepliableInteraction): Answerer => ({
    async reply(reply, { workspaceId }) {
      const { embeds, components } = renderDiscord(reply, truncationNote(reply), buttonIds(interaction, workspaceId));
      const files = (reply.files ?? []).map((f) => ({
        attachment: Buffer.from(f.data),
        name: f.name,
        description: f.title,
      }));
      const message = { embeds, components, files, allowedMentions: NO_MENTIONS };
      try {
        await interaction.editReply({ content: "", ...message });
      } catch (err) {
        logger.warn({ err, interaction: interaction.id }, "editing the deferred reply failed; answering by DM");
        await interaction.user.send(message);
      }
    },
    progress: (text) => void interaction.editReply({ content: text, allowedMentions: NO_MENTIONS }).catch(() => {}),
  });

  const run = (interaction: RepliableInteraction, action: InboundAction, extra: Partial<InboundEvent> = {}) =>
    inbound.handle({
      platform: "discord",
      place: placeOf(interaction),
      user: userOf(interaction),
      action,
      answer: answerer(interaction),
      ...extra,
    });

  const leafOptions = (interaction: ChatInputCommandInteraction): readonly CommandInteractionOption[] => {
    let options = interaction.options.data;
    while (
      options.length === 1 &&
      (options[0]!.type === ApplicationCommandOptionType.SubcommandGroup ||
        options[0]!.type === ApplicationCommandOptionType.Subcommand)
    ) {
      options = options[0]!.options ?? [];
    }
    return options;
  };

  const definitionOf = (interaction: ChatInputCommandInteraction | AutocompleteInteraction) =>
    byPath.get(
      [interaction.commandName, interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand(false)]
        .filter(Boolean)
        .join(" "),
    );

  /** An interaction that reached the bot at `received` is acknowledged: its latency, for the metrics. */
  const acknowledged = (received: number) => inbound.acknowledged("discord", received);

  const onCommand = async (interaction: ChatInputCommandInteraction) => {
    const received = performance.now();
    const definition = definitionOf(interaction);
    const options = leafOptions(interaction).filter((o) => o.name !== PUBLIC_OPTION && o.name !== MORE_OPTION);
    const isPublic = interaction.options.getBoolean(PUBLIC_OPTION) ?? false;
    if (definition && options.length === 0 && definition.form)
      return showForm(interaction, definition, isPublic).then(() => acknowledged(received));
    await interaction.deferReply(isPublic ? {} : { flags: MessageFlags.Ephemeral });
    acknowledged(received);
    // A command registered by an older version of the bot, which this one no longer has.
    if (!definition) return run(interaction, { kind: "stale" });
    const args = definition.args as Record<string, ArgSpec>;
    const raw: Record<string, string> = {};
    const files: { url: string; name: string; size: number }[] = [];
    for (const option of options) {
      const name = Object.keys(args).find((a) => optionName(a) === option.name);
      if (!name) continue;
      if (option.attachment)
        files.push({ url: option.attachment.url, name: option.attachment.name, size: option.attachment.size });
      else raw[name] = typeof option.value === "boolean" ? (option.value ? "yes" : "no") : String(option.value);
    }
    const line = `${commandLine(definition, raw)} ${interaction.options.getString(MORE_OPTION) ?? ""}`.trim();
    return run(
      interaction,
      { kind: "command", line },
      {
        visibility: isPublic ? "public" : "private",
        attachments: () => Promise.all(files.map((f) => downloadAttachment(f.url, f.name, fileSource, f.size))),
      },
    );
  };

  /** The command's form, in the user's last language; Discord wants it as the first answer, at once. */
  const showForm = async (interaction: ChatInputCommandInteraction, definition: AnyCommand, isPublic: boolean) => {
    const t = translator(inbound.languageOf("discord", userOf(interaction)));
    const key = commandKey(definition);
    const args = definition.args as Record<string, ArgSpec>;
    const modal = new ModalBuilder()
      .setCustomId(`${FORM}${key}${isPublic ? ":public" : ""}`)
      .setTitle(phrase(t, "forms", key).slice(0, MAX_LABEL));
    for (const name of definition.form!) {
      const spec = args[name]!;
      const input = new TextInputBuilder()
        .setCustomId(name)
        .setLabel(argDescription(t, definition, name).slice(0, MAX_LABEL))
        .setStyle(spec.rest || (spec.maxLength ?? 0) > 200 ? TextInputStyle.Paragraph : TextInputStyle.Short)
        .setRequired(spec.required)
        .setPlaceholder(placeholder(t, spec));
      if (spec.maxLength) input.setMaxLength(Math.min(spec.maxLength, MAX_INPUT));
      modal.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
    }
    await interaction.showModal(modal);
  };

  const onModal = async (interaction: ModalSubmitInteraction) => {
    const received = performance.now();
    const [key, visibility] = interaction.customId.slice(FORM.length).split(":");
    const definition = interaction.customId.startsWith(FORM) ? router.byKey(key!) : undefined;
    await interaction.deferReply(visibility === "public" ? {} : { flags: MessageFlags.Ephemeral });
    acknowledged(received);
    if (!definition?.form) return run(interaction, { kind: "stale" });
    const fields = interaction.fields;
    const raw = Object.fromEntries(
      definition.form.map((name) => [name, fields.getTextInputValue(name).trim()]).filter(([, v]) => v !== ""),
    );
    return run(
      interaction,
      { kind: "command", line: commandLine(definition, raw) },
      { visibility: visibility === "public" ? "public" : "private" },
    );
  };

  const onButton = async (interaction: RepliableInteraction & { customId: string }) => {
    const received = performance.now();
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    acknowledged(received);
    const read = readButtonId(interaction.customId);
    const kept = read && "ref" in read ? longLine(read.ref, interaction) : undefined;
    const line = !read ? undefined : "ref" in read ? kept?.command : read.line;
    const workspaceId = read && "workspaceId" in read ? read.workspaceId : kept?.workspaceId;
    return run(interaction, line ? { kind: "command", line } : { kind: "stale" }, {
      place: placeOf(interaction, workspaceId),
    });
  };

  const onAutocomplete = async (interaction: AutocompleteInteraction) => {
    const received = performance.now();
    const definition = definitionOf(interaction);
    const focused = interaction.options.getFocused(true);
    const name = definition && Object.keys(definition.args).find((a) => optionName(a) === focused.name);
    const choices =
      definition && name
        ? await inbound.suggest(
            { platform: "discord", place: placeOf(interaction), user: userOf(interaction) },
            definition,
            name,
            String(focused.value),
          )
        : [];
    await interaction.respond(choices.map((c) => ({ name: c.name.slice(0, 100), value: c.value })));
    acknowledged(received);
  };

  const dispatch = (interaction: Interaction): Promise<unknown> => {
    if (interaction.isChatInputCommand()) return onCommand(interaction);
    if (interaction.isAutocomplete()) return onAutocomplete(interaction);
    if (interaction.isModalSubmit()) return onModal(interaction);
    if (interaction.isMessageComponent()) return onButton(interaction);
    return Promise.resolve();
  };
  client.on(Events.InteractionCreate, (interaction) => {
    dispatch(interaction).catch((err: unknown) =>
      logger.error({ err, platform: "discord" }, "discord interaction could not be acknowledged"),
    );
  });

  return {
    client,
    async start() {
      // Interactions that arrive before the client is ready are held back by discord.js.
      await Promise.all([once(client, Events.ClientReady), client.login(options.token)]);
      logger.info("discord connected");
    },
    async stop() {
      await client.destroy();
    },
  };
}
