import type { ArgSpec } from "./args.js";
import type { Locale } from "./locale.js";
import { type CommandShape, commandKey } from "./command-shape.js";
import type { MessageKey, Translate } from "./messages.js";

/*
 * A command's texts live under `commands.<key>` and a choice's labels under `vocab.<vocabulary>`;
 * the keys are built from the registry here, once. A test holds every command and choice of the
 * registry to the catalogue in both languages, which the compiler cannot.
 */

/** What a command does: `commands.<key>.description`. */
export function commandDescription(t: Translate, definition: Pick<CommandShape, "path">): string {
  return t(`commands.${commandKey(definition)}.description` as MessageKey);
}

/** What an argument is: `commands.<key>.args.<name>`. */
export function argDescription(t: Translate, definition: Pick<CommandShape, "path">, name: string): string {
  return t(`commands.${commandKey(definition)}.args.${name}` as MessageKey);
}

/** A choice's label in the reader's language: `vocab.<vocabulary>.<value>`. */
export function choiceLabel(t: Translate, spec: Pick<ArgSpec, "vocabulary">, value: string): string {
  return t(`vocab.${spec.vocabulary}.${value}` as MessageKey);
}

/**
 * How an argument is named to a reader: in Chinese by its first Chinese alias (回访 for followUp),
 * which the parser accepts as typed, in English by its own name.
 */
export function argLabel(locale: Locale, spec: Pick<ArgSpec, "aliases">, name: string): string {
  if (locale !== "zh-CN") return name;
  return spec.aliases.find((a) => /\p{Script=Han}/u.test(a)) ?? name;
}

/** Items listed in the reader's language: 经销商、零售商 or dealer, retailer. */
export const listed = (t: Translate, items: readonly string[]) => items.join(t("common.listSeparator"));
