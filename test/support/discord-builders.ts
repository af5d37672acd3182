import {
  ApplicationCommandOptionType,
  SlashCommandBuilder,
  SlashCommandSubcommandBuilder,
  SlashCommandSubcommandGroupBuilder,
  type APIApplicationCommandOption,
  type RESTPostAPIChatInputApplicationCommandsJSONBody,
} from "discord.js";

type Named = {
  setName(name: string): unknown;
  setNameLocalizations(map: Record<string, string>): unknown;
  setDescription(text: string): unknown;
  setDescriptionLocalizations(map: Record<string, string>): unknown;
};

/** Name and description through the builder's own setters, which validate them as Discord does. */
function describe<T extends Named>(
  builder: T,
  json: { name: string; name_localizations?: unknown; description: string; description_localizations?: unknown },
): T {
  builder.setName(json.name);
  if (json.name_localizations) builder.setNameLocalizations(json.name_localizations as Record<string, string>);
  builder.setDescription(json.description);
  if (json.description_localizations)
    builder.setDescriptionLocalizations(json.description_localizations as Record<string, string>);
  return builder;
}

/** The builder method that adds a value option of each type. */
const ADD_OPTION = {
  [ApplicationCommandOptionType.String]: "addStringOption",
  [ApplicationCommandOptionType.Integer]: "addIntegerOption",
  [ApplicationCommandOptionType.Number]: "addNumberOption",
  [ApplicationCommandOptionType.Boolean]: "addBooleanOption",
  [ApplicationCommandOptionType.Role]: "addRoleOption",
  [ApplicationCommandOptionType.Attachment]: "addAttachmentOption",
} as const;

/** Adds one value option through the builder of its type, with everything it carries. */
function addOption(holder: SlashCommandBuilder | SlashCommandSubcommandBuilder, o: APIApplicationCommandOption): void {
  const any = o as any;
  const common = (b: any) => {
    describe(b, any).setRequired(Boolean(any.required));
    if (any.autocomplete) b.setAutocomplete(true);
    if (any.choices) b.addChoices(...any.choices);
    if (any.min_value !== undefined) b.setMinValue(any.min_value);
    if (any.max_value !== undefined) b.setMaxValue(any.max_value);
    if (any.min_length !== undefined) b.setMinLength(any.min_length);
    if (any.max_length !== undefined) b.setMaxLength(any.max_length);
    return b;
  };
  const add = ADD_OPTION[o.type as keyof typeof ADD_OPTION];
  if (!add) throw new Error(`option type ${o.type} has no builder here`);
  (holder[add] as (build: (b: any) => any) => unknown).call(holder, common);
}

function subcommand(json: any): SlashCommandSubcommandBuilder {
  const sub = describe(new SlashCommandSubcommandBuilder(), json);
  for (const o of json.options ?? []) addOption(sub, o);
  return sub;
}

/**
 * A generated command rebuilt with discord.js's own SlashCommandBuilder and turned back into JSON:
 * the builders refuse what Discord refuses (names, lengths, counts, required order), so a command
 * that survives this and comes back unchanged is one Discord accepts.
 */
export function throughBuilders(
  json: RESTPostAPIChatInputApplicationCommandsJSONBody,
): RESTPostAPIChatInputApplicationCommandsJSONBody {
  const builder = describe(new SlashCommandBuilder(), json as any);
  if (json.default_member_permissions !== undefined)
    builder.setDefaultMemberPermissions(json.default_member_permissions);
  if (json.contexts) builder.setContexts(...json.contexts);
  if (json.integration_types) builder.setIntegrationTypes(...json.integration_types);
  for (const o of json.options ?? []) {
    if (o.type === ApplicationCommandOptionType.Subcommand) builder.addSubcommand(subcommand(o));
    else if (o.type === ApplicationCommandOptionType.SubcommandGroup) {
      const group = describe(new SlashCommandSubcommandGroupBuilder(), o as any);
      for (const s of (o as any).options ?? []) group.addSubcommand(subcommand(s));
      builder.addSubcommandGroup(group);
    } else addOption(builder, o);
  }
  return builder.toJSON();
}
