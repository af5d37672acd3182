import { describe, expect, it } from "vitest";
import { commands } from "../../commands/index.js";
import type { ArgSpecs } from "../../src/core/args.js";
import { bindTokens } from "../../src/core/bind.js";
import { choiceLabel } from "../../src/core/command-texts.js";
import { exampleLine } from "../../src/core/help.js";
import type { Locale } from "../../src/core/locale.js";
import { tokenize } from "../../src/core/tokenize.js";
import { translator } from "../../src/i18n/index.js";

const LOCALES: Locale[] = ["zh-CN", "en"];

describe("the examples in a command's help", () => {
  it("name arguments and choices as the reader types them, and mean exactly what the example means", () => {
    for (const locale of LOCALES) {
      const reader = { t: translator(locale), locale };
      for (const command of commands) {
        const specs = command.args as ArgSpecs;
        // A choice's label and the me/team words stand for their stored value.
        const meaning = (line: string) =>
          Object.fromEntries(
            Object.entries(bindTokens(command, tokenize(line), reader)).map(([name, value]) => {
              const spec = specs[name]!;
              const stored = spec.choices?.find((c) => choiceLabel(reader.t, spec, c) === value);
              const who =
                value === reader.t("common.teamWord") ? "team" : value === reader.t("common.meWord") ? "me" : value;
              return [name, stored ?? (spec.kind === "user" ? who : value)];
            }),
          );
        for (const example of command.examples ?? []) {
          const shown = exampleLine(command, example, reader);
          expect(meaning(shown), `${locale} /${command.path.join(" ")} ${shown}`).toEqual(meaning(example));
        }
      }
    }
  });

  it("show a Chinese reader Chinese argument names and labels, an English reader English names", () => {
    const command = commands.find((c) => c.path.join(" ") === "alert list")!;
    const zh = { t: translator("zh-CN"), locale: "zh-CN" as const };
    const en = { t: translator("en"), locale: "en" as const };
    expect(exampleLine(command, "who:team severity:critical", zh)).toBe("谁:团队 级别:严重");
    expect(exampleLine(command, "receivables status:all", zh)).toBe("外欠款超额度 状态:全部");
    expect(exampleLine(command, "who:team severity:critical", en)).toBe("who:team severity:critical");
    const visit = commands.find((c) => c.path.join(" ") === "visit log")!;
    expect(exampleLine(visit, "华达 谈了新品 回访:下周三", en)).toBe("华达 谈了新品 followUp:下周三");
  });
});
