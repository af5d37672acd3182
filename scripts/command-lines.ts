// Writes src/views/command-lines.generated.ts, each command's arguments as button lines need them,
// from the command registry:  npm run commands:lines
// A test fails when the committed file and the registry disagree.
import { writeFileSync } from "node:fs";
import { commands } from "../commands/index.js";
import type { ArgSpec } from "../src/core/args.js";
import { argLabel } from "../src/core/command-texts.js";

export function commandLinesSource(): string {
  const entries = commands.map((c) => {
    const args = Object.entries(c.args as Record<string, ArgSpec>).map(
      ([name, spec]) =>
        `[${JSON.stringify(name)}, ${spec.positional}, ${JSON.stringify(argLabel("zh-CN", spec, name))}]`,
    );
    return `  ${JSON.stringify(c.path.join(" "))}: [${args.join(", ")}],`;
  });
  return [
    "// Generated from commands/ by `npm run commands:lines`; do not edit by hand.",
    "// Each command's arguments in declaration order, whether each is positional, and its Chinese name.",
    "export const COMMAND_ARGS = {",
    ...entries,
    "} as const;",
    "",
  ].join("\n");
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL("../src/views/command-lines.generated.ts", import.meta.url), commandLinesSource());
  console.log("wrote src/views/command-lines.generated.ts");
}
