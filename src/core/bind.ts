import type { ArgSpec, ArgSpecs } from "./args.js";
import type { CommandShape } from "./command-shape.js";
import { argLabel, listed } from "./command-texts.js";
import { UserError } from "./errors.js";
import type { Locale } from "./locale.js";
import type { Translate } from "./messages.js";
import { nearest, withPinyin } from "./suggest.js";
import { MONEY_UNIT_WORD } from "./money.js";
import { quoteIfNeeded, type Token } from "./tokenize.js";

/** Argument names are matched ignoring case, "_" and "-": credit_limit = creditLimit = CreditLimit. */
export function normalizeArgName(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, "");
}

const aliasTables = new WeakMap<ArgSpecs, Map<string, string>>();

/** Every name an argument answers to, normalized, with the argument's own name; made once per command. */
export function aliasTable(args: ArgSpecs): ReadonlyMap<string, string> {
  const made = aliasTables.get(args);
  if (made) return made;
  const table = new Map<string, string>();
  aliasTables.set(args, table);
  for (const [name, spec] of Object.entries(args)) {
    table.set(normalizeArgName(name), name);
    for (const alias of spec.aliases) table.set(normalizeArgName(alias), name);
  }
  return table;
}

/** Who reads a refusal: its language, and the labels of arguments in it. */
export interface Reader {
  t: Translate;
  locale: Locale;
}

/**
 * An argument name the command does not take, with the ones nearest to it: the router, which has
 * the line as typed, offers that line with each of them as a button.
 */
export class UnknownArgumentError extends UserError {
  constructor(
    params: Record<string, string>,
    readonly typedKey: string,
    readonly suggested: readonly string[],
  ) {
    super(suggested.length > 0 ? "args.unknownNear" : "args.unknown", params);
  }
}

function unknownArgument(definition: CommandShape, key: string, reader: Reader): UnknownArgumentError {
  const specs = Object.entries(definition.args as ArgSpecs);
  const label = ([name, spec]: [string, ArgSpec]) => argLabel(reader.locale, spec, name);
  const suggested = nearest(
    key,
    specs.map((entry) => ({ names: withPinyin([entry[0], ...entry[1].aliases]), value: label(entry) })),
  );
  return new UnknownArgumentError(
    {
      arg: key,
      known: listed(reader.t, specs.map(label)) || "-",
      suggestions: suggested.join(` ${reader.t("common.or")} `),
    },
    key,
    suggested,
  );
}

/** Assigns words and key:value pairs to a command's arguments, as raw text. */
export function bindTokens(definition: CommandShape, tokens: Token[], reader: Reader): Record<string, string> {
  const raw: Record<string, string> = {};
  const aliases = aliasTable(definition.args);
  const words: string[] = [];
  const isMoney = (name: string) => definition.args[name]!.kind === "money";
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.kind === "word") {
      words.push(token.value);
      continue;
    }
    const name = aliases.get(normalizeArgName(token.key));
    if (!name) throw unknownArgument(definition, token.key, reader);
    if (name in raw) throw new UserError("args.duplicate", { arg: token.key });
    raw[name] = token.value;
    const next = tokens[i + 1];
    if (isMoney(name) && next?.kind === "word" && MONEY_UNIT_WORD.test(next.value)) raw[name] += tokens[++i]!.value;
  }
  const positional = Object.entries(definition.args).filter(([name, spec]) => spec.positional && !(name in raw));
  for (const [name, spec] of positional) {
    if (words.length === 0) break;
    raw[name] = spec.rest ? words.splice(0).join(" ") : words.shift()!;
    if (isMoney(name) && MONEY_UNIT_WORD.test(words[0] ?? "")) raw[name] += words.shift();
  }
  if (words.length > 0) throw new UserError("args.extra", { value: words.join(" ") });
  return raw;
}

/**
 * The command line that runs `definition` with these raw arguments (for buttons and choices), its
 * named arguments written as the reader would type them: 页:2 in Chinese, page:2 in English.
 */
export function commandLine(
  definition: {
    path: readonly string[];
    args: Record<string, Pick<ArgSpec, "positional"> & Partial<Pick<ArgSpec, "aliases">>>;
  },
  raw: Record<string, string | undefined>,
  locale: Locale = "en",
): string {
  const parts = [`/${definition.path.join(" ")}`];
  let inOrder = true;
  for (const [name, spec] of Object.entries(definition.args)) {
    const value = raw[name];
    if (value === undefined) {
      if (spec.positional) inOrder = false;
      continue;
    }
    const key = argLabel(locale, { aliases: spec.aliases ?? [] }, name);
    parts.push(spec.positional && inOrder ? quoteIfNeeded(value) : `${key}:${quoteIfNeeded(value)}`);
  }
  return parts.join(" ");
}
