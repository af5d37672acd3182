import { createHash } from "node:crypto";
import type { ArgType, SqlDriverAdapter, SqlDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import type { Provider } from "./provider.js";

export type SqlValue = string | number | bigint | boolean | Date | null;

type Interpolated = SqlValue | readonly SqlValue[] | Sql;

/** A statement and its values, written once for both providers with `sql` below. */
export interface Sql {
  readonly strings: readonly string[];
  readonly values: readonly Interpolated[];
  /** Values written into the text (`sqlText`): the statement's text changes with them. */
  readonly literal?: true;
}

/**
 * A statement from a template: each `${value}` becomes a bound parameter, a list becomes one
 * parameter per item (`IN (${ids})`; an empty list matches nothing), and a nested `sql` fragment
 * is spliced in. Identifiers are quoted with double quotes, which both SQLite and PostgreSQL read
 * as identifiers.
 */
export function sql(strings: TemplateStringsArray, ...values: Interpolated[]): Sql {
  return { strings, values };
}

/** Fragments one after another, `separator` between them. */
export function joinSql(parts: readonly Sql[], separator: string): Sql {
  return { strings: ["", ...parts.slice(1).map(() => separator), ""], values: parts };
}

/**
 * Text written into the statement as it is, not bound: only for what the code itself produced from
 * checked values, such as ids whose literal values the query planner should see.
 */
export function sqlText(text: string): Sql {
  return { strings: [text], values: [], literal: true };
}

/**
 * A name the code chose (a column alias), written into the text as a quoted identifier. Unlike
 * `sqlText` it carries no value: the same name gives the same statement, which may stay prepared.
 */
export function sqlIdentifier(name: string): Sql {
  if (!/^[A-Za-z_][A-Za-z0-9_]*$/.test(name)) throw new Error(`not an identifier: ${name}`);
  return { strings: [`"${name}"`], values: [] };
}

const isSql = (value: Interpolated): value is Sql =>
  typeof value === "object" && value !== null && !Array.isArray(value) && !(value instanceof Date);

/**
 * A row as the driver adapter hands it over, by column name. The values are the adapters' plain
 * forms: dates as ISO text, integers as numbers (or text where they do not fit, and PostgreSQL's
 * counts and sums always), booleans as 0/1 on SQLite. The `decode` helpers turn them into what
 * the Prisma client would have returned.
 */
export type RawRow = Record<string, unknown>;

/**
 * Reads that skip the Prisma client and go straight to the connection it queries through.
 *
 * The client spends some 150 µs on every query (building the plan's parameters, its extension
 * hooks, mapping the result) where an indexed lookup takes SQLite 10 µs: a command card of ten
 * lookups cost 2 ms, twenty times the SQL. The few reads every command repeats (who is asking,
 * the customer card, the follow-up and alert lists) use this instead; everything else, and every
 * write, stays with the client. Raw SQL bypasses the workspace scope: every statement filters by
 * workspace itself.
 */
export interface DirectReads {
  rows(statement: Sql): Promise<RawRow[]>;
}

/**
 * An adapter that can also hand over rows by column name itself (the SQLite connection, see
 * `ReadRows`), sparing the direct reads its general path.
 */
export interface ReadingAdapter extends SqlDriverAdapter {
  readRows?(query: ReadQuery): Promise<RawRow[]>;
}

export interface ReadQuery {
  sql: string;
  args: SqlValue[];
}

export const decode = {
  date: (value: unknown): Date => new Date(value as string),
  optionalDate: (value: unknown): Date | null => (value === null ? null : new Date(value as string)),
  /** Amounts are BigInt columns; a sum of none is null. */
  bigint: (value: unknown): bigint => (value === null ? 0n : BigInt(value as number | string)),
  optionalBigint: (value: unknown): bigint | null => (value === null ? null : BigInt(value as number | string)),
  number: (value: unknown): number => Number(value),
  boolean: (value: unknown): boolean => value === true || value === 1,
};

/**
 * A factory that opens one connection and hands the same one to whoever asks (the Prisma client
 * and the direct reads), until it is disposed. On SQLite that keeps the reads inside the turn-taking
 * of `shareSqliteConnection`; on PostgreSQL they share the client's pool.
 */
export class SharedConnectionFactory<F extends SqlDriverAdapterFactory> {
  private connected: Promise<SqlDriverAdapter> | undefined;

  constructor(readonly inner: F) {}

  get provider() {
    return this.inner.provider;
  }

  get adapterName() {
    return this.inner.adapterName;
  }

  connect(): Promise<SqlDriverAdapter> {
    this.connected ??= this.inner.connect().then((adapter) => {
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = () => {
        this.connected = undefined;
        return dispose();
      };
      return adapter;
    });
    return this.connected;
  }

  /** Closes the connection if it is still open: nothing else will once the client has let go of it. */
  async close(): Promise<void> {
    const connected = this.connected;
    if (connected) await (await connected).dispose();
  }
}

/**
 * How many of the direct reads' statements a PostgreSQL connection keeps prepared under a name.
 * pg never lets go of a named statement, so only statements whose text does not carry values
 * (`sqlText`) are named, and no more than these: the commands' reads are a few dozen texts.
 */
const NAMED_STATEMENTS = 200;

/** A query with the name PostgreSQL keeps it prepared under, for the adapter's `statementNameGenerator`. */
export interface NamedQuery {
  statementName?: string;
}

/**
 * Names for statements, the same name for the same text, up to `NAMED_STATEMENTS` texts: PostgreSQL
 * plans an unnamed statement anew each time it is sent (half of a short command's time there), a
 * named one once per connection, or keeps a custom plan per call when that is cheaper.
 */
function statementNames(): (text: string) => string | undefined {
  const names = new Map<string, string>();
  return (text) => {
    let name = names.get(text);
    if (name === undefined && names.size < NAMED_STATEMENTS) {
      name = `crm_${createHash("sha1").update(text).digest("hex").slice(0, 20)}`;
      names.set(text, name);
    }
    return name;
  };
}

export function directReads(
  factory: SharedConnectionFactory<SqlDriverAdapterFactory>,
  provider: Provider,
): DirectReads {
  const placeholder = provider === "sqlite" ? () => "?" : (n: number) => `$${n}`;
  const nameOf = provider === "postgresql" ? statementNames() : () => undefined;
  return {
    async rows(statement) {
      const args: SqlValue[] = [];
      let literal = false;
      const bind = (value: SqlValue) => {
        args.push(value);
        return placeholder(args.length);
      };
      const render = ({ strings, values, literal: carriesValues }: Sql): string => {
        literal ||= carriesValues === true;
        let text = strings[0]!;
        values.forEach((value, i) => {
          if (isSql(value)) text += render(value);
          else if (Array.isArray(value)) text += value.length === 0 ? "NULL" : value.map(bind).join(", ");
          else text += bind(value as SqlValue);
          text += strings[i + 1];
        });
        return text;
      };
      const text = render(statement);
      const adapter: ReadingAdapter = await factory.connect();
      if (adapter.readRows) return adapter.readRows({ sql: text, args });
      let result: Awaited<ReturnType<ReadingAdapter["queryRaw"]>>;
      try {
        const statementName = literal ? undefined : nameOf(text);
        const query: Parameters<ReadingAdapter["queryRaw"]>[0] & NamedQuery = {
          sql: text,
          args,
          argTypes: args.map(argType),
          ...(statementName ? { statementName } : {}),
        };
        result = await adapter.queryRaw(query);
      } catch (error) {
        // The adapter's error names what went wrong only in its `cause`; the router classifies by message.
        const cause = (error as { cause?: unknown }).cause;
        throw new Error(`${(error as Error).message} ${JSON.stringify(cause ?? null)}`, { cause: error });
      }
      const { columnNames, rows } = result;
      return rows.map((row) => {
        const out: RawRow = {};
        for (let i = 0; i < columnNames.length; i++) out[columnNames[i]!] = row[i];
        return out;
      });
    },
  };
}

function argType(value: SqlValue): ArgType {
  const scalarType =
    typeof value === "number"
      ? Number.isInteger(value)
        ? "int"
        : "float"
      : typeof value === "bigint"
        ? "bigint"
        : typeof value === "boolean"
          ? "boolean"
          : value instanceof Date
            ? "datetime"
            : typeof value === "string"
              ? "string"
              : "unknown";
  return { scalarType, arity: "scalar" };
}
