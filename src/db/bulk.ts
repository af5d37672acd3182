import type { Provider } from "./provider.js";
import { sqliteValue } from "./sqlite-statements.js";
import type { Statement } from "./sqlite-worker-transaction.js";

interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

async function runEach(db: RawExecutor, statements: readonly Statement[]): Promise<void> {
  for (const { sql, args } of statements) await db.$executeRawUnsafe(sql, ...args);
}

/** Rows per statement: each statement's rows travel as one JSON text. */
const ROWS_PER_STATEMENT = 2_000;

function chunksOf<Row>(rows: readonly Row[]): (readonly Row[])[] {
  const chunks: (readonly Row[])[] = [];
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) chunks.push(rows.slice(i, i + ROWS_PER_STATEMENT));
  return chunks;
}

interface RawQuerier extends RawExecutor {
  $queryRawUnsafe<T = unknown>(query: string, ...values: unknown[]): Promise<T>;
}

interface InsertOptions {
  /** A row that breaks a unique key is skipped, not an error (another instance got there first). */
  ignoreConflicts?: boolean;
}

/** A value as the row's JSON carries it: dates as the text each database reads back, BigInts as digits. */
function jsonValue(provider: Provider, value: unknown): unknown {
  if (value instanceof Date) return provider === "sqlite" ? sqliteValue(value) : value.toISOString();
  if (typeof value === "bigint") return value.toString();
  return value;
}

/**
 * `text` as an SQL string literal. SQLite's only escape is a doubled quote; PostgreSQL's dollar
 * quoting takes the text as it is whatever the server's string settings, under a tag the text
 * does not contain.
 */
function textLiteral(provider: Provider, text: string): string {
  if (provider === "sqlite") return `'${text.replaceAll("'", "''")}'`;
  let tag = "$rows$";
  for (let n = 0; text.includes(tag); n++) tag = `$rows${n}$`;
  return `${tag}${text}${tag}`;
}

/** Whether two values of a column are the same, dates by their time. */
function sameValue(a: unknown, b: unknown): boolean {
  return a === b || (a instanceof Date && b instanceof Date && a.getTime() === b.getTime());
}

/** The columns whose value is the same in every row: a sweep's workspace, status and time, say. */
function constantColumns(columns: readonly string[], rows: readonly (readonly unknown[])[]): boolean[] {
  return columns.map((_, j) => {
    const first = rows[0]?.[j];
    return rows.every((row) => sameValue(row[j], first));
  });
}

/**
 * `rows` as JSON texts written as SQL literals, for the database to take apart itself (SQLite's
 * json_each, PostgreSQL's json_populate_recordset, which types each value by its column; the
 * jsonb one first builds its binary form, three times the time of the INSERT's parsing for 800
 * alerts). PostgreSQL gets objects by column name, SQLite arrays in column order. A column with the
 * same value in every row is written once, in `constants`, not in each row: a first sweep's alerts
 * share half their columns, and PostgreSQL parsed each row's dates a microsecond apiece.
 *
 * Bound one parameter per value, the Prisma client spent some 3 µs on each: most of a first sweep
 * that inserts 40,000 alerts and their posts, and garbage that stalled the bot. The JSON is a
 * literal in the statement, not a parameter: the client encodes its parameters as JSON and decodes
 * them again, which for a megabyte of rows took twice the INSERT itself.
 */
function jsonRows(
  provider: Provider,
  columns: readonly string[],
  rows: readonly (readonly unknown[])[],
): { rows: string; constants: string; constant: boolean[] } {
  const constant = constantColumns(columns, rows);
  const varying = columns.flatMap((_, j) => (constant[j] ? [] : [j]));
  const fixed = columns.flatMap((_, j) => (constant[j] ? [j] : []));
  const first = rows[0] ?? [];
  if (provider === "postgresql") {
    return {
      rows: textLiteral(provider, JSON.stringify(rows.map((row) => rowObject(columns, varying, row)))),
      constants: textLiteral(provider, JSON.stringify(rowObject(columns, fixed, first))),
      constant,
    };
  }
  const values = (row: readonly unknown[], of: number[]) => of.map((j) => jsonValue(provider, row[j]));
  return {
    rows: textLiteral(provider, JSON.stringify(rows.map((row) => values(row, varying)))),
    constants: textLiteral(provider, JSON.stringify(values(first, fixed))),
    constant,
  };
}

