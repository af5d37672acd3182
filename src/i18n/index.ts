import i18next from "i18next";
import type { Locale } from "../config.js";
import { en } from "./locales/en.js";
import { zhCN } from "./locales/zh-CN.js";

type Leaves<T, Prefix extends string = ""> = {
  [K in keyof T & string]: T[K] extends string ? `${Prefix}${K}` : Leaves<T[K], `${Prefix}${K}.`>;
}[keyof T & string];

/** Every translation key, checked by the compiler wherever a key is written. */
export type MessageKey = Leaves<typeof zhCN>;
export type Translate = (key: MessageKey, params?: Record<string, unknown>) => string;

export const LOCALES: readonly Locale[] = ["zh-CN", "en"];

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

/**
 * The locale's translate function. A message without parameters always reads the same, and a
 * reply looks up dozens of them, so each is resolved through i18next once and then remembered:
 * i18next's lookup was a tenth of a command's time. The keys are the catalogue's, so this stays small.
 * The others go to `i18n.t` with the language among the options rather than through
 * `getFixedT`, whose wrapper copies all of i18next's options on every call (a tenth of a
 * follow-up list's time).
 */
export function translator(locale: Locale): Translate {
  let translate = translators.get(locale);
  if (!translate) {
    const plain = new Map<string, string>();
    translate = (key, params) => {
      if (params) return i18n.t(key, { ...params, lng: locale }) as string;
      let text = plain.get(key);
      if (text === undefined) plain.set(key, (text = i18n.t(key, { lng: locale }) as string));
      return text;
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
