import { stringify } from "csv-stringify/sync";
import { addDays } from "date-fns/addDays";
import type { TableSheet } from "../charts/table.js";
import type { Translate } from "../core/messages.js";
import { toDecimal } from "../core/money.js";
import { defuseFormula } from "../domain/imports/export.js";
import { formatId } from "../domain/ids.js";
import type { Statement, StatementLine } from "../domain/trading/statement.js";
import type { Formatter } from "../i18n/format.js";
import { goodsText } from "./goods.js";

type Party = { name: string; code: string };

/** What an order or payment was for, on a statement: goods, or the payment's note. */
function summary(fmt: Formatter, line: StatementLine): string {
  return [goodsText(fmt, line.entry), line.entry.note].filter(Boolean).join(" · ");
}

/** The period, its last day shown, not the day after. */
export function statementPeriod(fmt: Formatter, statement: Statement): string {
  return fmt.formatDateRange(statement.from, addDays(statement.until, -1));
}

/** The statement as a spreadsheet: one row per entry, opening and closing rows around them. */
export function statementCsv(t: Translate, fmt: Formatter, customer: Party, statement: Statement): string {
  const money = (minor: bigint) => toDecimal(minor);
  const rows: string[][] = [
    [t("statement.csv.customer"), `${customer.name}（${customer.code}）`],
    [t("statement.csv.period"), statementPeriod(fmt, statement)],
    [
      t("statement.column.date"),
      t("statement.column.id"),
      t("statement.column.kind"),
      t("statement.column.summary"),
      t("statement.column.ordered"),
      t("statement.column.paid"),
      t("statement.column.balance"),
      t("statement.column.voided"),
    ],
    ["", "", "", t("statement.opening"), "", "", money(statement.opening), ""],
    ...statement.lines.map((line) => {
      const e = line.entry;
      const amount = money(e.amount);
      return [
        fmt.formatDate(e.at),
        formatId(e.kind, e.number),
        t(`entry.kind.${e.kind}`),
        summary(fmt, line),
        e.kind === "order" ? amount : "",
        e.kind === "payment" ? amount : "",
        money(line.balance),
        e.voided
          ? t("entry.exportMark", { date: fmt.formatDate(e.voided.at), by: e.voided.by ?? "", reason: e.voided.reason })
          : "",
      ];
    }),
    ["", "", "", t("statement.closing"), money(statement.ordered), money(statement.paid), money(statement.closing), ""],
  ];
  // Every row as wide as the table, so that tools stricter than Excel read it too.
  const width = rows[2]!.length;
  return stringify(rows.map((row) => [...row, ...Array<string>(width - row.length).fill("")].map(defuseFormula)));
}

/** The statement as a printable sheet, for a rep to forward to the customer. */
export function statementSheet(
  t: Translate,
  fmt: Formatter,
  customer: Party,
  statement: Statement,
  printedAt: Date,
): TableSheet {
  const money = (minor: bigint) => fmt.formatMoney(minor);
  return {
    title: t("statement.sheetTitle"),
    subtitle: [
      fmt.labelled(t("statement.csv.customer"), `${customer.name}（${customer.code}）`),
      fmt.labelled(t("statement.csv.period"), statementPeriod(fmt, statement)),
      fmt.labelled(t("statement.opening"), money(statement.opening)),
    ],
    columns: [
      { header: t("statement.column.date"), width: 130 },
      { header: t("statement.column.id"), width: 110 },
      { header: t("statement.column.kind"), width: 80 },
      { header: t("statement.column.summary"), width: 324 },
      { header: t("statement.column.ordered"), width: 150, align: "right" },
      { header: t("statement.column.paid"), width: 150, align: "right" },
      { header: t("statement.column.balance"), width: 200, align: "right" },
    ],
    rows: statement.lines.map((line) => {
      const e = line.entry;
      const amount = money(e.amount);
      const what = summary(fmt, line);
      return {
        struck: e.voided !== null,
        cells: [
          fmt.formatDate(e.at),
          formatId(e.kind, e.number),
          t(`entry.kind.${e.kind}`),
          e.voided ? `${t("statement.voidedWord")} ${what}`.trim() : what,
          e.kind === "order" ? amount : "",
          e.kind === "payment" ? amount : "",
          money(line.balance),
        ],
      };
    }),
    footer: [
      fmt.labelled(t("statement.ordered"), money(statement.ordered)),
      fmt.labelled(t("statement.paid"), money(statement.paid)),
      fmt.labelled(t("statement.closing"), money(statement.closing)),
      t("statement.printed", { date: fmt.formatDate(printedAt) }),
    ],
  };
}
