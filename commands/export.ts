import { type PhraseGroup, phrase } from "../src/core/messages.js";
import { addDays } from "date-fns/addDays";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { dayOf } from "../src/core/dates.js";
import { reply } from "../src/core/reply.js";
import { IMPORT_KINDS } from "../src/domain/imports/columns.js";
import { encodeCsv } from "../src/domain/imports/decode.js";
import { type ExportWords, STORED_WORDS } from "../src/domain/imports/export.js";
import { IMPORT_KIND_WORDS } from "../src/domain/vocabulary.js";

export default defineCommand({
  path: ["export"],
  role: "admin",
  args: {
    kind: arg.choice("importKind", IMPORT_KINDS, IMPORT_KIND_WORDS, {
      required: true,
      positional: true,
      aliases: ["类型"],
    }),
    encoding: arg.choice(
      "encoding",
      ["utf8", "gbk"] as const,
      { GBK: "gbk", GB18030: "gbk", "UTF-8": "utf8" },
      { aliases: ["编码"] },
    ),
    from: arg.date({ aliases: ["从", "开始"] }),
    to: arg.date({ aliases: ["到", "结束"] }),
  },
  examples: ["orders", "customers encoding:gbk", "payments from:2026-01-01 to:2026-06-30"],
  async handle({ args, services, t, fmt, now }) {
    // A Chinese sheet reads 经销商 and 是 where an English one keeps the stored dealer and 1.
    const words: ExportWords = {
      ...(fmt.locale === "zh-CN"
        ? {
            choice: (vocabulary: string, value: string) => phrase(t, `vocab.${vocabulary}` as PhraseGroup, value),
            yes: t("common.yes"),
            no: t("common.no"),
          }
        : STORED_WORDS),
      voided: (mark) =>
        t("entry.exportMark", { date: dayOf(mark.at, fmt.timezone), by: mark.by ?? "-", reason: mark.reason }),
    };
    const { text, rows } = await services.imports.export(
      args.kind,
      fmt.locale,
      { gte: args.from, lt: args.to && addDays(args.to, 1) },
      words,
    );
    return {
      ...reply({
        type: "text",
        text: t("export.done", { kind: phrase(t, "vocab.importKind", args.kind), count: fmt.formatNumber(rows) }),
      }),
      files: [
        {
          name: `${args.kind}-${dayOf(now, fmt.timezone)}.csv`,
          mime: "text/csv",
          data: encodeCsv(text, args.encoding ?? "utf8"),
          title: phrase(t, "vocab.importKind", args.kind),
        },
      ],
    };
  },
});
