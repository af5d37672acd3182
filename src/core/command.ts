import type { Role } from "../config.js";
import type { Formatter } from "../i18n/format.js";
import type { Translate } from "../i18n/index.js";
import type { Services } from "../domain/services.js";
import type { ArgSpecs, ArgValues } from "./args.js";
import type { Reply } from "./reply.js";

/** A file that came with a command. */
export interface Attachment {
  name: string;
  data: Uint8Array;
}

/** Who is running a command. */
export interface Actor {
  id: number;
  workspaceId: number;
  name: string;
  role: Role;
}

export interface CommandContext<A extends ArgSpecs> {
  args: ArgValues<A>;
  actor: Actor;
  services: Services;
  t: Translate;
  fmt: Formatter;
  now: Date;
  /** The command line that ran, for buttons that page or refine it. */
  commandLine: string;
  /** The same command line with some arguments replaced (undefined removes one), e.g. the next page. */
  lineWith(changes: Record<string, string | undefined>): string;
  /** Where the command came from: local files may be read only from the console. */
  platform: string;
  /** Files sent with the command (a CSV attached in Slack or Discord). */
  attachments: readonly Attachment[];
  /** Tells the user how long work is going (e.g. rows imported); platforms show it as they can. */
  progress(text: string): void;
}

export interface CommandDefinition<A extends ArgSpecs = ArgSpecs> {
  /**
   * Words after the slash, e.g. ["customer", "add"]; the first word is the platform command, a
   * third word a subcommand group's member (["visit", "plan", "status"]).
   */
  path: readonly [string] | readonly [string, string] | readonly [string, string, string];
  /** Minimum role: rep < manager < admin. */
  role: Role;
  args: A;
  /** Example arguments shown in help. */
  examples?: readonly string[];
  /**
   * The arguments a form asks for when the command is started without any (a Slack modal, a
   * Discord modal): at most five, since Discord's modals hold no more.
   */
  form?: readonly (keyof A & string)[];
  handle(ctx: CommandContext<A>): Promise<Reply> | Reply;
}

/**
 * The single place a command is defined. Its description and argument help are the translation
 * keys `commands.<path joined by _>.description` and `.args.<name>`, checked by a test.
 */
export function defineCommand<A extends ArgSpecs>(definition: CommandDefinition<A>): CommandDefinition<A> {
  return definition;
}

export const ROLE_RANK: Record<Role, number> = { rep: 0, manager: 1, admin: 2 };

export function commandKey(definition: Pick<CommandDefinition, "path">): string {
  return definition.path.join("_");
}
