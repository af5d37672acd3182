import { argDescription, choiceLabel, commandDescription } from "../../core/command-texts.js";
import {
  ApplicationCommandOptionType,
  ApplicationIntegrationType,
  InteractionContextType,
  PermissionFlagsBits,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";
import type { Role } from "../../core/roles.js";
import type { ArgSpec } from "../../core/args.js";
import { commandKey } from "../../core/command-shape.js";
import { COMMAND_WORDS_ZH } from "../../core/command-words.js";
import { ROLE_RANK } from "../../core/roles.js";
import type { AnyCommand } from "../../application/command.js";
import { translator } from "../../i18n/index.js";
import type { Translate } from "../../core/messages.js";

type Option = NonNullable<RESTPostAPIChatInputApplicationCommandsJSONBody["options"]>[number];

/**
 * Discord's rule for command and option names (discord.com/developers/docs/interactions/application-commands):
 * 1-32 letters, digits, "-" or "_", and the lower-case variant of any letter that has one. A single
 * name that breaks it makes Discord refuse the whole registration.
 */
const DISCORD_NAME_CHARACTERS = /^[-_'\p{L}\p{N}\p{sc=Deva}\p{sc=Thai}]{1,32}$/u;
export const isDiscordName = (name: string) => DISCORD_NAME_CHARACTERS.test(name) && name === name.toLowerCase();
export const DISCORD_MAX_DESCRIPTION = 100;
export const DISCORD_MAX_OPTIONS = 25;
export const DISCORD_MAX_CHOICES = 25;

/** When a command word is also a group of three-word commands, the two-word command is this subcommand of it. */
export const DEFAULT_SUBCOMMAND = "set";
/** Every command takes it: post the answer to the channel instead of only to the caller. */
export const PUBLIC_OPTION = "public";
/**
 * Discord allows 25 options; a command with more (a customer's whole profile) offers its first
 * ones as options and the rest in this text option, written as on the console: `法人:张三 来源:展会`.
 */
export const MORE_OPTION = "more";
const TYPED_OPTIONS = DISCORD_MAX_OPTIONS - 2;

/** Option names are lower case on Discord; the router matches argument names ignoring case. */
export const optionName = (arg: string) => arg.toLowerCase();

/**
 * Who sees a command whose every subcommand needs a bot role above rep, until a server admin
 * changes it under Server Settings → Integrations: admins' commands need Manage Server, managers'
 * Manage Messages. The bot still checks its own roles on every command.
 */
const MEMBER_PERMISSIONS: Record<Exclude<Role, "rep">, bigint> = {
  admin: PermissionFlagsBits.ManageGuild,
  manager: PermissionFlagsBits.ManageMessages,
};

/** Commands are run in servers: a direct message has no workspace to act on. */
const AVAILABILITY = {
  contexts: [InteractionContextType.Guild],
  integration_types: [ApplicationIntegrationType.GuildInstall],
};

const zh = translator("zh-CN");
const en = translator("en");

/** A description in English (Discord's default) and Chinese, within Discord's 100 characters. */
function describe(text: (t: Translate) => string) {
  const cut = (s: string) =>
    [...s].length <= DISCORD_MAX_DESCRIPTION ? s : `${[...s].slice(0, DISCORD_MAX_DESCRIPTION - 1).join("")}…`;
  return {
    description: cut(text(en)),
    description_localizations: { "zh-CN": cut(text(zh)), "en-US": cut(text(en)) },
  };
}

const subsOf = (members: readonly AnyCommand[], depth: number) => ({
  subs: [...new Set(members.map((c) => c.path.slice(depth).join(" ")))].join(" | "),
});

function names(word: string) {
  const local = COMMAND_WORDS_ZH[word]?.toLowerCase();
  return { name: word, ...(local && isDiscordName(local) ? { name_localizations: { "zh-CN": local } } : {}) };
}

function optionType(spec: ArgSpec): ApplicationCommandOptionType {
  if (spec.file) return ApplicationCommandOptionType.Attachment;
  switch (spec.kind) {
    case "int":
      return ApplicationCommandOptionType.Integer;
    case "number":
      return ApplicationCommandOptionType.Number;
    case "bool":
      return ApplicationCommandOptionType.Boolean;
    case "role":
      return ApplicationCommandOptionType.Role;
    default:
      return ApplicationCommandOptionType.String;
  }
}

const isNumeric = (spec: ArgSpec) =>
  [ApplicationCommandOptionType.Integer, ApplicationCommandOptionType.Number].includes(optionType(spec));

/** The permission that hides a command from members who could run none of it anyway. */
function memberPermissions(members: readonly AnyCommand[]) {
  const lowest = members.map((c) => c.role).sort((a, b) => ROLE_RANK[a] - ROLE_RANK[b])[0]!;
  return lowest === "rep" ? {} : { default_member_permissions: String(MEMBER_PERMISSIONS[lowest]) };
}

function options(definition: AnyCommand): Option[] {
  const _key = commandKey(definition);
  const used = new Set<string>();
  const all = Object.entries(definition.args as Record<string, ArgSpec>);
  const typed = all.length > DISCORD_MAX_OPTIONS - 1 ? all.slice(0, TYPED_OPTIONS) : all;
  const out = typed.map(([name, spec]) => {
    // The first Chinese alias names the option in Chinese (A类 as a类), where Discord accepts it and it is not taken.
    const local = spec.aliases
      .map((a) => a.toLowerCase())
      .find((a) => isDiscordName(a) && /\p{Script=Han}/u.test(a) && !used.has(a));
    if (local) used.add(local);
    const option = {
      type: optionType(spec),
      name: optionName(name),
      ...(local ? { name_localizations: { "zh-CN": local } } : {}),
      ...describe((t) => argDescription(t, definition, name)),
      required: spec.required && !spec.file,
      ...(spec.kind === "choice" && spec.choices
        ? {
            choices: spec.choices.slice(0, DISCORD_MAX_CHOICES).map((c) => ({
              name: choiceLabel(en, spec, c).slice(0, 100),
              name_localizations: { "zh-CN": choiceLabel(zh, spec, c).slice(0, 100) },
              value: c,
            })),
          }
        : {}),
      ...(spec.kind === "customer" || spec.complete ? { autocomplete: true } : {}),
      ...(spec.maxLength && optionType(spec) === ApplicationCommandOptionType.String
        ? { max_length: Math.min(spec.maxLength, 6000) }
        : {}),
      ...(spec.min !== undefined && isNumeric(spec) ? { min_value: spec.min } : {}),
      ...(spec.max !== undefined && isNumeric(spec) ? { max_value: spec.max } : {}),
    };
    return option as Option;
  });
  if (typed.length < all.length) {
    const rest = all
      .slice(TYPED_OPTIONS)
      .map(([name, spec]) => spec.aliases.find((a) => /\p{Script=Han}/u.test(a)) ?? name);
    out.push({
      type: ApplicationCommandOptionType.String,
      name: MORE_OPTION,
      ...describe((t) => t("discord.moreOption", { names: rest.slice(0, 6).join(" ") })),
      required: false,
      max_length: 2000,
    });
  }
  out.push({
    type: ApplicationCommandOptionType.Boolean,
    name: PUBLIC_OPTION,
    ...describe((t) => t("discord.publicOption")),
    required: false,
  });
  // Discord wants the required options first.
  return [...out.filter((o) => "required" in o && o.required), ...out.filter((o) => !("required" in o && o.required))];
}

/** The Discord path of a command: three-word commands become subcommand groups. */
export function discordPath(definition: AnyCommand, all: readonly AnyCommand[]): string[] {
  const path = [...definition.path];
  const isGroup =
    path.length === 2 && all.some((c) => c.path.length === 3 && c.path[0] === path[0] && c.path[1] === path[1]);
  return isGroup ? [...path, DEFAULT_SUBCOMMAND] : path;
}

/**
 * The application commands, from the registry: one per command group, its commands as
 * subcommands (and three-word ones in subcommand groups), every argument a typed option with its
 * choices, names and descriptions in English and Chinese.
 */
export function discordCommands(all: readonly AnyCommand[]): RESTPostAPIChatInputApplicationCommandsJSONBody[] {
  const groups = [...new Set(all.map((c) => c.path[0]))];
  return groups.map((group) => {
    const members = all.filter((c) => c.path[0] === group);
    if (members.length === 1 && members[0]!.path.length === 1) {
      return {
        ...names(group),
        ...describe((t) => commandDescription(t, members[0]!)),
        options: options(members[0]!),
        ...memberPermissions(members),
        ...AVAILABILITY,
      };
    }
    const top: Option[] = [];
    for (const member of members) {
      const path = discordPath(member, all);
      const sub = {
        type: ApplicationCommandOptionType.Subcommand,
        ...names(path.at(-1)!),
        ...describe((t) => commandDescription(t, member)),
        options: options(member),
      } as Option;
      if (path.length === 2) top.push(sub);
      else {
        let holder = top.find((o) => o.name === path[1]) as (Option & { options: Option[] }) | undefined;
        if (!holder) {
          const inGroup = members.filter((c) => c.path[1] === path[1]).map((c) => discordPath(c, all));
          holder = {
            type: ApplicationCommandOptionType.SubcommandGroup,
            ...names(path[1]!),
            ...describe((t) => t("platform.groupDescription", { subs: inGroup.map((p) => p[2]).join(" | ") })),
            options: [],
          } as unknown as Option & { options: Option[] };
          top.push(holder);
        }
        holder.options.push(sub);
      }
    }
    return {
      ...names(group),
      ...describe((t) => t("platform.groupDescription", subsOf(members, 1))),
      options: top,
      ...memberPermissions(members),
      ...AVAILABILITY,
    };
  });
}
