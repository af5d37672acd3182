/** A catalogue message as a function of its parameters. */
export type Template = (params: Readonly<Record<string, unknown>>) => string;

/** The plural forms `Intl.PluralRules` names, plus i18next's `_zero` for a count of exactly 0. */
const PLURAL_FORMS = ["zero", "one", "two", "few", "many", "other"] as const;
type PluralForm = (typeof PLURAL_FORMS)[number];

/**
 * Splits a message at its `{{name}}` placeholders once, so that a reply's dozens of lines are
 * string concatenation rather than a pass through i18next's interpolator each (a third of a
 * follow-up list's time). Interpolates as i18next does with `escapeValue: false`: a value is
 * written with `String`, `null` or a parameter given as `undefined` as nothing, and a parameter
 * not given at all leaves its placeholder as written. `test/i18n.test.ts` holds every message to
 * i18next's own output.
 */
export function compileTemplate(text: string): Template {
  const pieces = text.split(/{{(.+?)}}/);
  if (pieces.length === 1) return () => text;
  const literals = pieces.filter((_, i) => i % 2 === 0);
  const placeholders = pieces.filter((_, i) => i % 2 === 1);
  const names = placeholders.map((p) => p.trim());
  return (params) => {
    let out = literals[0]!;
    for (let i = 0; i < names.length; i++) {
      const name = names[i]!;
      const value = params[name];
      if (value !== undefined) out += value === null ? "" : String(value);
      else if (!Object.hasOwn(params, name)) out += `{{${placeholders[i]}}}`;
      out += literals[i + 1];
    }
    return out;
  };
}

/** A message and its plural forms (`key_one`...), compiled. */
export interface Message {
  text: Template;
  plurals: Partial<Record<PluralForm, Template>> | undefined;
}

export function compileMessage(lookup: (key: string) => unknown, key: string): Message | undefined {
  const text = lookup(key);
  if (typeof text !== "string") return undefined;
  let plurals: Message["plurals"];
  for (const form of PLURAL_FORMS) {
    const variant = lookup(`${key}_${form}`);
    if (typeof variant === "string") (plurals ??= {})[form] = compileTemplate(variant);
  }
  return { text: compileTemplate(text), plurals };
}

/**
 * The form i18next would pick for a numeric `count`: `_zero` for exactly 0 if the message has
 * one, else the locale's plural rule's form if it has that, else the message itself.
 */
export function pluralTemplate(message: Message, rules: Intl.PluralRules, count: number): Template {
  const { plurals } = message;
  if (!plurals) return message.text;
  return (count === 0 ? plurals.zero : undefined) ?? plurals[rules.select(count)] ?? message.text;
}
