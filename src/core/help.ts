import { aliasTable, bindTokens, normalizeArgName, type Reader } from "./bind.js";
import { argDescription, argLabel, choiceLabel, commandDescription } from "./command-texts.js";
import type { Translate } from "./messages.js";
import type { ArgSpec, ArgSpecs } from "./args.js";
import type { CommandShape } from "./command-shape.js";
import type { Locale } from "./locale.js";
import { reply, type Reply } from "./reply.js";
import { tokenize } from "./tokenize.js";

function formOf(t: Translate, spec: ArgSpec): string {
  if (spec.kind === "choice" && spec.choices) return spec.choices.map((c) => choiceLabel(t, spec, c)).join(" | ");
  return t(spec.expected);
}

/** The command's usage line, its arguments named in the reader's language: `/visit log <客户> [备注…] [方式:…]`. */
export function usage(definition: CommandShape, locale: Locale): string {
  const parts = [`/${definition.path.join(" ")}`];
  for (const [name, spec] of Object.entries(definition.args as Record<string, ArgSpec>)) {
    const label = argLabel(locale, spec, name);
    const inner = spec.rest ? `${label}…` : label;
    if (spec.positional) parts.push(spec.required ? `<${inner}>` : `[${inner}]`);
    else parts.push(spec.required ? `${label}:<…>` : `[${label}:…]`);
  }
  return parts.join(" ");
}

/** Help for every command, or for the commands of one group (e.g. /customer). */
export function commandListHelp(t: Translate, commands: readonly CommandShape[], group?: string): Reply {
  const shown = group ? commands.filter((c) => c.path[0] === group) : commands;
  return reply(
    { type: "heading", text: group ? t("help.groupTitle", { group: `/${group}` }) : t("help.title") },
    { type: "list", items: shown.map((c) => ({ title: `/${c.path.join(" ")}`, detail: commandDescription(t, c) })) },
    { type: "note", text: t("help.footer") },
  );
}

/** Help for one command: usage, each argument with its other names and form, examples. */
export function commandHelp(reader: Reader, definition: CommandShape): Reply {
  const { t, locale } = reader;
  const args = Object.entries(definition.args as Record<string, ArgSpec>).map(([name, spec]) => {
    const label = argLabel(locale, spec, name);
    const names = [...new Set([label, ...spec.aliases, name])].join(" / ");
    const required = spec.required ? t("help.required") : t("help.optional");
    return {
      title: t("help.argTitle", { names, required }),
      detail: `${argDescription(t, definition, name)} · ${formOf(t, spec)}`,
    };
  });
  const blocks: Reply["blocks"] = [
    {
      type: "heading",
      text: t("help.commandTitle", {
        command: `/${definition.path.join(" ")}`,
        description: commandDescription(t, definition),
      }),
    },
    { type: "text", text: t("help.usage", { usage: usage(definition, locale) }) },
  ];
  if (args.length > 0) blocks.push({ type: "list", title: t("help.arguments"), items: args });
  if (definition.examples?.length) {
    blocks.push({
      type: "list",
      title: t("help.examples"),
      items: definition.examples.map((e) => ({
        title: `/${definition.path.join(" ")} ${exampleLine(definition, e, reader)}`,
      })),
    });
  }
  blocks.push({ type: "note", text: t("help.syntax") });
  return reply(...blocks);
}

const NAMED = /^([\p{L}_][\p{L}\p{N}_-]*)([:：])(.*)$/u;

/**
 * An example's arguments as the reader types them: named in the reader's language (回访:明天, or
 * followUp:明天) and, for a Chinese reader, choices by their labels (类型:经销商, not type:dealer).
 * The words keep their order and spacing; what the parser takes them for does not change.
 */
export function exampleLine(definition: CommandShape, example: string, reader: Reader): string {
  const specs = definition.args as ArgSpecs;
  let bound: Record<string, string>;
  try {
    bound = bindTokens(definition, tokenize(example), reader);
  } catch {
    return example;
  }
  const names = aliasTable(specs);
  const choice = (name: string, value: string) => {
    const spec = specs[name]!;
    if (spec.kind === "user" && (value === "me" || value === "team"))
      return reader.t(value === "me" ? "common.meWord" : "common.teamWord");
    if (reader.locale !== "zh-CN" || spec.kind !== "choice" || !spec.choices?.includes(value)) return value;
    // A label of several words ("A 类") would need quotes; the value itself reads better then.
    const label = choiceLabel(reader.t, spec, value);
    return /\s/.test(label) ? value : label;
  };
  const positional = Object.keys(specs).filter((name) => specs[name]!.positional && !specs[name]!.rest);
  return example
    .split(/(\s+)/)
    .map((part) => {
      const named = NAMED.exec(part);
      const name = named && names.get(normalizeArgName(named[1]!));
      if (named && name) return `${argLabel(reader.locale, specs[name]!, name)}${named[2]}${choice(name, named[3]!)}`;
      const at = positional.find((n) => bound[n] === part);
      return at ? choice(at, part) : part;
    })
    .join("");
}
