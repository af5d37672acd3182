import { execFileSync } from "node:child_process";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../src/project-root.js";

/**
 * Vitest's global setup: compiles the bot once before any test file runs, so that the tests that
 * start it in a process of its own (spawnBot) run what `npm start` runs.
 */
export default function buildOnce(): void {
  execFileSync(process.execPath, [join(PROJECT_ROOT, "scripts/build.mjs")], { stdio: "inherit" });
}
