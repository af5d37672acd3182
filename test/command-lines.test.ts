import { translator } from "../src/i18n/index.js";
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { bindTokens } from "../src/core/bind.js";
import { tokenize } from "../src/core/tokenize.js";
import { line } from "../src/views/command-line.js";
import { commandLinesSource } from "../scripts/command-lines.js";

describe("button lines", () => {
  it("are typed by a file generated from the registry, so they cannot drift", () => {
    expect(readFileSync(join(import.meta.dirname, "../src/views/command-lines.generated.ts"), "utf8")).toBe(
      commandLinesSource(),
    );
  });

  it("read back as the command and arguments they were built from, positional where they can be", () => {
    const cases = [
      [line("alert assign", { id: "YJ-0001" }), "alert assign", { id: "YJ-0001" }],
      [line("visit plan", { who: "王 伟", month: "2026-12" }), "visit plan", { who: "王 伟", month: "2026-12" }],
      [line("report rep", { who: "team", month: "2026-11" }), "report rep", { who: "team", month: "2026-11" }],
      [line("followups"), "followups", {}],
      [line("report rep", { who: "团队", month: "2026-11" }, "zh-CN"), "report rep", { who: "团队", month: "2026-11" }],
      [line("visit plan", { who: "王伟", month: "2026-12" }, "zh-CN"), "visit plan", { who: "王伟", month: "2026-12" }],
    ] as const;
    expect(cases.map(([text]) => text)).toEqual([
      "/alert assign YJ-0001",
      "/visit plan who:“王 伟” month:2026-12",
      "/report rep who:team 2026-11",
      "/followups",
      "/report rep 谁:团队 2026-11",
      "/visit plan 谁:王伟 月份:2026-12",
    ]);
    for (const [text, path, args] of cases) {
      const definition = commands.find((c) => c.path.join(" ") === path)!;
      const tokens = tokenize(text.slice(1)).slice(definition.path.length);
      expect(bindTokens(definition, tokens, { t: translator("zh-CN"), locale: "zh-CN" })).toEqual(args);
    }
  });
});
