import { readFile } from "node:fs/promises";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import {
  bindMigrationAwareSqlAdapterFactory,
  type SqlMigrationAwareDriverAdapterFactory,
} from "@prisma/driver-adapter-utils";
import * as runtime from "@prisma/schema-engine-wasm/schema_engine_bg";

export type SchemaEngine = runtime.SchemaEngine;

/** The part of the WebAssembly global used here (@types/node does not declare it). */
declare const WebAssembly: {
  instantiate(
    bytes: Uint8Array,
    imports: Record<string, unknown>,
  ): Promise<{ instance: { exports: Record<string, unknown> } }>;
};

let initialised: Promise<void> | undefined;

/**
 * Prisma's schema engine compiled to WebAssembly. Unlike the CLI's native engine it needs no
 * download, so migrations work on machines without internet.
 */
function initialiseWasm(): Promise<void> {
  initialised ??= (async () => {
    // The package exports only its JS entry points, so locate the .wasm file beside the main one.
    const entry = fileURLToPath(import.meta.resolve("@prisma/schema-engine-wasm"));
    const wasmPath = join(dirname(entry), "schema_engine_bg.wasm");
    const { instance } = await WebAssembly.instantiate(await readFile(wasmPath), {
      "./schema_engine_bg.js": runtime,
    });
    runtime.__wbg_set_wasm(instance.exports as never);
    (instance.exports.__wbindgen_start as () => void)();
  })();
  return initialised;
}

export async function openSchemaEngine(
  schema: { path: string; content: string },
  adapterFactory: SqlMigrationAwareDriverAdapterFactory,
  log: (line: string) => void = () => {},
): Promise<SchemaEngine> {
  await initialiseWasm();
  return runtime.SchemaEngine.new(
    { datamodels: [[schema.path, schema.content]] },
    log,
    bindMigrationAwareSqlAdapterFactory(adapterFactory),
  );
}
