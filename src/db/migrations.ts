import { existsSync } from "node:fs";
import { readFile, readdir } from "node:fs/promises";
import { join } from "node:path";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory, SqlQuery } from "@prisma/driver-adapter-utils";
import type { MigrationList } from "@prisma/schema-engine-wasm";
import { createEngineAdapterFactory, createScratchEngineFactory } from "./adapter.js";
import { PROJECT_ROOT } from "../project-root.js";
import { ensureSchema, parsePostgresUrl } from "./postgres.js";
import { providerOf, type Provider } from "./provider.js";
import { openSchemaEngine, type SchemaEngine } from "./schema-engine.js";

export const PRISMA_DIR = join(PROJECT_ROOT, "prisma");
const NO_FILTERS = { externalTables: [], externalEnums: [] };

export function migrationsDir(provider: Provider): string {
  return join(PRISMA_DIR, "migrations", provider);
}

export async function readModel(): Promise<string> {
  return readFile(join(PRISMA_DIR, "model.prisma"), "utf8");
}

/** The datasource block the engine needs to know which connector a model is for. */
export function schemaFor(provider: Provider, model: string): { path: string; content: string } {
  return { path: `${provider}/schema.prisma`, content: `datasource db {\n  provider = "${provider}"\n}\n\n${model}` };
}

export function lockfileContent(provider: Provider): string {
  return `# Written by scripts/db-new-migration.ts; do not edit.\nprovider = "${provider}"\n`;
}

/** The provider's migrations folder in the shape `prisma migrate deploy` reads it. */
export async function loadMigrations(provider: Provider): Promise<MigrationList> {
  const baseDir = migrationsDir(provider);
  const names = existsSync(baseDir)
    ? (await readdir(baseDir, { withFileTypes: true }))
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
  const migrationDirectories = await Promise.all(
    names.map(async (name) => ({
      path: name,
      migrationFile: {
        path: "migration.sql",
        content: { tag: "ok" as const, value: await readFile(join(baseDir, name, "migration.sql"), "utf8") },
      },
    })),
  );
  return {
    baseDir,
    lockfile: { path: "migration_lock.toml", content: lockfileContent(provider) },
    shadowDbInitScript: "",
    migrationDirectories,
  };
}

/**
 * Runs `work` with a schema engine, then closes every connection the engine opened: freeing the
 * engine does not, and an open SQLite connection would keep the bot's own client waiting on it.
 */
async function withEngine<T>(
  provider: Provider,
  factory: SqlMigrationAwareDriverAdapterFactory,
  work: (engine: SchemaEngine, model: string) => Promise<T>,
  modelText?: string,
): Promise<T> {
  const opened: SqlDriverAdapter[] = [];
  const tracked: SqlMigrationAwareDriverAdapterFactory = {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: async () => {
      const adapter = await factory.connect();
      opened.push(adapter);
      return adapter;
    },
    connectToShadowDb: () => factory.connectToShadowDb(),
  };
  const model = modelText ?? (await readModel());
  const engine = await openSchemaEngine(schemaFor(provider, model), tracked);
  try {
    return await work(engine, model);
  } finally {
    engine.free();
    await Promise.all(opened.map((adapter) => adapter.dispose()));
  }
}

/**
 * Applies the provider's pending migrations; returns the names it applied. When the database has
 * recorded every one of them the engine is not loaded at all: its WebAssembly instance would stay
 * in the process for good, some 30 MB for a check that finds nothing to do on almost every start.
 */
export async function migrateDatabase(databaseUrl: string, options: { before?: string } = {}): Promise<string[]> {
  const provider = providerOf(databaseUrl);
  if (provider === "postgresql") await ensureSchema(parsePostgresUrl(databaseUrl));
  const factory = createEngineAdapterFactory(databaseUrl);
  const all = await loadMigrations(provider);
  // `before`: only the migrations older than the one named, as a database made before it has them (tests of a data migration)
  const migrationsList = options.before
    ? { ...all, migrationDirectories: all.migrationDirectories.filter((m) => m.path < options.before!) }
    : all;
  const applied = await appliedMigrations(factory);
  if (migrationsList.migrationDirectories.every((m) => applied.has(m.path))) return [];
  return withEngine(provider, factory, async (engine) => {
    const { appliedMigrationNames } = await engine.applyMigrations({ migrationsList, filters: NO_FILTERS });
    return appliedMigrationNames;
  });
}

/** The migrations the database records as applied in full; none when it has no record yet. */
async function appliedMigrations(factory: SqlMigrationAwareDriverAdapterFactory): Promise<Set<string>> {
  const adapter = await factory.connect();
  try {
    const result = await adapter.queryRaw({
      sql: "SELECT migration_name FROM _prisma_migrations WHERE finished_at IS NOT NULL AND rolled_back_at IS NULL",
      args: [],
      argTypes: [],
    });
    return new Set(result.rows.map((row) => String(row[0])));
  } catch {
    return new Set(); // no migration table: a new database
  } finally {
    await adapter.dispose();
  }
}

/**
 * The engine replays each migration file into the shadow database with one `executeRaw`, which
 * better-sqlite3 refuses for more than one statement; a parameterless script is run as a script.
 */
function scriptTolerantShadow(factory: SqlMigrationAwareDriverAdapterFactory): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: factory.provider,
    adapterName: factory.adapterName,
    connect: () => factory.connect(),
    connectToShadowDb: async () => {
      const shadow = await factory.connectToShadowDb();
      return new Proxy(shadow, {
        get(target, key) {
          if (key === "executeRaw") {
            return async (query: SqlQuery) => {
              if (query.args.length > 0) return target.executeRaw(query);
              await target.executeScript(query.sql);
              return 0;
            };
          }
          const value = Reflect.get(target, key, target) as unknown;
          return typeof value === "function" ? value.bind(target) : value;
        },
      }) satisfies SqlDriverAdapter;
    },
  };
}

/**
 * The SQL that would bring the provider's migrations up to prisma/model.prisma: empty when they
 * agree. Replaying migrations needs a scratch database: in memory for SQLite, a throw-away schema
 * on the PostgreSQL server at `postgresUrl`.
 */
export async function pendingMigrationSql(
  provider: Provider,
  postgresUrl: string,
  modelText?: string,
): Promise<string> {
  return withEngine(
    provider,
    scriptTolerantShadow(createScratchEngineFactory(provider, postgresUrl)),
    async (engine, model) => {
      const migrations = await loadMigrations(provider);
      const from =
        migrations.migrationDirectories.length > 0
          ? { tag: "migrations" as const, ...migrations }
          : { tag: "empty" as const };
      const result = await engine.diff({
        from,
        to: { tag: "schemaDatamodel", files: [schemaFor(provider, model)] },
        script: true,
        exitCode: null,
        filters: NO_FILTERS,
      });
      return result.stdout ?? "";
    },
    modelText,
  );
}

/** A diff script with nothing but comments is an empty migration. */
export function isEmptyMigration(sql: string): boolean {
  return sql
    .split("\n")
    .map((line) => line.trim())
    .every((line) => line === "" || line.startsWith("--"));
}
