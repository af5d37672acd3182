import { phrase } from "../src/core/messages.js";
import { readFile, stat } from "node:fs/promises";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { UserError } from "../src/core/errors.js";
import { reply, type Block } from "../src/core/reply.js";
import { IMPORT_KINDS } from "../src/domain/imports/columns.js";
import { importGuide } from "../src/views/import-guide.js";
import { ENCODINGS } from "../src/domain/imports/decode.js";
import { IMPORT_KIND_WORDS } from "../src/domain/vocabulary.js";

/** Problems listed in the reply; the rest are counted. */
const SHOWN_PROBLEMS = 20;

export default defineCommand({
  path: ["import"],
  role: "admin",
  args: {
    kind: arg.choice("importKind", IMPORT_KINDS, IMPORT_KIND_WORDS, {
      required: true,
      positional: true,
      aliases: ["类型"],
    }),
    file: arg.text({ positional: true, max: 500, aliases: ["文件"], file: true }),
    encoding: arg.choice(
      "encoding",
      ENCODINGS,
      { GBK: "gbk", GB18030: "gbk", "UTF-8": "utf8", 自动: "auto" },
      { aliases: ["编码"] },
    ),
    dryRun: arg.bool({ aliases: ["试运行", "预览"] }),
    skipBad: arg.bool({ aliases: ["跳过错误"] }),
    force: arg.bool({ aliases: ["仍然新建"] }),
  },
  examples: [
    "orders",
    "orders ./进货.csv dryRun:是",
    "customers 客户.csv",
    "payments 回款.csv encoding:gbk skipBad:是",
  ],
  async handle({ args, services, t, fmt, platform, attachments, progress }) {
    // Without a file, the kind's columns: what the user needs to make one.
    if (!attachments[0] && !args.file) return reply(...importGuide(args.kind, t, fmt, platform));
    const data = attachments[0]?.data ?? (await localFile(platform, args.file!, services.imports.maxFileBytes));
    const summary = await services.imports.run(args.kind, data, {
      encoding: args.encoding ?? "auto",
      dryRun: args.dryRun ?? false,
      skipBad: args.skipBad ?? false,
      allowDuplicates: args.force ?? false,
      defaultCategory: t("trading.defaultCategory"),
      onRead: (rows) => progress(t("import.progressRead", { rows: fmt.formatNumber(rows) })),
      onProgress: (done, total) =>
        progress(t("import.progress", { done: fmt.formatNumber(done), total: fmt.formatNumber(total) })),
    });
    const counts = {
      kind: phrase(t, "vocab.importKind", summary.kind),
      created: summary.created,
      updated: summary.updated,
      unchanged: summary.unchanged,
    };
    const headline = summary.written
      ? t("import.done", counts)
      : args.dryRun
        ? t("import.dryRun", counts)
        : summary.problemCount > 0 && !args.skipBad
          ? t("import.refused", { count: summary.problemCount })
          : t("import.nothingNew", counts);
    const blocks: Block[] = [
      { type: "heading", text: headline },
      {
        type: "fields",
        fields: [
          { label: t("import.rows"), value: fmt.formatNumber(summary.rows) },
          { label: t("import.encoding"), value: summary.encoding === "gbk" ? "GBK / GB18030" : "UTF-8" },
          { label: t("import.problemRows"), value: fmt.formatNumber(summary.problemCount) },
        ],
      },
    ];
    if (summary.problems.length > 0) {
      blocks.push({
        type: "list",
        title: t("import.problemsTitle"),
        items: summary.problems
          .slice(0, SHOWN_PROBLEMS)
          .map((p) => ({ title: t("import.line", { line: p.line }), detail: t(p.reason, p.params) })),
      });
      if (summary.problemCount > SHOWN_PROBLEMS)
        blocks.push({
          type: "note",
          text: t("import.moreProblems", { count: summary.problemCount - SHOWN_PROBLEMS }),
        });
      blocks.push({
        type: "note",
        text: t(problemNote(args.dryRun ?? false, args.skipBad ?? false, summary.created + summary.updated > 0)),
      });
    }
    if (summary.ignoredHeaders.length > 0)
      blocks.push({ type: "note", text: t("import.ignoredHeaders", { headers: summary.ignoredHeaders.join("、") }) });
    return reply(...blocks);
  },
});

/**
 * Only the console may name a file on the machine the bot runs on; chat platforms attach one. Its
 * size is checked before it is read, against the same cap as an attachment's.
 */
async function localFile(platform: string, path: string, maxBytes: number): Promise<Uint8Array> {
  if (platform !== "console") throw new UserError("import.attachFile");
  try {
    if ((await stat(path)).size > maxBytes)
      throw new UserError("attachment.tooLarge", { name: path, max: Math.round(maxBytes / 1024 / 1024) });
    return await readFile(path);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === "ENOENT" || (error as NodeJS.ErrnoException).code === "EISDIR")
      throw new UserError("import.fileNotFound", { path });
    throw error;
  }
}

/**
 * What becomes of the rows with problems: a dry run says what an import would do, never that it
 * did; skipping them says "the rest are imported" only when the rest changed anything.
 */
function problemNote(dryRun: boolean, skipBad: boolean, changed: boolean) {
  if (dryRun) return skipBad ? "import.dryRunSkipNote" : "import.dryRunAllOrNothing";
  if (!skipBad) return "import.allOrNothing";
  return changed ? "import.skippedNote" : "import.skippedNothingNew";
}
