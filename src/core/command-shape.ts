import type { ArgSpecs } from "./args.js";

/**
 * What parsing, binding and help need of a command: its words, its arguments and its examples.
 * The application's `CommandDefinition` adds the role and the handler.
 */
export interface CommandShape<A extends ArgSpecs = ArgSpecs> {
  /**
   * Words after the slash, e.g. ["customer", "add"]; the first word is the platform command, a
   * third word a subcommand group's member (["visit", "plan", "status"]).
   */
  path: readonly [string] | readonly [string, string] | readonly [string, string, string];
  args: A;
  /** Example arguments shown in help. */
  examples?: readonly string[];
}

/** A command's key, its path joined by "_" (`customer_add`): forms, shortcuts and translation keys use it. */
export function commandKey(definition: Pick<CommandShape, "path">): string {
  return definition.path.join("_");
}

/** A file that came with a command. */
export interface Attachment {
  name: string;
  data: Uint8Array;
}
