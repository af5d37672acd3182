import { spawn, type ChildProcessWithoutNullStreams } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";
import { pathToFileURL } from "node:url";

const root = join(import.meta.dirname, "../..");

/**
 * The bot as `npm start` runs it (or another `script` of the project), in a process of its own:
 * one process with tsx loaded in it, since the tsx command would run it in a grandchild, out of
 * reach of a test's kill -9. `output` collects stdout and stderr as they come.
 */
export function spawnBot(env: NodeJS.ProcessEnv, cwd = root, script = "src/main.ts"): ChildProcessWithoutNullStreams & { output: () => string } {
  const child = spawn(process.execPath, ["--import", pathToFileURL(join(root, "node_modules/tsx/dist/loader.mjs")).href, join(root, script)], { cwd, env });
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
