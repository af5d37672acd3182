import { line } from "./command-line.js";
import { phrase, type MessageKey, type PhraseGroup, type Translate } from "../core/messages.js";
import type { Block } from "../core/reply.js";
import {
  COLUMNS,
  cellForm,
  namesCustomer,
  normalizeHeader,
  type Column,
  type ImportKind,
} from "../domain/imports/columns.js";
import type { Formatter } from "../i18n/format.js";

/**
 * What `/import <kind>` without a file answers: the columns its file may have, as the reader names
 * them, how each cell is written, and how to send the file from where the user is.
 */
export function importGuide(kind: ImportKind, t: Translate, fmt: Formatter, platform: string): Block[] {
  const { locale } = fmt;
  const console = platform === "console";
  // Feishu carries no text with a file: the file is sent alone, and its reply offers the kinds.
  const send = console
    ? "import.guide.sendConsole"
    : platform === "feishu"
      ? "import.guide.sendFeishu"
      : "import.guide.sendChat";
  const separator = t("common.listSeparator");
  const columns = COLUMNS[kind];
  const kindWord = phrase(t, "vocab.importKind", kind);
  // A Chinese sheet writes the vocabulary's words (经销商), an English one the stored values (dealer), as the export does.
  const choices = (column: Column) =>
    (column.values ?? [])
      .map((value) => (locale === "zh-CN" ? phrase(t, `vocab.${column.vocabulary}` as PhraseGroup, value) : value))
      .join(separator);
  // Each name once as the import compares them: 金额(元) is 金额 with its unit.
  const otherNames = (column: Column) => {
    const seen = new Set([normalizeHeader(column.header[locale])]);
    return [column.header[locale === "zh-CN" ? "en" : "zh-CN"], ...(column.aliases ?? [])]
      .filter((name) => !seen.has(normalizeHeader(name)) && seen.add(normalizeHeader(name)))
      .join(separator);
  };
  const required = columns.filter((c) => c.required);
  const fewest = [...(namesCustomer(kind) ? [columns.find((c) => c.field === "customer")!] : []), ...required]
    .map((c) => c.header[locale])
    .join(separator);
  const command = line(
    "import",
    { kind: locale === "zh-CN" ? kindWord : kind, ...(console ? { file: `./${kindWord}.csv` } : {}) },
    locale,
  );
  return [
    { type: "heading", text: t("import.guide.title", { kind: kindWord }) },
    { type: "text", text: t("import.guide.intro") },
    {
      type: "list",
      items: columns.map((column) => ({
        title: column.required ? `${column.header[locale]} *` : column.header[locale],
        detail: [
          t(`import.guide.form.${cellForm(column)}` as MessageKey, { values: choices(column) }),
          ...(otherNames(column) ? [t("import.guide.alsoNamed", { names: otherNames(column) })] : []),
        ].join(" · "),
      })),
    },
    ...(namesCustomer(kind) ? [{ type: "note" as const, text: t("import.guide.customer") }] : []),
    { type: "text", text: t("import.guide.fewest", { columns: fewest }) },
    { type: "note", text: t(send, { command, kind: kindWord }) },
    { type: "note", text: t("import.guide.excel") },
  ];
}