/** The columns `of` of a row, by name, built in a loop: `Object.fromEntries` of mapped pairs took twice as long. */
function rowObject(
  columns: readonly string[],
  of: readonly number[],
  row: readonly unknown[],
): Record<string, unknown> {
  const object: Record<string, unknown> = {};
  for (const j of of) object[columns[j]!] = jsonValue("postgresql", row[j]);
  return object;
}

/**
 * How a statement reads each column of `jsonRows`: on PostgreSQL the rows' record, whose absent
 * columns come from the constants' record (`base`); on SQLite an expression per column, over the
 * row `j` or the constants.
 */
function rowSource(provider: Provider, table: string, columns: readonly string[], json: ReturnType<typeof jsonRows>) {
  if (provider === "postgresql") {
    const base = json.constant.some(Boolean)
      ? `json_populate_record(NULL::"${table}", ${json.constants}::json)`
      : `NULL::"${table}"`;
    return { from: `json_populate_recordset(${base}, ${json.rows}::json)`, values: [] };
  }
  let [row, fixed] = [0, 0];
  const values = columns.map((_, j) =>
    json.constant[j] ? `${json.constants} ->> ${fixed++}` : `j.value ->> ${row++}`,
  );
  return { from: `json_each(${json.rows}) j`, values };
}

/** The INSERTs of `rows`, a few thousand per statement, their values in `jsonRows`. */
function insertStatements(
  provider: Provider,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  options: InsertOptions,
  suffix = "",
): Statement[] {
  const names = columns.map((c) => `"${c}"`).join(", ");
  return chunksOf(rows).map((chunk) => {
    const source = rowSource(provider, table, columns, jsonRows(provider, columns, chunk));
    if (provider === "postgresql") {
      const conflict = options.ignoreConflicts ? " ON CONFLICT DO NOTHING" : "";
      return {
        sql: `INSERT INTO "${table}" (${names}) SELECT ${names} FROM ${source.from}${conflict}${suffix}`,
        args: [],
      };
    }
    const insert = options.ignoreConflicts ? "INSERT OR IGNORE" : "INSERT";
    return {
      sql: `${insert} INTO "${table}" (${names}) SELECT ${source.values.join(", ")} FROM ${source.from}${suffix}`,
      args: [],
    };
  });
}

/**
 * Sets columns of many rows to values of their own, a few thousand rows per statement, where
 * Prisma would need one UPDATE per row: `UPDATE … FROM` the rows' JSON (see `jsonRows`). Each row is
 * written once however many of its columns change: on PostgreSQL every write of a row is a new
 * version of it, in every index too unless its page has room and no indexed column changed. Bound
 * one parameter per value, the Prisma client's 3 µs a value took a segment run's update of 100,000
 * customers on PostgreSQL 3.8 s where the JSON takes 2.6 s. The table and column names come from
 * the code, never from users.
 */
function setColumnsStatements(
  provider: Provider,
  table: string,
  columns: readonly string[],
  rows: readonly (readonly [id: number, ...values: unknown[]])[],
): Statement[] {
  return chunksOf(rows).map((chunk) => {
    const source = rowSource(provider, table, ["id", ...columns], jsonRows(provider, ["id", ...columns], chunk));
    if (provider === "postgresql") {
      const set = columns.map((c) => `"${c}" = v."${c}"`).join(", ");
      return {
        sql: `UPDATE "${table}" AS t SET ${set} FROM ${source.from} AS v WHERE t."id" = v."id"`,
        args: [],
      };
    }
    const [id, ...values] = source.values;
    const set = columns.map((c, k) => `"${c}" = ${values[k]}`).join(", ");
    return {
      sql: `UPDATE "${table}" SET ${set} FROM ${source.from} WHERE "${table}"."id" = ${id}`,
      args: [],
    };
  });
}

