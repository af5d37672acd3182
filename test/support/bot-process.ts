import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "../..");

/**
 * The bot as `npm start` runs it, in a process of its own: one process with tsx loaded in it,
 * since the tsx command would run the bot in a grandchild, out of reach of a test's kill -9.
 * `output` collects stdout and stderr as they come.
 */
export function spawnBot(env: NodeJS.ProcessEnv, cwd = root): ChildProcessWithoutNullStreams & { output: () => string } {
  const child = spawn(process.execPath, ["--import", pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href, join(root, "src/main.ts")], { cwd, env });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  return Object.assign(child, { output: () => output });
}
