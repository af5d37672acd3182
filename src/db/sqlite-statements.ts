import type { ColumnDefinition, Database, Statement } from "better-sqlite3";
import type { RawRow, SqlValue } from "./direct-reads.js";

/**
 * How many distinct statements one connection keeps prepared. The commands' hot queries are a few
 * dozen. Prisma writes one SQL text per query shape (an `IN` list of each length is a shape of its
 * own), so a sweep or an import passes through hundreds, and each prepared statement holds on to
 * some native memory: keeping 256 cost the bench 25 MB of RSS, keeping 64 nothing measurable.
 */
const PREPARED_STATEMENTS = 64;
/** Longer statements are prepared each time (see BulkWrites). */
const LONGEST_KEPT = 20_000;

/**
 * Prisma's better-sqlite3 adapter prepares every statement anew and binds its arguments into it
 * (`prepare(sql).bind(args)`), so SQLite parses and plans the same SQL on every query, and each
 * throw-away statement holds native memory until the garbage collector happens to free it. On a
 * command of a few indexed lookups that preparation was some 40% of the time spent in SQLite.
 *
 * This keeps the connection's statements prepared, least recently used dropped first. The adapter
 * gets an object with the part of the statement API it calls, which keeps the arguments beside the
 * statement instead of binding them into it, so that the statement can serve the next query.
 * Statements run synchronously to the end, so two queries never share one mid-way.
 */
export function reusePreparedStatements(db: Database): ReadRows {
  const prepare = db.prepare.bind(db);
  const prepared = new Map<string, Prepared>();
  const fresh = (sql: string): Prepared => {
    const statement = prepare(sql);
    if (statement.reader) statement.raw(true); // the adapter reads every row as an array
    return { statement };
  };
  const reused = (sql: string): Prepared => {
    // Bulk inserts carry their rows in the text: used once, and too large to keep.
    if (sql.length > LONGEST_KEPT) return fresh(sql);
    let entry = prepared.get(sql);
    if (entry) {
      prepared.delete(sql); // re-inserted below as the most recently used
    } else {
      entry = fresh(sql);
      if (prepared.size >= PREPARED_STATEMENTS) prepared.delete(prepared.keys().next().value!);
    }
    prepared.set(sql, entry);
    return entry;
  };
  Object.assign(db, { prepare: (sql: string) => new ArgumentsBeside(reused(sql)) });
  return (sql, args) => {
    const entry = reused(sql);
    const names = (entry.names ??= columnsOf(entry).map((column) => column.name));
    return entry.statement.all(args.map(sqliteValue)).map((values) => {
      const row: RawRow = {};
      for (let i = 0; i < names.length; i++) row[names[i]!] = plainValue((values as unknown[])[i]);
      return row;
    });
  };
}

/**
 * Rows of a read, by column name, with values as the Prisma adapter hands them over (see
 * `RawRow`). The direct reads come here rather than through the adapter, which builds each row
 * three times over and half again as much garbage as the rest of a command: a young-generation
 * collection then met one command in 50, and a millisecond of it was the p99.
 */
export type ReadRows = (sql: string, args: readonly SqlValue[]) => RawRow[];

/** A value bound as the Prisma adapter binds it, so that a direct read compares with what it stored. */
export function sqliteValue(value: SqlValue | unknown): unknown {
  if (value instanceof Date) return value.toISOString().replace("Z", "+00:00");
  if (typeof value === "boolean") return value ? 1 : 0;
  return value;
}

/** The connection reads integers as BigInt, exactly; the adapter passes on those that fit a number as one. */
function plainValue(value: unknown): unknown {
  if (typeof value !== "bigint") return value;
  const asNumber = Number(value);
  return Number.isSafeInteger(asNumber) ? asNumber : value.toString();
}

/** A kept statement, and its result columns once asked for: better-sqlite3 builds that list anew on every call, and the adapter asks on every query. */
interface Prepared {
  statement: Statement;
  columns?: ColumnDefinition[];
  /** The columns' names, for the direct reads' rows. */
  names?: string[];
}

const columnsOf = (prepared: Prepared): ColumnDefinition[] => (prepared.columns ??= prepared.statement.columns());

/** What the adapter does with a prepared statement, with the arguments held here. */
class ArgumentsBeside {
  #args: unknown[] = [];

  constructor(private readonly prepared: Prepared) {}

  private get statement(): Statement {
    return this.prepared.statement;
  }

  get reader(): boolean {
    return this.statement.reader;
  }

  bind(args: unknown[]): this {
    this.#args = args;
    return this;
  }

  columns(): ColumnDefinition[] {
    return columnsOf(this.prepared);
  }

  /** The statement is already in raw mode (see above). */
  raw(): { all(): unknown[] } {
    return { all: () => this.statement.all(this.#args) };
  }

  run() {
    return this.statement.run(this.#args);
  }
}
