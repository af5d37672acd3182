import {
  ActionRowBuilder,
  ApplicationCommandOptionType,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  ModalBuilder,
  TextInputBuilder,
  TextInputStyle,
  type AutocompleteInteraction,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  type CommandInteractionOption,
  type Interaction,
  type ModalSubmitInteraction,
} from "discord.js";
import type { Role } from "../../config.js";
import type { ArgSpec } from "../../core/args.js";
import { commandLine } from "../../core/bind.js";
import { commandKey, ROLE_RANK, type Attachment, type CommandDefinition } from "../../core/command.js";
import type { Caller, Router } from "../../core/router.js";
import type { PrismaClient } from "../../db/client.js";
import { normalizeLocale, type MessageKey, type Translate } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import { downloadAttachment } from "../download.js";
import type { PlatformIdentities } from "../identity.js";
import { callerTranslator, truncationNote } from "../locale.js";
import { discordPath, MORE_OPTION, optionName, PUBLIC_OPTION } from "./commands.js";
import { REF_BUTTON, renderDiscord, RUN_BUTTON, runButtonId } from "./render.js";

type AnyCommand = CommandDefinition<any>;

export interface DiscordOptions {
  token: string;
  applicationId: string;
  /** The REST API's base URL, for test servers and proxies. */
  apiUrl?: string | undefined;
}

const FORM = "form:";
/** Command lines too long for a custom id, by key; a restart forgets them, and the button says so. */
const LONG_LINES_KEPT = 5_000;

/** A text input is all a Discord modal holds: the accepted forms are shown as its placeholder. */
function placeholder(t: Translate, spec: ArgSpec): string {
  if (spec.kind === "choice" && spec.choices) return spec.choices.map((c) => t(`vocab.${spec.vocabulary}.${c}` as MessageKey)).join(" / ").slice(0, 100);
  return t(spec.expected).slice(0, 100);
}

export interface DiscordBot {
  client: Client;
  start(): Promise<void>;
  stop(): Promise<void>;
}

/**
 * The Discord platform: application commands, autocomplete, buttons and modals go through the
 * same router as the console and Slack. Every command is deferred at once (Discord allows three
 * seconds to answer) and answered privately unless `public` is set.
 */
