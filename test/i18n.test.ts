import { describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { commandKey } from "../src/core/command.js";
import { hasMessage, LOCALES } from "../src/i18n/index.js";
import { en } from "../src/i18n/locales/en.js";
import { zhCN } from "../src/i18n/locales/zh-CN.js";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) => (typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`)));
}

describe("translations", () => {
  it("have the same keys in every locale, none empty", () => {
    expect(keys(en).sort()).toEqual(keys(zhCN).sort());
    for (const locale of [zhCN, en]) {
      for (const key of keys(locale)) {
        const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], locale);
        expect(value, key).not.toBe("");
      }
    }
  });

  it("use the same placeholders in every locale", () => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const lookup = (tree: object, key: string) => key.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], tree) as string;
    for (const key of keys(zhCN)) expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(zhCN, key)));
  });

  it("describe every command, argument and choice in every locale", () => {
    for (const locale of LOCALES) {
      for (const command of commands) {
        const key = commandKey(command);
        expect(hasMessage(locale, `commands.${key}.description`), `${locale} ${key}`).toBe(true);
        for (const [name, spec] of Object.entries(command.args)) {
          expect(hasMessage(locale, `commands.${key}.args.${name}`), `${locale} ${key}.${name}`).toBe(true);
          for (const choice of spec.choices ?? []) {
            expect(hasMessage(locale, `vocab.${spec.vocabulary}.${choice}`), `${locale} vocab.${spec.vocabulary}.${choice}`).toBe(true);
          }
        }
      }
    }
  });
});
