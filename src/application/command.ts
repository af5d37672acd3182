import type { ChannelAccess } from "../outbound/port.js";
import type { ArgSpecs, ArgValues } from "../core/args.js";
import type { Attachment, CommandShape } from "../core/command-shape.js";
import type { Translate } from "../core/messages.js";
import type { Reply } from "../core/reply.js";
import type { Actor, Role } from "../core/roles.js";
import type { Services } from "../domain/services.js";
import type { Formatter } from "../i18n/format.js";

export interface CommandContext<A extends ArgSpecs> {
  args: ArgValues<A>;
  actor: Actor;
  services: Services;
  t: Translate;
  fmt: Formatter;
  now: Date;
  /** The command line that ran with some arguments replaced (undefined removes one), e.g. the next page. */
  lineWith(changes: Record<string, string | undefined>): string;
  /** Where the command came from: local files may be read only from the console. */
  platform: string;
  /** Whether the bot can post to a channel of this workspace, as its platform says ("unknown" where it cannot tell). */
  channelAccess(channelId: string): Promise<ChannelAccess | "unknown">;
  /** Uses up the admin claim code from the bot's log for this workspace, if `code` is it. */
  redeemAdminClaim(code: string): boolean;
  /** Files sent with the command (a CSV attached in Slack or Discord). */
  attachments: readonly Attachment[];
  /** The group chat or channel the command was sent in, when it was one (not a direct message). */
  channel: string | undefined;
  /** Tells the user how long work is going (e.g. rows imported); platforms show it as they can. */
  progress(text: string): void;
}

export interface CommandDefinition<A extends ArgSpecs = ArgSpecs> extends CommandShape<A> {
  /** Minimum role: rep < manager < admin. */
  role: Role;
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

/** Any command of the registry: the registry holds commands of many argument shapes. */
// biome-ignore lint/suspicious/noExplicitAny: the handler's argument types are its own declaration's; a registry erases them
export type AnyCommand = CommandDefinition<any>;
