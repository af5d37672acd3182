import i18next from "i18next";
import type { Locale } from "../core/locale.js";
import type { Translate } from "../core/messages.js";
import { en } from "./locales/en.js";
import { zhCN } from "./locales/zh-CN.js";
import { compileMessage, pluralTemplate, type Message } from "./messages.js";

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every translation key, checked by the compiler wherever a key is written (core names them as MessageKey). */
declare module "../core/messages.js" {
  interface MessageCatalog {
    key: Leaves<typeof zhCN>;
  }
}

const i18n = i18next.createInstance();
void i18n.init({
  resources: { "zh-CN": { translation: zhCN }, en: { translation: en } },
  lng: "zh-CN",
  fallbackLng: false,
  initAsync: false,
  interpolation: { escapeValue: false },
  returnNull: false,
});

const translators = new Map<Locale, Translate>();
const NO_PARAMS = Object.freeze({});

/** i18next's own answer: what every compiled message is held to, and the path for anything else. */
export function translateThroughI18next(locale: Locale, key: string, params?: Record<string, unknown>): string {
  return i18n.t(key, { ...params, lng: locale }) as string;
}

/**
 * The locale's translate function. Each message is compiled on first use (`messages.ts`) and
 * then remembered; the keys are the catalogue's, so this stays small. i18next still answers
 * what compiling does not cover: a key the catalogue lacks, or a `count` that is not a number.
 */
export function translator(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    const rules = new Intl.PluralRules(locale);
    const lookup = (key: string) => i18n.getResource(locale, "translation", key);
    const messages = new Map<string, Message | null>();
    translate = (key, params) => {
      let message = messages.get(key);
      if (message === undefined) messages.set(key, (message = compileMessage(lookup, key) ?? null));
      if (!message) return translateThroughI18next(locale, key, params);
      if (!params) return message.text(NO_PARAMS);
      const { count } = params;
      if (count === undefined) return message.text(params);
      if (typeof count !== "number") return translateThroughI18next(locale, key, params);
      return pluralTemplate(message, rules, count)(params);
    };
    translators.set(locale, translate);
  }
  return translate;
}

export function hasMessage(locale: Locale, key: string): boolean {
  return i18n.exists(key, { lng: locale });
}

/** Accepts zh, zh_CN, zh-Hans, en-US... as reported by platforms; anything else is undefined. */
export function normalizeLocale(value: string | undefined | null): Locale | undefined {
  if (!value) return undefined;
  const v = value.toLowerCase();
  if (v.startsWith("zh")) return "zh-CN";
  if (v.startsWith("en")) return "en";
  return undefined;
}
