import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import type { Button } from "../../core/reply.js";
import type { InboundEvent } from "../../application/inbound/event.js";
import type { Inbound } from "../../application/inbound/handle.js";
import { saveFiles } from "./files.js";
import { renderText } from "./render.js";

const EXIT_WORDS = new Set(["exit", "quit", "退出", "/exit", "/quit"]);

export interface ConsoleOptions {
  inbound: Inbound;
  /** Who is typing, and where: the console's workspace and its user. */
  who: Pick<InboundEvent, "place" | "user">;
  input: Readable & { isTTY?: boolean };
  output: Writable;
  /** Printed once when interactive. */
  banner?: string;
  /** Shown at start whether or not a person is typing (the admin claim code): piped input needs it too. */
  notice?: string | undefined;
  prompt?: string;
  /** Where files that come with replies (charts, exports) are saved. */
  filesDir?: string;
  /** Runs after each reply is printed, e.g. to deliver the notifications the command caused. */
  afterCommand?: () => Promise<unknown>;
}

/**
 * Talk to the bot in a terminal. Interactive on a TTY (prompt, line editing, history); otherwise
 * it reads one command per line, prints each reply as plain text and ends with the input, so
 * that `printf '/customer find zs\n' | npm start` works in scripts.
 */
export async function runConsole(options: ConsoleOptions): Promise<void> {
  const { inbound, who, input, output } = options;
  const interactive = Boolean(input.isTTY);
  const rl = createInterface({
    input,
    output: interactive ? output : undefined,
    terminal: interactive,
    historySize: 500,
  });
  let buttons: Button[] = [];

  const handle = async (line: string): Promise<boolean> => {
    const text = line.trim();
    if (text === "" || text.startsWith("#")) return true;
    if (EXIT_WORDS.has(text.toLowerCase())) return false;
    const pressed = /^\d+$/.test(text) ? buttons[Number(text) - 1] : undefined;
    await inbound.handle({
      platform: "console",
      ...who,
      action: { kind: "command", line: pressed ? pressed.command : text },
      answer: {
        reply: async (reply) => {
          const rendered = renderText(reply);
          buttons = rendered.buttons;
          const saved = await saveFiles(reply.files ?? [], options.filesDir ?? "data/files");
          output.write(`${[rendered.text, ...saved.map((path) => `  📎 ${path}`)].join("\n")}\n\n`);
        },
        progress: (line) => output.write(`  … ${line}\n`),
      },
    });
    await options.afterCommand?.();
    return true;
  };

  if (options.notice) output.write(`${options.notice}\n`);
  if (!interactive) {
    for await (const line of rl) {
      if (!(await handle(line))) break;
    }
    rl.close();
    return;
  }

  if (options.banner) output.write(`${options.banner}\n`);
  rl.setPrompt(options.prompt ?? "crm> ");
  rl.prompt();
  await new Promise<void>((resolve) => {
    // Lines are handled one at a time so replies never interleave.
    let queue = Promise.resolve();
    rl.on("line", (line) => {
      queue = queue.then(async () => {
        if (await handle(line)) rl.prompt();
        else rl.close();
      });
    });
    rl.on("close", () => void queue.then(resolve));
  });
}