export function createDiscordBot(deps: { options: DiscordOptions; router: Router; prisma: PrismaClient; identities: PlatformIdentities; logger: Logger }): DiscordBot {
  const { options, router, prisma, identities, logger } = deps;
  const client = new Client({ intents: [GatewayIntentBits.Guilds], rest: options.apiUrl ? { api: options.apiUrl } : {} });
  client.rest.setToken(options.token);
  const longLines = new Map<string, string>();
  let nextKey = 0;

  const buttonId = (command: string) => {
    const fits = runButtonId(command);
    if (fits) return fits;
    const key = String(++nextKey);
    longLines.set(key, command);
    if (longLines.size > LONG_LINES_KEPT) longLines.delete(longLines.keys().next().value!);
    return `${REF_BUTTON}${key}`;
  };

  const byPath = new Map(router.commands.map((c) => [discordPath(c, router.commands).join(" "), c]));

  /** The caller, with the roles their server roles map to. */
  const callerOf = async (interaction: Interaction): Promise<Caller> => {
    const guildId = interaction.guildId ?? `dm:${interaction.user.id}`;
    const caller = await identities.caller({ platform: "discord", externalId: guildId, name: interaction.guild?.name ?? guildId }, interaction.user.id, async () => ({
      name: (interaction.member && "nick" in interaction.member && interaction.member.nick) || interaction.user.globalName || interaction.user.username,
      locale: normalizeLocale(interaction.locale),
    }));
    const member = interaction.member;
    const roleIds = member ? (Array.isArray(member.roles) ? member.roles : [...member.roles.cache.keys()]) : [];
    if (roleIds.length > 0) {
      const mapped = await prisma.platformRoleMapping.findMany({ where: { workspaceId: caller.workspaceId, platformRoleId: { in: roleIds } }, select: { role: true } });
      const best = mapped.map((m) => m.role as Role).sort((a, b) => ROLE_RANK[b] - ROLE_RANK[a])[0];
      if (best) await prisma.user.updateMany({ where: { id: caller.userId, role: { not: best } }, data: { role: best } });
    }
    return caller;
  };

  const translate = (caller: Caller) => callerTranslator(prisma, caller);

  /** Runs a command line and edits the deferred reply with the answer and its files. */
  const answer = async (interaction: ChatInputCommandInteraction | ButtonInteraction | ModalSubmitInteraction, caller: Caller, line: string, attachments: Attachment[] = []) => {
    const reply = await router.run({ ...caller, attachments, progress: (text) => void interaction.editReply({ content: text }).catch(() => {}) }, line);
    const { embeds, components } = renderDiscord(reply, truncationNote(reply), buttonId);
    await interaction.editReply({
      content: "",
      embeds,
      components,
      files: (reply.files ?? []).map((f) => ({ attachment: Buffer.from(f.data), name: f.name, description: f.title })),
    });
  };

  const leafOptions = (interaction: ChatInputCommandInteraction): readonly CommandInteractionOption[] => {
    let options = interaction.options.data;
    while (options.length === 1 && (options[0]!.type === ApplicationCommandOptionType.SubcommandGroup || options[0]!.type === ApplicationCommandOptionType.Subcommand)) {
      options = options[0]!.options ?? [];
    }
    return options;
  };

  const definitionOf = (interaction: ChatInputCommandInteraction | AutocompleteInteraction) =>
    byPath.get([interaction.commandName, interaction.options.getSubcommandGroup(false), interaction.options.getSubcommand(false)].filter(Boolean).join(" "));

  const onCommand = async (interaction: ChatInputCommandInteraction) => {
    const definition = definitionOf(interaction);
    if (!definition) return;
    const options = leafOptions(interaction).filter((o) => o.name !== PUBLIC_OPTION && o.name !== MORE_OPTION);
    const more = interaction.options.getString(MORE_OPTION) ?? "";
    const isPublic = interaction.options.getBoolean(PUBLIC_OPTION) ?? false;
    const caller = await callerOf(interaction);
    if (options.length === 0 && definition.form) return showForm(interaction, caller, definition, isPublic);
    await interaction.deferReply(isPublic ? {} : { flags: MessageFlags.Ephemeral });
    const args = definition.args as Record<string, ArgSpec>;
    const raw: Record<string, string> = {};
    const attachments: Attachment[] = [];
    for (const option of options) {
      const name = Object.keys(args).find((a) => optionName(a) === option.name);
      if (!name) continue;
      if (option.attachment) attachments.push(await downloadAttachment(option.attachment.url, option.attachment.name));
      else raw[name] = typeof option.value === "boolean" ? (option.value ? "yes" : "no") : String(option.value);
    }
    await answer(interaction, caller, `${commandLine(definition, raw)} ${more}`.trim(), attachments);
  };

  const showForm = async (interaction: ChatInputCommandInteraction, caller: Caller, definition: AnyCommand, isPublic: boolean) => {
    const t = await translate(caller);
    const key = commandKey(definition);
    const args = definition.args as Record<string, ArgSpec>;
    const modal = new ModalBuilder().setCustomId(`${FORM}${key}${isPublic ? ":public" : ""}`).setTitle(t(`forms.${key}` as MessageKey).slice(0, 45));
    for (const name of definition.form!) {
      const spec = args[name]!;
      const input = new TextInputBuilder()
        .setCustomId(name)
        .setLabel(t(`commands.${key}.args.${name}` as MessageKey).slice(0, 45))
        .setStyle(spec.rest || (spec.maxLength ?? 0) > 200 ? TextInputStyle.Paragraph : TextInputStyle.Short)
        .setRequired(spec.required)
        .setPlaceholder(placeholder(t, spec));
      if (spec.maxLength) input.setMaxLength(Math.min(spec.maxLength, 4000));
      modal.addComponents(new ActionRowBuilder<TextInputBuilder>().addComponents(input));
    }
    await interaction.showModal(modal);
  };

  const onModal = async (interaction: ModalSubmitInteraction) => {
    const [key, visibility] = interaction.customId.slice(FORM.length).split(":");
    const definition = router.byKey(key!);
    if (!definition) return;
    await interaction.deferReply(visibility === "public" ? {} : { flags: MessageFlags.Ephemeral });
    const caller = await callerOf(interaction);
    const raw = Object.fromEntries(definition.form!.map((name) => [name, interaction.fields.getTextInputValue(name).trim()]).filter(([, v]) => v !== ""));
    await answer(interaction, caller, commandLine(definition, raw));
  };

  const onButton = async (interaction: ButtonInteraction) => {
    await interaction.deferReply({ flags: MessageFlags.Ephemeral });
    const caller = await callerOf(interaction);
    const id = interaction.customId;
    const line = id.startsWith(RUN_BUTTON) ? id.slice(RUN_BUTTON.length) : longLines.get(id.slice(REF_BUTTON.length));
    if (!line) return void (await interaction.editReply({ content: (await translate(caller))("discord.expired") }));
    await answer(interaction, caller, line);
  };

  const onAutocomplete = async (interaction: AutocompleteInteraction) => {
    const definition = definitionOf(interaction);
    const focused = interaction.options.getFocused(true);
    const name = definition && Object.keys(definition.args).find((a) => optionName(a) === focused.name);
    if (!definition || !name) return void (await interaction.respond([]));
    const caller = await callerOf(interaction);
    const choices = await router.complete(caller, definition, name, String(focused.value));
    await interaction.respond(choices.map((c) => ({ name: c.name.slice(0, 100), value: c.value })));
  };

  const dispatch = (interaction: Interaction): Promise<unknown> => {
    if (interaction.isChatInputCommand()) return onCommand(interaction);
    if (interaction.isAutocomplete()) return onAutocomplete(interaction);
    if (interaction.isButton() && (interaction.customId.startsWith(RUN_BUTTON) || interaction.customId.startsWith(REF_BUTTON))) return onButton(interaction);
    if (interaction.isModalSubmit() && interaction.customId.startsWith(FORM)) return onModal(interaction);
    return Promise.resolve();
  };
  client.on(Events.InteractionCreate, (interaction) => {
    dispatch(interaction).catch((err: unknown) => logger.error({ err, platform: "discord" }, "discord interaction failed"));
  });

  return {
    client,
    async start() {
      await client.login(options.token);
      logger.info("discord connected");
    },
    async stop() {
      await client.destroy();
    },
  };
}
