import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { readFileSync } from "node:fs";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { PROJECT_ROOT } from "../../src/project-root.js";
import { createTestDatabase } from "./databases.js";

/** The V8 flags `npm start` runs the bot with: package.json's config.nodeFlags. */
export const NODE_FLAGS: string[] = JSON.parse(readFileSync(join(PROJECT_ROOT, "package.json"), "utf8"))
  .config.nodeFlags.split(" ")
  .filter(Boolean);

/**
 * The bot as `npm start` runs it (or another `script` of the project), in a process of its own:
 * the compiled copy under dist/ (scripts/build.mjs; the tests' global setup and `npm run bench`
 * build it), with `npm start`'s flags. `output` collects stdout and stderr as they come.
 */
export function spawnBot(
  env: NodeJS.ProcessEnv,
  { cwd = PROJECT_ROOT, script = "src/main.ts", args = [] }: { cwd?: string; script?: string; args?: string[] } = {},
): ChildProcessWithoutNullStreams & { output: () => string } {
  const compiled = join(PROJECT_ROOT, "dist", script.replace(/\.ts$/, ".js"));
  const child = spawn(process.execPath, [...NODE_FLAGS, compiled, ...args], { cwd, env });
  let output = "";
  child.stdout.on("data", (d) => (output += d));
  child.stderr.on("data", (d) => (output += d));
  return Object.assign(child, { output: () => output });
}

/** A port nothing listens on now, for a child process's HTTP server. */
export async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** Waits until an HTTP server answers on `port` (any status), for up to a minute. */
export async function untilListening(port: number, what: () => string): Promise<void> {
  for (let tries = 0; !(await fetch(`http://127.0.0.1:${port}/`).catch(() => undefined)); tries++) {
    if (tries > 600) throw new Error(`nothing listens on ${port}: ${what()}`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * The bot as `npm start` runs it, on a SQLite file of its own, with `env` added to the test's
 * environment; `stop()` ends it (SIGTERM) and removes the file.
 */
export async function startBotOnSqlite(env: NodeJS.ProcessEnv) {
  const database = await createTestDatabase("sqlite");
  const bot = spawnBot({ ...process.env, DATABASE_URL: database.url, LOG_LEVEL: "warn", ...env });
  return {
    bot,
    async stop() {
      bot.kill("SIGTERM");
      await new Promise((resolve) => (bot.exitCode !== null ? resolve(null) : bot.once("close", resolve)));
      await database.cleanup();
    },
  };
}
