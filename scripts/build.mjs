// Compiles the bot (src/, commands/) and what runs it from outside (bench/, the scripts and test
// helpers the benchmarks use) to JavaScript under dist/, in the same layout, for `npm start` and
// `npm run bench`. Running the TypeScript through tsx instead keeps a compiler and every file's
// source map in the bot's memory, some 35 MB. Types are not checked here (`npm test` does that);
// this only strips them, file by file, in well under a second, so `npm start` builds every time
// and never runs a stale copy.
import { build } from "esbuild";
import { existsSync, mkdirSync, readFileSync, readdirSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";

const root = join(dirname(fileURLToPath(import.meta.url)), "..");
const FOLDERS = ["src", "commands", "bench", "scripts", "test/support"];

const typescriptFiles = (folder) =>
  readdirSync(join(root, folder), { recursive: true, withFileTypes: true })
    .filter((entry) => entry.isFile() && entry.name.endsWith(".ts") && !entry.name.endsWith(".d.ts"))
    .map((entry) => relative(root, join(entry.parentPath, entry.name)));

const { outputFiles } = await build({
  entryPoints: FOLDERS.flatMap(typescriptFiles),
  outdir: join(root, "dist"),
  outbase: root,
  format: "esm",
  platform: "node",
  target: "node20",
  logLevel: "warning",
  write: false,
});

// Another bot instance may be starting from dist/ right now: a changed file is written beside its
// old copy and renamed over it, so that no process ever reads half a file.
for (const file of outputFiles) {
  if (existsSync(file.path) && readFileSync(file.path).equals(file.contents)) continue;
  mkdirSync(dirname(file.path), { recursive: true });
  const next = `${file.path}.${process.pid}.tmp`;
  writeFileSync(next, file.contents);
  renameSync(next, file.path);
}
