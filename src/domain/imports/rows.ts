import { chunks } from "../../core/chunks.js";
import type { Actor } from "../../core/roles.js";
import type { BulkWrites } from "../../db/bulk.js";
import type { ImportReads } from "../../db/repositories/imports.js";
import type { WorkspaceDb, WorkspaceTx } from "../../db/scope.js";
import type { ParsedRow, RowProblem } from "./parse.js";

/** Ids per `IN (…)` list when looking rows up. */
export const LOOKUP_CHUNK = 500;

export interface ImportCounts {
  created: number;
  updated: number;
  unchanged: number;
}

/** What an import will do once its rows are checked: the counts, and the writes to make. */
export interface ImportPlan extends ImportCounts {
  /** Problems only found once every row was seen (the rest were told as rows were added). */
  problems: RowProblem[];
  /** Runs the writes in the caller's transaction, reporting rows done. */
  write(tx: WorkspaceTx, progress: (done: number) => void): Promise<void>;
  /** Rows the writes cover, for progress. */
  size: number;
}

/**
 * One import of a file, fed its rows a batch at a time as the file is read: `add` checks a batch
 * and returns its problems, `plan` says what the import will write once every row is in, and
 * `discard` drops whatever was set aside for the writes, whether they were made or not.
 */
export interface Importer {
  add(rows: ParsedRow[]): Promise<RowProblem[]>;
  plan(): Promise<ImportPlan>;
  discard(): Promise<void>;
}

export interface PlanContext {
  db: WorkspaceDb;
  actor: Actor;
  now: Date;
  bulk: BulkWrites;
  imports: ImportReads;
}

export type CustomerKey = { id: number; code: string; name: string; lastOrderAt: Date | null };

/** The customers a file names, by code or by exact name; each unknown one is a row problem. */
export function resolveCustomers(
  ctx: PlanContext,
  rows: ParsedRow[],
  problems: RowProblem[],
): Promise<Map<ParsedRow, CustomerKey>> {
  return new CustomerLookup(ctx.db).resolve(rows, problems);
}

/** Customers remembered by one lookup, past which it starts over: a bound on memory for any workspace. */
const MAX_REMEMBERED_CUSTOMERS = 200_000;

/**
 * Finds the customers rows name, by code first and by exact name for what is no code, and
 * remembers them (and the names that are no customer) for the rest of one import: a file of a
 * million orders names the same few thousand customers again and again.
 */
export class CustomerLookup {
  private readonly known = new Map<string, CustomerKey | null>();

  constructor(private readonly db: WorkspaceDb) {}

  async resolve(rows: ParsedRow[], problems: RowProblem[]): Promise<Map<ParsedRow, CustomerKey>> {
    if (this.known.size > MAX_REMEMBERED_CUSTOMERS) this.known.clear();
    const refs = rows.flatMap((r) => (typeof r.values.customer === "string" ? [r.values.customer] : []));
    await this.lookUp(
      "code",
      refs.map((ref) => ref.toUpperCase()),
    );
    const names = [
      ...refs.filter((ref) => this.known.get(`code:${ref.toUpperCase()}`) === null),
      ...rows.flatMap((r) => (typeof r.values.customerName === "string" ? [r.values.customerName] : [])),
    ];
    await this.lookUp("name", names);
    const found = new Map<ParsedRow, CustomerKey>();
    for (const row of rows) {
      const ref = row.values.customer as string | undefined;
      const customer =
        (ref && (this.known.get(`code:${ref.toUpperCase()}`) ?? this.known.get(`name:${ref}`))) ||
        this.known.get(`name:${row.values.customerName as string}`);
      if (customer) found.set(row, customer);
      else
        problems.push({
          line: row.line,
          reason: "import.row.unknownCustomer",
          params: { customer: ref ?? (row.values.customerName as string) },
        });
    }
    return found;
  }

  private async lookUp(by: "code" | "name", values: string[]): Promise<void> {
    const wanted = [...new Set(values)].filter((v) => !this.known.has(`${by}:${v}`));
    const select = { id: true, code: true, name: true, lastOrderAt: true } as const;
    for (const chunk of chunks(wanted, LOOKUP_CHUNK)) {
      for (const v of chunk) this.known.set(`${by}:${v}`, null);
      for (const c of await this.db.customer.findMany({ where: { [by]: { in: chunk } }, select }))
        this.known.set(`${by}:${c[by]}`, c);
    }
  }
}

/** True for the first row with a key; a later one is reported as repeating it. */
export function firstOfKey(
  seen: Map<string, number>,
  key: string,
  row: ParsedRow,
  shown: string,
  problems: RowProblem[],
): boolean {
  const first = seen.get(key);
  if (first !== undefined) {
    problems.push({ line: row.line, reason: "import.row.duplicate", params: { id: shown, first } });
    return false;
  }
  seen.set(key, row.line);
  return true;
}
