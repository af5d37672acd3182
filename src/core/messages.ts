/**
 * The translation keys, named here without importing the catalogue: `src/i18n` registers them by
 * declaration merging (`declare module` … `interface MessageCatalog { key: … }`), so that core
 * stays below i18n and every key is still checked by the compiler.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by src/i18n through declaration merging
export interface MessageCatalog {}

export type MessageKey = MessageCatalog extends { key: infer K extends string } ? K : string;
export type Translate = (key: MessageKey, params?: Record<string, unknown>) => string;

/** Every key's parents: "vocab" and "vocab.role" for "vocab.role.rep". */
type Parents<K extends string> = K extends `${infer Head}.${infer Rest}` ? Head | `${Head}.${Parents<Rest>}` : never;

/** A group of phrases keyed by a value: a vocabulary ("vocab.role"), a set of texts ("complaint.deadline"). */
export type PhraseGroup = Parents<MessageKey>;

/**
 * The phrase for a value of a group, e.g. `phrase(t, "vocab.role", user.role)`: the group is
 * checked by the compiler, the value is data (a status read from the database).
 */
export function phrase(
  t: Translate,
  group: PhraseGroup,
  value: string | number,
  params?: Record<string, unknown>,
): string {
  return t(`${group}.${value}` as MessageKey, params);
}
