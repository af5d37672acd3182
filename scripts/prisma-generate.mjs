// Builds one Prisma schema per provider from prisma/model.prisma and generates a client for each.
// Runs on `npm install` (postinstall) and `npm run db:generate`.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const PROVIDERS = ["sqlite", "postgresql"];

// importFileExtension "js": the generated files import each other as .js, as compiled JavaScript
// (scripts/build.mjs) needs them to; tsx and tsc map those imports to the .ts files.
// compilerBuild "small": Prisma's query compiler in its size-optimised WebAssembly build. It takes
// about 40 MB less memory than the default "fast" one, and commands measured no slower with it.
function providerSchema(provider, model) {
  return `// GENERATED from prisma/model.prisma by scripts/prisma-generate.mjs: edit that file instead.
generator client {
  provider      = "prisma-client"
  output        = "../../src/generated/${provider}"
  moduleFormat  = "esm"
  runtime       = "nodejs"
  compilerBuild = "small"
  importFileExtension = "js"
}

datasource db {
  provider = "${provider}"
}

${model}`;
}

function writeProviderSchemas() {
  const model = readFileSync(join(root, "prisma/model.prisma"), "utf8");
  return PROVIDERS.map((provider) => {
    const path = join(root, "prisma", provider, "schema.prisma");
    mkdirSync(dirname(path), { recursive: true });
    writeFileSync(path, providerSchema(provider, model));
    return { provider, path };
  });
}

function prismaGenerate(schemaPath, env) {
  return spawnSync(
    process.execPath,
    [join(root, "node_modules/prisma/build/index.js"), "generate", "--schema", schemaPath],
    {
      cwd: root,
      env,
      encoding: "utf8",
    },
  );
}

function generate(schemaPath) {
  let result = prismaGenerate(schemaPath, process.env);
  // The CLI downloads its native schema engine at start even though the Rust-free client needs
  // none. Where that host is unreachable (offline machines), point it at a placeholder binary; a
  // machine with internet never gets here and keeps Prisma's normal behaviour.
  const downloadFailed = /ENOTFOUND|EAI_AGAIN|ECONNREFUSED|ETIMEDOUT|failed to fetch|request to .* failed/i;
  if (
    result.status !== 0 &&
    !process.env.PRISMA_SCHEMA_ENGINE_BINARY &&
    downloadFailed.test(result.stderr + result.stdout)
  ) {
    result = prismaGenerate(schemaPath, { ...process.env, PRISMA_SCHEMA_ENGINE_BINARY: "/bin/false" });
  }
  if (result.status !== 0) {
    process.stderr.write(result.stdout + result.stderr);
    throw new Error(`prisma generate failed for ${schemaPath}`);
  }
}

if (process.argv[1] === fileURLToPath(import.meta.url)) {
  for (const { provider, path } of writeProviderSchemas()) {
    generate(path);
    console.log(`Prisma client generated for ${provider}`);
  }
}
