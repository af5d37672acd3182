import { commandLine } from "../core/bind.js";
import type { Locale } from "../core/locale.js";
import { COMMAND_ARGS } from "./command-lines.generated.js";

type Commands = typeof COMMAND_ARGS;
/** A command of the registry by its words: "customer show". */
export type CommandPath = keyof Commands;
type ArgName<P extends CommandPath> = Commands[P][number][0];

/**
 * The line a button runs: a command of the registry with some of its arguments. The command and
 * the argument names are checked by the compiler against the registry (through the generated
 * COMMAND_ARGS), so renaming either fails to compile instead of breaking buttons at run time.
 * A Chinese reader's line names the arguments in Chinese, as he would type it.
 */
export function line<P extends CommandPath>(
  path: P,
  args: Partial<Record<ArgName<P>, string | number>> = {},
  locale: Locale = "en",
): string {
  const raw = Object.fromEntries(
    Object.entries(args).flatMap(([name, value]) => (value === undefined ? [] : [[name, String(value)]])),
  );
  return commandLine(shapeOf(path), raw, locale);
}

const shapes = new Map<CommandPath, Parameters<typeof commandLine>[0]>();

/** The command's words and arguments as `commandLine` reads them, made once per command: a reply makes a line per button. */
function shapeOf(path: CommandPath): Parameters<typeof commandLine>[0] {
  let shape = shapes.get(path);
  if (!shape) {
    shape = {
      path: path.split(" "),
      args: Object.fromEntries(
        COMMAND_ARGS[path].map(([name, positional, chinese]) => [name, { positional, aliases: [chinese] }]),
      ),
    };
    shapes.set(path, shape);
  }
  return shape;
}
