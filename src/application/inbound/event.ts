import type { Locale } from "../../core/locale.js";
import type { Attachment } from "../../core/command-shape.js";
import type { Reply } from "../../core/reply.js";
import type { WorkspaceRef } from "../../domain/workspaces.js";

export type Platform = WorkspaceRef["platform"];

/** The person behind an event, with what the platform says about them. */
export interface PlatformUser {
  externalId: string;
  /** The language the platform reports for them without being asked (Discord's client locale). */
  locale?: Locale | undefined;
  /** Asked only the first time the user is met: their display name and language. */
  profile(): Promise<{ name: string; locale?: Locale | undefined }>;
  /** The platform roles they hold (Discord role ids), which `/crm role` maps to bot roles. */
  platformRoleIds?: readonly string[];
  /**
   * What the platform says of their standing, asked at every command (the receiver keeps it a
   * while): a guest (Slack's guests, people of another organisation) is refused; an admin of the
   * platform (Discord's server owner and managers) is vouched for as an admin of the bot.
   */
  standing?(): Promise<{ guest: boolean; admin?: boolean }>;
}

/** Where an event came from: a team or server, or a direct message naming the workspace its button was sent from. */
export type InboundPlace = { workspace: WorkspaceRef } | { directMessage: true; workspaceId?: number | undefined };

/** What the user asked for: a command line (typed, a button, a submitted form), or something the bot no longer knows. */
export type InboundAction = { kind: "command"; line: string } | { kind: "stale" };

/**
 * How a receiver answers the event it acknowledged: it knows the platform's ways (the deferred
 * reply, the response URL, a DM when those are refused or expired), the application does not.
 */
export interface Answerer {
  /** Shows the answer; `workspaceId` lets buttons sent into a DM name the workspace they act on. */
  reply(reply: Reply, context: { workspaceId?: number | undefined }): Promise<void>;
  /** A line about work under way (rows imported); dropped where the platform cannot show it. */
  progress?(text: string): void;
}

/**
 * One event from any platform, already verified and acknowledged by its receiver: the same shape
 * for the console, Slack, Discord and whatever comes next.
 */
export interface InboundEvent {
  platform: Platform;
  place: InboundPlace;
  user: PlatformUser;
  action: InboundAction;
  /** The answer is for the channel, by the platform's own switch (Discord's `public` option). */
  visibility?: Reply["visibility"];
  /** The platform's id of this delivery: a retried delivery with the same id is not run twice. */
  deliveryId?: string | undefined;
  /** The group chat or channel the command was sent in, when it was one (not a direct message). */
  channelId?: string | undefined;
  /** Files that came with the command, fetched only after the acknowledgement. */
  attachments?: () => Promise<Attachment[]>;
  answer: Answerer;
}
