import type { MessageKey, PhraseGroup } from "./messages.js";

/** A phrase of a group for a value, with what the phrase's own text takes (see `phrase`). */
export type Phrase = { group: PhraseGroup; value: string; params?: Record<string, string> };
/** A value in a refusal: shown as is, a date in the user's format, a phrase (a status, a kind) or a list of phrases in the user's language. */
export type ErrorParam = string | number | Date | Phrase | readonly Phrase[];

/** A choice offered with a refusal, e.g. the candidates for an ambiguous customer name. */
export interface Choice {
  label: string;
  /** Replaces this argument of the refused invocation to make the command that picks it. */
  arg: string;
  value: string;
}

/**
 * A refusal the user can act on. The code is the translation key of the message, so every
 * refusal is translated; the router turns it into a private reply.
 */
export class UserError extends Error {
  constructor(
    readonly code: MessageKey,
    readonly params: Record<string, ErrorParam> = {},
    readonly choices: Choice[] = [],
  ) {
    super(code);
    this.name = "UserError";
  }
}
