import { randomUUID } from "node:crypto";
import { PrismaPg } from "@prisma/adapter-pg";
import type { SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import pg from "pg";
import type { NamedQuery } from "./direct-reads.js";

/** pg's OIDs of the internal one-byte "char" type and of text. */
const PG_CHAR_OID = 18;
const PG_TEXT_OID = 25;

export interface PostgresTarget {
  connectionString: string;
  /** Prisma's `?schema=` convention; pg itself does not know it. */
  schema: string;
}

export function parsePostgresUrl(databaseUrl: string): PostgresTarget {
  const url = new URL(databaseUrl);
  const schema = url.searchParams.get("schema") ?? "public";
  url.searchParams.delete("schema");
  return { connectionString: url.toString(), schema };
}

export function quoteIdent(name: string): string {
  return `"${name.replaceAll('"', '""')}"`;
}

function poolConfig(target: PostgresTarget, Client?: typeof pg.Client): pg.PoolConfig {
  // Migrations are unqualified SQL, so the schema must be the connection's search path too.
  return {
    connectionString: target.connectionString,
    options: `-c search_path=${quoteIdent(target.schema)}`,
    ...(Client ? { Client } : {}),
  };
}

export async function ensureSchema(target: PostgresTarget): Promise<void> {
  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  try {
    await client.query(`CREATE SCHEMA IF NOT EXISTS ${quoteIdent(target.schema)}`);
  } finally {
    await client.end();
  }
}

export async function dropSchema(target: PostgresTarget): Promise<void> {
  const client = new pg.Client({ connectionString: target.connectionString });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS ${quoteIdent(target.schema)} CASCADE`);
  } finally {
    await client.end();
  }
}

/** The direct reads' statements keep the name they are given (see `statementNames`); the client's stay unnamed. */
export function postgresAdapterFactory(target: PostgresTarget): PrismaPg {
  return new PrismaPg(poolConfig(target), {
    schema: target.schema,
    statementNameGenerator: (query) => (query as NamedQuery).statementName as string,
  });
}

/**
 * The schema engine's introspection selects catalog columns of PostgreSQL's internal "char" type,
 * which @prisma/adapter-pg cannot map; their text form is all the engine needs.
 */
class CharAsTextClient extends pg.Client {
  override query(...args: unknown[]): never {
    const asText = (result: pg.QueryResult | undefined) => {
      for (const field of result?.fields ?? []) if (field.dataTypeID === PG_CHAR_OID) field.dataTypeID = PG_TEXT_OID;
      return result;
    };
    const callbackIndex = args.findIndex((arg) => typeof arg === "function");
    if (callbackIndex >= 0) {
      const callback = args[callbackIndex] as (err: Error | null, result?: pg.QueryResult) => void;
      args[callbackIndex] = (err: Error | null, result?: pg.QueryResult) => callback(err, asText(result));
      return (super.query as (...a: unknown[]) => never)(...args);
    }
    const pending = (super.query as (...a: unknown[]) => unknown)(...args);
    return (pending instanceof Promise ? pending.then(asText) : pending) as never;
  }
}

/** For the schema engine: introspection that understands "char". */
export function postgresEngineFactory(target: PostgresTarget): PrismaPg {
  return new PrismaPg(poolConfig(target, CharAsTextClient), { schema: target.schema });
}

/**
 * For diffs: the engine replays the migrations into its shadow database and compares the result
 * with the model under the main connection's schema name, so both are one throw-away schema
 * (which also needs no CREATE DATABASE privilege).
 */
export function postgresScratchEngineFactory(connectionString: string): SqlMigrationAwareDriverAdapterFactory {
  const scratch: PostgresTarget = { connectionString, schema: `crm_scratch_${randomUUID().replaceAll("-", "")}` };
  const factory = postgresEngineFactory(scratch);
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => {
      await ensureSchema(scratch);
      const adapter = await factory.connect();
      const dispose = adapter.dispose.bind(adapter);
      adapter.dispose = async () => {
        await dispose();
        await dropSchema(scratch);
      };
      return adapter;
    },
  };
}
