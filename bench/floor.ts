import BetterSqlite3 from "better-sqlite3";
import pg from "pg";
import { parsePostgresUrl, quoteIdent } from "../src/db/postgres.js";
import { sqlitePath } from "../src/db/adapter.js";
import { providerOf } from "../src/db/provider.js";

/**
 * Hand-written SQL straight through the driver, with no Prisma, router or rendering in between:
 * the floor a command's latency is compared with. Statements use `?` placeholders on both
 * providers; dates are bound as each stores them (ISO text on SQLite, timestamps on PostgreSQL).
 */
export interface Floor {
  all(sql: string, params?: unknown[]): Promise<unknown[]>;
  date(value: Date): unknown;
  close(): Promise<void>;
}

export async function openFloor(databaseUrl: string): Promise<Floor> {
  if (providerOf(databaseUrl) === "sqlite") {
    const db = new BetterSqlite3(sqlitePath(databaseUrl), { readonly: true });
    const statements = new Map<string, BetterSqlite3.Statement>();
    return {
      async all(sql, params = []) {
        let statement = statements.get(sql);
        if (!statement) statements.set(sql, (statement = db.prepare(sql)));
        return statement.all(...params);
      },
      // As the Prisma adapter writes them: "2026-11-25T02:00:00.000+00:00".
      date: (value) => value.toISOString().replace("Z", "+00:00"),
      async close() {
        db.close();
      },
    };
  }
  // The same schema the bot uses: its tables are unqualified in the floor's SQL too.
  const { connectionString, schema } = parsePostgresUrl(databaseUrl);
  const client = new pg.Client({ connectionString, options: `-c search_path=${quoteIdent(schema)}` });
  await client.connect();
  return {
    async all(sql, params = []) {
      let n = 0;
      // A named statement is prepared once per connection, as Prisma's adapter does.
      const text = sql.replace(/\?/g, () => `$${++n}`);
      return (await client.query({ name: `q${hash(text)}`, text, values: params })).rows;
    },
    date: (value) => value,
    close: () => client.end(),
  };
}

function hash(text: string): number {
  let h = 0;
  for (let i = 0; i < text.length; i++) h = (Math.imul(h, 31) + text.charCodeAt(i)) | 0;
  return h >>> 0;
}
