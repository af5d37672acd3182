import { describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { commandKey } from "../src/core/command-shape.js";
import { LOCALES } from "../src/core/locale.js";
import { hasMessage, translateThroughI18next, translator } from "../src/i18n/index.js";
import type { MessageKey } from "../src/core/messages.js";
import { en } from "../src/i18n/locales/en.js";
import { zhCN } from "../src/i18n/locales/zh-CN.js";

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}

describe("translations", () => {
  it("have the same keys in every locale, none empty", () => {
    const singulars = keys(en).filter((k) => k.endsWith("_one"));
    expect(
      keys(en)
        .filter((k) => !singulars.includes(k))
        .sort(),
    ).toEqual(keys(zhCN).sort());
    for (const key of singulars) expect(keys(zhCN), key).toContain(key.slice(0, -"_one".length));
    for (const locale of [zhCN, en]) {
      for (const key of keys(locale)) {
        const value = key.split(".").reduce<unknown>((node, part) => (node as Record<string, unknown>)[part], locale);
        expect(value, key).not.toBe("");
      }
    }
  });

  it("use the same placeholders in every locale", () => {
    const placeholders = (text: string) => [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]).sort();
    const lookup = (tree: object, key: string) =>
      key.split(".").reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], tree) as string;
    for (const key of keys(zhCN)) expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(zhCN, key)));
    // A singular form may spell the count out ("1 day") but uses no other placeholder.
    for (const key of keys(en).filter((k) => k.endsWith("_one"))) {
      const base = placeholders(lookup(zhCN, key.slice(0, -"_one".length)));
      expect(base, `${key} has a singular form, so its message must take a count`).toContain("count");
      for (const name of placeholders(lookup(en, key))) expect(base, key).toContain(name);
    }
  });

  it("describe every command, argument and choice in every locale", () => {
    for (const locale of LOCALES) {
      for (const command of commands) {
        const key = commandKey(command);
        expect(hasMessage(locale, `commands.${key}.description`), `${locale} ${key}`).toBe(true);
        for (const [name, spec] of Object.entries(command.args)) {
          expect(hasMessage(locale, `commands.${key}.args.${name}`), `${locale} ${key}.${name}`).toBe(true);
          for (const choice of spec.choices ?? []) {
            expect(
              hasMessage(locale, `vocab.${spec.vocabulary}.${choice}`),
              `${locale} vocab.${spec.vocabulary}.${choice}`,
            ).toBe(true);
          }
        }
      }
    }
  });

  it("read exactly as i18next writes them, for every message, count and kind of parameter", () => {
    const trees = { "zh-CN": zhCN, en } as const;
    let compared = 0;
    for (const locale of LOCALES) {
      const t = translator(locale);
      for (const key of keys(trees[locale]).filter((k) => !/_(zero|one|two|few|many|other)$/.test(k))) {
        const names = [
          ...new Set(
            keys(trees[locale])
              .filter((k) => k === key || k.startsWith(`${key}_`))
              .flatMap((k) => {
                const text = k
                  .split(".")
                  .reduce<unknown>((n, p) => (n as Record<string, unknown>)[p], trees[locale]) as string;
                return [...text.matchAll(/{{(\w+)}}/g)].map((m) => m[1]!);
              }),
          ),
        ];
        const filled = Object.fromEntries(names.map((name, i) => [name, `«${name}${i}»`]));
        const variants: (Record<string, unknown> | undefined)[] = [
          undefined,
          {},
          filled,
          // A parameter left out keeps its placeholder; one given as undefined or null reads as nothing.
          ...names.map((name) => ({ ...filled, [name]: undefined })),
          ...names.map((name) => Object.fromEntries(Object.entries(filled).filter(([n]) => n !== name))),
          ...names.map((name) => ({ ...filled, [name]: null })),
          ...names.map((name) => ({ ...filled, [name]: 1234.5 })),
          ...[0, 1, 2, 5, 21, 1.5, -1].map((count) => ({ ...filled, count })),
          { ...filled, count: "1" },
        ];
        for (const params of variants) {
          expect(t(key as MessageKey, params), `${locale} ${key} ${JSON.stringify(params)}`).toBe(
            translateThroughI18next(locale, key, params),
          );
          compared++;
        }
      }
      expect(t("no.such.key" as MessageKey, { count: 1 })).toBe(
        translateThroughI18next(locale, "no.such.key", { count: 1 }),
      );
    }
    // A singular form really is picked, so the comparison above covered plurals.
    expect(translator("en")("followup.late", { count: 1 })).toBe("1 day overdue");
    expect(translator("en")("followup.late", { count: 3 })).not.toBe("1 day overdue");
    expect(compared).toBeGreaterThan(5000);
  });
});
