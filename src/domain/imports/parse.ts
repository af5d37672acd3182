import { pipeline, Readable } from "node:stream";
import { restoreFormula } from "./export.js";
import { setImmediate as turnOfTheLoop } from "node:timers/promises";
import { parse } from "csv-parse";
import { UserError } from "../../core/errors.js";
import type { MessageKey } from "../../core/messages.js";
import { COLUMNS, namesCustomer, normalizeHeader, type Column, type ImportKind, type ParseEnv } from "./columns.js";

export interface RowProblem {
  /** The line of the file the row starts on (the header is line 1). */
  line: number;
  reason: MessageKey;
  params: Record<string, string | number>;
}

export interface ParsedRow {
  line: number;
  values: Record<string, unknown>;
}

export interface ImportBatch {
  rows: ParsedRow[];
  problems: RowProblem[];
}

/** Rows handed on at a time: what is checked and staged together, and the most held at once. */
export const ROWS_PER_BATCH = 1_000;

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** The csv-parse error codes a user can be told about in words; the rest are "not CSV". */
const CSV_PROBLEMS = new Set([
  "CSV_QUOTE_NOT_CLOSED",
  "CSV_INVALID_CLOSING_QUOTE",
  "CSV_NON_TRIMABLE_CHAR_AFTER_CLOSING_QUOTE",
]);

/** The file's records as csv-parse reads them from the text's slices; with `info`, each with its position. */
async function* readRecords(slices: Iterable<string>): AsyncGenerator<CsvRecord> {
  const parser = parse({ info: true, skip_empty_lines: true, relax_column_count: true, trim: true });
  // pipeline, unlike pipe, ends the parser with the source's error (a GB18030 file that breaks midway).
  pipeline(Readable.from(slices), parser, () => {});
  try {
    for await (const record of parser) yield record as CsvRecord;
  } catch (error) {
    if (error instanceof UserError) throw error;
    const code = (error as { code?: string }).code;
    throw new UserError("import.notCsv", {
      line: (error as { lines?: number }).lines ?? 1,
      problem: { group: "import.csvProblem", value: code && CSV_PROBLEMS.has(code) ? code : "other" },
    });
  } finally {
    parser.destroy();
  }
}

/**
 * Reads a CSV file's text for an import kind, a batch of rows at a time: maps its headers (Chinese
 * or English) to columns (`onHeader` hears which ones match none), reads every cell, and reports
 * each row it cannot use with its line and the reason. A file with a required column missing, or
 * that is not CSV at all, or with more rows than `maxRows`, is refused as a whole, as soon as that
 * is known. No more than a batch is ever held, and the event loop gets a turn between batches.
 */
export async function* readImportBatches(
  kind: ImportKind,
  slices: Iterable<string>,
  env: ParseEnv,
  options: { maxRows: number; onHeader?: (ignored: string[]) => void },
): AsyncGenerator<ImportBatch> {
  const columns = COLUMNS[kind];
  let header: CsvRecord | undefined;
  let mapped: (Column | undefined)[] = [];
  let batch: ImportBatch = { rows: [], problems: [] };
  let done = 0;
  for await (const current of readRecords(slices)) {
    if (!header) {
      header = current;
      mapped = mapHeader(kind, current.record);
      options.onHeader?.(header.record.filter((_, i) => !mapped[i]));
      continue;
    }
    if (++done > options.maxRows) throw new UserError("import.tooManyRows", { max: options.maxRows });
    const { record, info } = current;
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    const read = readRow(kind, columns, header.record, mapped, record, line, env);
    if ("reason" in read) batch.problems.push(read);
    else batch.rows.push(read);
    if (done % ROWS_PER_BATCH === 0) {
      yield batch;
      batch = { rows: [], problems: [] };
      await turnOfTheLoop();
    }
  }
  if (!header) throw new UserError("import.empty");
  if (batch.rows.length + batch.problems.length > 0) yield batch;
}

/** One record as a row of values, or the reason it cannot be one. */
function readRow(
  kind: ImportKind,
  columns: readonly Column[],
  headers: string[],
  mapped: (Column | undefined)[],
  record: string[],
  line: number,
  env: ParseEnv,
): ParsedRow | RowProblem {
  if (record.length > headers.length)
    return { line, reason: "import.row.tooManyCells", params: { count: record.length, expected: headers.length } };
  const values: Record<string, unknown> = {};
  for (const [i, raw] of record.entries()) {
    const column = mapped[i];
    if (!column || raw === "") continue;
    const cell = restoreFormula(raw);
    const parsed = column.parse(cell, env);
    if (!parsed.ok)
      return {
        line,
        reason: parsed.reason,
        params: { ...parsed.params, column: headers[i]!, value: cell.length > 30 ? `${cell.slice(0, 30)}…` : cell },
      };
    values[column.field] = parsed.value;
  }
  const empty = columns.find((c) => c.required && values[c.field] === undefined);
  // Named as the file names it: a required column is in the header, or the file was refused.
  if (empty) return { line, reason: "import.row.missingValue", params: { column: headers[mapped.indexOf(empty)]! } };
  if (namesCustomer(kind) && values.customer === undefined && values.customerName === undefined)
    return { line, reason: "import.row.missingCustomer", params: {} };
  return { line, values };
}

/** Each header's column (Chinese or English names, aliases); a required column missing refuses the file. */
function mapHeader(kind: ImportKind, headers: string[]): (Column | undefined)[] {
  const columns = COLUMNS[kind];
  const byHeader = new Map<string, Column>();
  for (const column of columns) {
    for (const name of [column.header["zh-CN"], column.header.en, column.field, ...(column.aliases ?? [])])
      byHeader.set(normalizeHeader(name), column);
  }
  const mapped = headers.map((h) => byHeader.get(normalizeHeader(h)));
  const missing = columns.filter((c) => c.required && !mapped.includes(c));
  if (namesCustomer(kind) && !mapped.some((c) => c?.field === "customer" || c?.field === "customerName"))
    missing.unshift(columns[columns.findIndex((c) => c.field === "customer")]!);
  if (missing.length > 0) {
    // Both of a column's names, the reader's first: the file may be headed in either language.
    throw new UserError("import.missingColumns", {
      columns: missing.map((c) => ({
        group: "import",
        value: "columnNames",
        params: { zh: c.header["zh-CN"], en: c.header.en },
      })),
    });
  }
  return mapped;
}
