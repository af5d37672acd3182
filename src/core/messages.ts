/**
 * The translation keys, named here without importing the catalogue: `src/i18n` registers them by
 * declaration merging (`declare module` … `interface MessageCatalog { key: … }`), so that core
 * stays below i18n and every key is still checked by the compiler.
 */
// biome-ignore lint/suspicious/noEmptyInterface: filled in by src/i18n through declaration merging
export interface MessageCatalog {}

export type MessageKey = MessageCatalog extends { key: infer K extends string } ? K : string;
export type Translate = (key: MessageKey, params?: Record<string, unknown>) => string;