/**
 * Inserts many rows a few thousand per statement, several times faster than createMany for
 * imports of a hundred thousand rows, on both providers. `rows` hold the values in `columns` order; ids and
 * defaults the rows leave out come from the table.
 */
export function insertRows(
  db: RawExecutor,
  provider: Provider,
  table: string,
  columns: readonly string[],
  rows: readonly unknown[][],
  options: InsertOptions = {},
): Promise<void> {
  return runEach(db, insertStatements(provider, table, columns, rows, options));
}

/**
 * The bulk statements bound to the database they run on, so that the code that calls them never
 * asks which one that is.
 */
export class BulkWrites {
  constructor(
    private readonly provider: Provider,
    /** SQLite: what is done off the bot's connection and event loop, on a worker's connection. */
    private readonly sqliteWorker?: SqliteWorkerWork,
  ) {}

  setColumn(
    db: RawExecutor,
    table: string,
    column: string,
    rows: readonly (readonly [id: number, value: unknown])[],
  ): Promise<void> {
    return runEach(db, setColumnsStatements(this.provider, table, [column], rows));
  }

  /** `setColumn` for several columns at once: each row written once. */
  setColumns(
    db: RawExecutor,
    table: string,
    columns: readonly string[],
    rows: readonly (readonly [id: number, ...values: unknown[]])[],
  ): Promise<void> {
    return runEach(db, setColumnsStatements(this.provider, table, columns, rows));
  }

  /** The statements `setColumn` runs, for `runAsOneTransaction`. */
  setColumnStatements(
    table: string,
    column: string,
    rows: readonly (readonly [id: number, value: unknown])[],
  ): Statement[] {
    return setColumnsStatements(this.provider, table, [column], rows);
  }

  insertRows(
    db: RawExecutor,
    table: string,
    columns: readonly string[],
    rows: readonly unknown[][],
    options: InsertOptions = {},
  ): Promise<void> {
    return insertRows(db, this.provider, table, columns, rows, options);
  }

  /**
   * `insertRows`, answering the `returning` integer columns of the rows it inserted (those a
   * conflict skipped are not among them), in no particular order: both databases support
   * `RETURNING`, and it spares reading the new rows back.
   */
  async insertRowsReturning<Column extends string>(
    db: RawQuerier,
    table: string,
    columns: readonly string[],
    rows: readonly unknown[][],
    returning: readonly Column[],
    options: InsertOptions = {},
  ): Promise<Record<Column, number>[]> {
    const suffix = ` RETURNING ${returning.map((c) => `"${c}"`).join(", ")}`;
    const inserted: Record<Column, number>[] = [];
    for (const { sql, args } of insertStatements(this.provider, table, columns, rows, options, suffix))
      for (const row of await db.$queryRawUnsafe<Record<Column, unknown>[]>(sql, ...args))
        inserted.push(Object.fromEntries(returning.map((c) => [c, Number(row[c])])) as Record<Column, number>);
    return inserted;
  }

  /**
   * The statement that copies an import's staged rows with ids in (`afterId`, `upToId`] into
   * `table`, the database moving them without a round trip per row; `columns` maps each target
   * column to the staging column (or SQL literal) it takes. A row whose key another import took
   * meanwhile is skipped.
   */
  copyStagedRows(
    importId: string,
    table: string,
    columns: Readonly<Record<string, string>>,
    afterId: number,
    upToId: number,
  ): Statement {
    const targets = Object.keys(columns)
      .map((c) => `"${c}"`)
      .join(", ");
    const sources = Object.values(columns).join(", ");
    const [p1, p2, p3] = this.provider === "postgresql" ? ["$1", "$2", "$3"] : ["?", "?", "?"];
    const select = `SELECT ${sources} FROM "ImportRow" WHERE "importId" = ${p1} AND "fresh" AND "id" > ${p2} AND "id" <= ${p3}`;
    return {
      sql:
        this.provider === "postgresql"
          ? `INSERT INTO "${table}" (${targets}) ${select} ON CONFLICT DO NOTHING`
          : `INSERT OR IGNORE INTO "${table}" (${targets}) ${select}`,
      args: [importId, afterId, upToId],
    };
  }

