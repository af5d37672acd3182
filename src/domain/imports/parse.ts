import { Readable } from "node:stream";
import { restoreFormula } from "./export.js";
import { setImmediate as turnOfTheLoop } from "node:timers/promises";
import { parse } from "csv-parse";
import { UserError } from "../../core/errors.js";
import type { MessageKey } from "../../core/messages.js";
import { COLUMNS, normalizeHeader, type Column, type ImportKind, type ParseEnv } from "./columns.js";

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

export interface ParsedFile {
  rows: ParsedRow[];
  problems: RowProblem[];
  /** Headers that match no column; reported, not fatal, since exports often carry extra columns. */
  ignored: string[];
}

/** The text is parsed this much at a time, */
const SLICE_CHARACTERS = 64 * 1024;
/** and the event loop gets a turn after this many rows: other users' commands are acknowledged meanwhile. */
const ROWS_PER_TURN = 1_000;

interface CsvRecord {
  record: string[];
  info: { lines: number };
}

/** The file's records as csv-parse reads them, slice by slice; with `info`, each with its position. */
async function* readRecords(text: string): AsyncGenerator<CsvRecord> {
  const slices = function* () {
    for (let at = 0; at < text.length; at += SLICE_CHARACTERS) yield text.slice(at, at + SLICE_CHARACTERS);
  };
  const parser = Readable.from(slices()).pipe(
    parse({ info: true, skip_empty_lines: true, relax_column_count: true, trim: true }),
  );
  try {
    for await (const record of parser) yield record as CsvRecord;
  } catch (error) {
    throw new UserError("import.notCsv", {
      line: (error as { lines?: number }).lines ?? 1,
      detail: (error as Error).message,
    });
  } finally {
    parser.destroy();
  }
}

/** The most rows one file may hold unless configured (CRM_MAX_IMPORT_ROWS). */
export const DEFAULT_MAX_IMPORT_ROWS = 1_000_000;

/**
 * Reads a CSV file's text for an import kind: maps its headers (Chinese or English) to columns,
 * reads every cell, and reports each row it cannot use with its line and the reason. A file with
 * a required column missing, or that is not CSV at all, or with more rows than `maxRows`, is
 * refused as a whole. Records are used as they are read, never all held at once, and the event
 * loop gets a turn every thousand rows.
 */
export async function parseImportFile(
  kind: ImportKind,
  text: string,
  env: ParseEnv,
  maxRows = DEFAULT_MAX_IMPORT_ROWS,
): Promise<ParsedFile> {
  const columns = COLUMNS[kind];
  let header: CsvRecord | undefined;
  let mapped: (Column | undefined)[] = [];
  const rows: ParsedRow[] = [];
  const problems: RowProblem[] = [];
  let done = 0;
  for await (const current of readRecords(text)) {
    if (!header) {
      header = current;
      mapped = mapHeader(kind, current.record);
      continue;
    }
    if (++done > maxRows) throw new UserError("import.tooManyRows", { max: maxRows });
    if (done % ROWS_PER_TURN === 0) await turnOfTheLoop();
    const { record, info } = current;
    const line = info.lines - record.reduce((n, cell) => n + (cell.match(/\n/g)?.length ?? 0), 0);
    if (record.length > header.record.length) {
      problems.push({
        line,
        reason: "import.row.tooManyCells",
        params: { count: record.length, expected: header.record.length },
      });
      continue;
    }
    const values: Record<string, unknown> = {};
    let problem: RowProblem | undefined;
    record.forEach((raw, i) => {
      const column = mapped[i];
      if (!column || raw === "" || problem) return;
      const cell = restoreFormula(raw);
      const parsed = column.parse(cell, env);
      if (parsed.ok) values[column.field] = parsed.value;
      else
        problem = {
          line,
          reason: parsed.reason,
          params: { column: header!.record[i]!, value: cell.length > 30 ? `${cell.slice(0, 30)}…` : cell },
        };
    });
    const empty = columns.find((c) => c.required && values[c.field] === undefined);
    if (!problem && empty)
      problem = { line, reason: "import.row.missingValue", params: { column: empty.header["zh-CN"] } };
    if (!problem && kindNeedsCustomer(kind) && values.customer === undefined && values.customerName === undefined) {
      problem = { line, reason: "import.row.missingValue", params: { column: "客户编码 / 客户名称" } };
    }
    if (problem) problems.push(problem);
    else rows.push({ line, values });
  }
  if (!header) throw new UserError("import.empty");
  return { rows, problems, ignored: header.record.filter((_, i) => !mapped[i]) };
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
  if (kindNeedsCustomer(kind) && !mapped.some((c) => c?.field === "customer" || c?.field === "customerName"))
    missing.unshift(columns[columns.findIndex((c) => c.field === "customer")]!);
  if (missing.length > 0) {
    throw new UserError("import.missingColumns", {
      columns: missing.map((c) => `${c.header["zh-CN"]} (${c.header.en})`).join("、"),
    });
  }
  return mapped;
}

function kindNeedsCustomer(kind: ImportKind): boolean {
  return kind !== "customers";
}
