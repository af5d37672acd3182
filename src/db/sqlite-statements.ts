import type { ColumnDefinition, Database, Statement } from "better-sqlite3";

/**
 * How many distinct statements one connection keeps prepared. The commands' hot queries are a few
 * dozen. Prisma writes one SQL text per query shape (an `IN` list of each length is a shape of its
 * own), so a sweep or an import passes through hundreds, and each prepared statement holds on to
 * some native memory: keeping 256 cost the bench 25 MB of RSS, keeping 64 nothing measurable.
 */
const PREPARED_STATEMENTS = 64;

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
export function reusePreparedStatements(db: Database): void {
  const prepare = db.prepare.bind(db);
  const prepared = new Map<string, Prepared>();
  const reused = (sql: string): Prepared => {
    let entry = prepared.get(sql);
    if (entry) {
      prepared.delete(sql); // re-inserted below as the most recently used
    } else {
      entry = { statement: prepare(sql) };
      if (entry.statement.reader) entry.statement.raw(true); // the adapter reads every row as an array
      if (prepared.size >= PREPARED_STATEMENTS) prepared.delete(prepared.keys().next().value!);
    }
    prepared.set(sql, entry);
    return entry;
  };
  Object.assign(db, { prepare: (sql: string) => new ArgumentsBeside(reused(sql)) });
}

/** A kept statement, and its result columns once asked for: better-sqlite3 builds that list anew on every call, and the adapter asks on every query. */
interface Prepared {
  statement: Statement;
  columns?: ColumnDefinition[];
}

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
    return (this.prepared.columns ??= this.statement.columns());
  }

  /** The statement is already in raw mode (see above). */
  raw(): { all(): unknown[] } {
    return { all: () => this.statement.all(this.#args) };
  }

  run() {
    return this.statement.run(this.#args);
  }
}