  /**
   * The statements that take `count` numbers of a workspace's sequence (its Counter row) at once,
   * for runAsOneTransaction, and the SQL of the value before them, which numbers the rows copied
   * after them in the same transaction: a counter written on the caller's connection would hold
   * SQLite's write lock that the worker's transaction waits for.
   */
  reserveNumbers(workspaceId: number, name: string, count: number): { statements: Statement[]; before: string } {
    if (!Number.isSafeInteger(workspaceId) || !/^[a-z]+$/i.test(name)) throw new Error("not a counter");
    const [p1, p2, p3] = this.provider === "postgresql" ? ["$1", "$2", "$3"] : ["?", "?", "?"];
    return {
      statements: [
        {
          sql: `INSERT INTO "Counter" ("workspaceId", "name", "value") VALUES (${p1}, ${p2}, 0) ON CONFLICT ("workspaceId", "name") DO NOTHING`,
          args: [workspaceId, name],
        },
        {
          sql: `UPDATE "Counter" SET "value" = "value" + ${p1} WHERE "workspaceId" = ${p2} AND "name" = ${p3}`,
          args: [count, workspaceId, name],
        },
      ],
      // Literals, checked above: the copy statements' parameters are their own.
      before: `((SELECT c."value" FROM "Counter" c WHERE c."workspaceId" = ${workspaceId} AND c."name" = '${name}') - ${count})`,
    };
  }

  /** The statement that deletes an import's staged rows with ids in (`afterId`, `upToId`]. */
  deleteStagedRows(importId: string, afterId: number, upToId: number): Statement {
    const [p1, p2, p3] = this.provider === "postgresql" ? ["$1", "$2", "$3"] : ["?", "?", "?"];
    return {
      sql: `DELETE FROM "ImportRow" WHERE "importId" = ${p1} AND "id" > ${p2} AND "id" <= ${p3}`,
      args: [importId, afterId, upToId],
    };
  }

  /**
   * Runs `statements` in order, all or none, telling each one's count of changed rows. On
   * PostgreSQL they run in the caller's transaction `tx`. On SQLite they run on a worker's
   * connection, in a transaction of their own that commits before `tx` does (see
   * runInWorkerTransaction), so `tx` must not have written.
   */
  async runAsOneTransaction(
    tx: RawExecutor,
    statements: readonly Statement[],
    onEach: (index: number, changes: number) => void,
  ): Promise<void> {
    if (this.sqliteWorker) return this.sqliteWorker.runInTransaction(statements, onEach);
    for (const [index, { sql, args }] of statements.entries()) onEach(index, await tx.$executeRawUnsafe(sql, ...args));
  }

  /**
   * After changes to many rows of `tables`, the planner's statistics of them, for what reads them
   * next. SQLite refreshes those of every table that grew or shrank a lot. PostgreSQL's
   * autovacuum would analyze them a minute or so later; until then it believes the alerts a first
   * sweep just opened are none, and looked a few of them up by walking through all.
   */
  async refreshStatistics(db: RawExecutor, tables: readonly string[]): Promise<void> {
    if (this.provider === "postgresql") await db.$executeRawUnsafe(`ANALYZE ${tables.map((t) => `"${t}"`).join(", ")}`);
    else if (this.sqliteWorker) await this.sqliteWorker.refreshStatistics();
    else await db.$executeRawUnsafe("PRAGMA optimize=0x10002");
  }
}

/** The SQLite work BulkWrites hands to worker threads (see openDatabase). */
export interface SqliteWorkerWork {
  /** See refreshSqliteStatistics. */
  refreshStatistics(): Promise<void>;
  /** See runInWorkerTransaction. */
  runInTransaction(statements: readonly Statement[], onEach: (index: number, changes: number) => void): Promise<void>;
}
