import { stringify } from "csv-stringify/sync";
import type { Locale } from "../../core/locale.js";
import { dayOf } from "../../core/dates.js";
import { toDecimal } from "../../core/money.js";
import type { WorkspaceDb } from "../../db/scope.js";
import { formatId } from "../ids.js";
import { STANDING_CONTACT } from "../contacts/service.js";
import { type EntryKind, type VoidMark, voidMark } from "../trading/entries.js";
import { type Column, COLUMNS, type ImportKind } from "./columns.js";

const BATCH = 5_000;

type Row = Record<string, unknown>;

/** Reads a table in id order, a batch at a time, so an export never holds two copies of it. */
async function* batches(read: (after: number) => Promise<(Row & { id: number })[]>): AsyncGenerator<Row[]> {
  let after = 0;
  for (;;) {
    const rows = await read(after);
    if (rows.length === 0) return;
    yield rows;
    after = rows.at(-1)!.id;
  }
}

const customer = { select: { code: true, name: true } } as const;
/** A ledger entry's void (作废), exported beside its id for whoever reads the file. */
const voidedBy = { voidedBy: { select: { name: true } } } as const;
const ledgerInclude = { customer, ...voidedBy } as const;
function entryFacts(
  kind: EntryKind,
  e: { number: number; voidedAt: Date | null; voidReason: string | null; voidedBy: { name: string } | null },
) {
  return { entryId: formatId(kind, e.number), voided: voidMark(e) };
}
function flatten<T extends { id: number; customer: { code: string; name: string } }>({ customer: c, ...row }: T) {
  return { ...row, customer: c.code, customerName: c.name };
}

function reader(db: WorkspaceDb, kind: ImportKind, range: { gte?: Date | undefined; lt?: Date | undefined }) {
  const page = (after: number) => ({ where: { id: { gt: after } }, orderBy: { id: "asc" as const }, take: BATCH });
  switch (kind) {
    case "customers":
      return async (after: number) =>
        (await db.customer.findMany({ ...page(after), include: { owner: { select: { name: true } } } })).map(
          ({ owner, ...c }) => ({ ...c, owner: owner?.name ?? null }),
        );
    case "contacts":
      return async (after: number) =>
        (
          await db.contact.findMany({
            ...page(after),
            where: { id: { gt: after }, ...STANDING_CONTACT },
            include: { customer },
          })
        ).map(flatten);
    case "orders":
      return async (after: number) =>
        (
          await db.order.findMany({
            ...page(after),
            where: { id: { gt: after }, orderedAt: range },
            include: ledgerInclude,
          })
        ).map(({ voidedBy: _, ...o }) => ({
          ...flatten(o),
          date: o.orderedAt,
          ...entryFacts("order", { ...o, voidedBy: _ }),
        }));
    case "payments":
      return async (after: number) =>
        (
          await db.payment.findMany({
            ...page(after),
            where: { id: { gt: after }, paidAt: range },
            include: ledgerInclude,
          })
        ).map(({ voidedBy: _, ...p }) => ({
          ...flatten(p),
          date: p.paidAt,
          ...entryFacts("payment", { ...p, voidedBy: _ }),
        }));
    case "expenses":
      return async (after: number) =>
        (
          await db.expense.findMany({
            ...page(after),
            where: { id: { gt: after }, spentAt: range },
            include: ledgerInclude,
          })
        ).map(({ voidedBy: _, ...e }) => ({
          ...flatten(e),
          date: e.spentAt,
          ...entryFacts("expense", { ...e, voidedBy: _ }),
        }));
    case "plans":
      return async (after: number) =>
        (await db.salesPlan.findMany({ ...page(after), include: { customer } })).map(flatten);
    case "budgets":
      return async (after: number) =>
        (await db.expenseBudget.findMany({ ...page(after), include: { customer } })).map(flatten);
  }
}

/**
 * Text a spreadsheet would run as a formula (OWASP's CSV injection: a customer named
 * `=HYPERLINK(…)` or `+cmd|…`) starts with a quote, which Excel and WPS show as text; the import
 * removes it again (`restoreFormula`), so an export imports back unchanged.
 */
export function defuseFormula(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

/** The import's side of defuseFormula: a quote the export put before a formula character goes. */
export function restoreFormula(cell: string): string {
  return cell.startsWith("'") && FORMULA_START.test(cell.slice(1)) ? cell.slice(1) : cell;
}

const FORMULA_START = /^[=+\-@\t\r]/;

/** How the reader writes a closed vocabulary's value, and yes and no: 经销商 and 是 in Chinese. */
export interface ExportWords {
  choice(vocabulary: string, value: string): string;
  yes: string;
  no: string;
  /** A voided entry's mark: who, when, why. */
  voided(mark: VoidMark): string;
}

/** The stored values as they are: what an English export writes, and the import reads in any language. */
export const STORED_WORDS: ExportWords = {
  choice: (_, value) => value,
  yes: "1",
  no: "0",
  voided: (mark) => `${mark.at.toISOString()} ${mark.by ?? "-"}: ${mark.reason}`,
};

/**
 * Columns only an export writes, after those the import reads (which it ignores): each ledger
 * entry's id. A voided entry stays in the file, its 作废 column saying who voided it, when and why.
 */
const ENTRY_COLUMNS = [{ field: "entryId", header: { "zh-CN": "记录号", en: "entry" } }] as const;
const LEDGERS: ReadonlySet<ImportKind> = new Set(["orders", "payments", "expenses"]);

/**
 * The CSV that `/import <kind>` reads back: the same columns, headers and closed vocabularies in
 * the user's language (the import accepts the Chinese words as it accepts the stored values),
 * money in major units with exact decimals, dates as YYYY-MM-DD in the workspace's time zone.
 */
export async function exportCsv(
  db: WorkspaceDb,
  kind: ImportKind,
  locale: Locale,
  timezone: string,
  range: { gte?: Date | undefined; lt?: Date | undefined } = {},
  words: ExportWords = STORED_WORDS,
): Promise<{ text: string; rows: number }> {
  const columns: readonly Pick<Column, "field" | "header" | "vocabulary">[] = [
    ...COLUMNS[kind],
    ...(LEDGERS.has(kind) ? ENTRY_COLUMNS : []),
  ];
  const cell = (column: Pick<Column, "vocabulary">, value: unknown): string => {
    if (value === null || value === undefined) return "";
    if (typeof value === "object" && "reason" in value) return defuseFormula(words.voided(value as VoidMark));
    if (typeof value === "bigint") return toDecimal(value);
    if (value instanceof Date) return dayOf(value, timezone);
    if (typeof value === "boolean") return value ? words.yes : words.no;
    if (column.vocabulary) return words.choice(column.vocabulary, String(value));
    return defuseFormula(String(value));
  };
  const parts = [stringify([columns.map((c) => c.header[locale])])];
  let rows = 0;
  for await (const batch of batches(reader(db, kind, range))) {
    parts.push(stringify(batch.map((row) => columns.map((c) => cell(c, row[c.field])))));
    rows += batch.length;
  }
  return { text: parts.join(""), rows };
}
