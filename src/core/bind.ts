import type { ArgSpec, ArgSpecs } from "./args.js";
import type { CommandShape } from "./command-shape.js";
import { UserError } from "./errors.js";
import { quoteIfNeeded, type Token } from "./tokenize.js";

/** Argument names are matched ignoring case, "_" and "-": credit_limit = creditLimit = CreditLimit. */
export function normalizeArgName(name: string): string {
  return name.toLowerCase().replace(/[_-]/g, "");
}

function aliasTable(args: ArgSpecs): Map<string, string> {
  const table = new Map<string, string>();
  for (const [name, spec] of Object.entries(args)) {
    table.set(normalizeArgName(name), name);
    for (const alias of spec.aliases) table.set(normalizeArgName(alias), name);
  }
  return table;
}

/** Assigns words and key:value pairs to a command's arguments, as raw text. */
export function bindTokens(definition: CommandShape, tokens: Token[]): Record<string, string> {
  const raw: Record<string, string> = {};
  const aliases = aliasTable(definition.args);
  const words: string[] = [];
  for (const token of tokens) {
    if (token.kind === "word") {
      words.push(token.value);
      continue;
    }
    const name = aliases.get(normalizeArgName(token.key));
    if (!name)
      throw new UserError("args.unknown", { arg: token.key, known: Object.keys(definition.args).join(", ") || "-" });
    if (name in raw) throw new UserError("args.duplicate", { arg: token.key });
    raw[name] = token.value;
  }
  const positional = Object.entries(definition.args).filter(([name, spec]) => spec.positional && !(name in raw));
  for (const [name, spec] of positional) {
    if (words.length === 0) break;
    raw[name] = spec.rest ? words.splice(0).join(" ") : words.shift()!;
  }
  if (words.length > 0) throw new UserError("args.extra", { value: words.join(" ") });
  return raw;
}

/** The command line that runs `definition` with these raw arguments (for buttons and choices). */
export function commandLine(
  definition: { path: readonly string[]; args: Record<string, Pick<ArgSpec, "positional">> },
  raw: Record<string, string | undefined>,
): string {
  const parts = [`/${definition.path.join(" ")}`];
  let inOrder = true;
  for (const [name, spec] of Object.entries(definition.args)) {
    const value = raw[name];
    if (value === undefined) {
      if (spec.positional) inOrder = false;
      continue;
    }
    parts.push(spec.positional && inOrder ? quoteIfNeeded(value) : `${name}:${quoteIfNeeded(value)}`);
  }
  return parts.join(" ");
}
