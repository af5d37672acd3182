import type { Pacing } from "./pacer.js";
import type { Reply } from "../core/reply.js";

/** Who a notification is for: a bot user (a direct message) or a platform channel. */
export type Recipient = { kind: "user"; userId: number } | { kind: "channel"; channelId: string };

/** One message as a platform receives it, with the recipient resolved to platform ids. */
export interface Delivery {
  /** The outbox message's id: the same post however often it is attempted (for nonce and metadata). */
  id: number;
  /**
   * An earlier attempt may have been posted without the bot learning of it (the process died, or
   * the answer was lost): look for that post before posting again.
   */
  uncertain: boolean;
  workspace: { id: number; platform: string; externalId: string };
  to: { kind: "user"; externalId: string; name: string } | { kind: "channel"; channelId: string };
  reply: Reply;
  /** Set when this message was posted before: update that post in place instead of posting again. */
  ref: string | null;
}

/**
 * The one outbound port: the console, Slack and Discord each implement it. Alerts, escalations and
 * digests never call a platform directly; they go through the outbox, which calls this.
 */
export interface OutboundPort {
  /** Posts (or updates) the message and returns the platform's id of the post. */
  send(delivery: Delivery): Promise<{ ref: string }>;
  /** How fast the platform takes posts to one channel or DM; none for the console. */
  pacing?: Pacing;
  /** Whether the bot can post to a channel of a workspace (its platform id), asked when a route is added. */
  checkChannel?(channelId: string, workspaceExternalId: string): Promise<ChannelAccess>;
}

/**
 * What the platform says about a channel the bot is to post in: it can; it can see it but is not
 * in it (invite it); it cannot see it (a private channel it was not invited to, or no such
 * channel); it may not post there (permissions).
 */
export type ChannelAccess = "ok" | "notMember" | "notVisible" | "noPermission";

/** Why the bot cannot post to a channel yet: someone has to invite it or give it permission. */
export type ChannelBlock = Exclude<ChannelAccess, "ok">;

/**
 * A platform refused a message. `retryAfterMs` is what the platform asked for (Retry-After);
 * `rateLimited` says it was only too soon (HTTP 429): a wait, not a failure, so it never counts
 * toward the attempts; `blocked` says the bot is not (yet) allowed in the channel, which waits
 * for an invitation instead of failing; `permanent` means retrying cannot help (the channel was
 * deleted, the bot removed); `unconfirmed` that the request may have reached the platform (the
 * connection broke), so the post may exist.
 */
export class DeliveryRefused extends Error {
  constructor(
    message: string,
    readonly options: {
      retryAfterMs?: number;
      rateLimited?: boolean;
      blocked?: ChannelBlock;
      permanent?: boolean;
      unconfirmed?: boolean;
    } = {},
  ) {
    super(message);
    this.name = "DeliveryRefused";
  }
}

export function recipientKey(recipient: Recipient): string {
  return recipient.kind === "user" ? `user:${recipient.userId}` : `channel:${recipient.channelId}`;
}

export function parseRecipientKey(key: string): Recipient {
  const [kind, id = ""] = key.split(/:(.*)/s);
  return kind === "user" ? { kind: "user", userId: Number(id) } : { kind: "channel", channelId: id };
}
