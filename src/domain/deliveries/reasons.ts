/**
 * Why a post has not gone out, as the outbox records it (`lastError`): one of these codes, a
 * platform's own error code (`msg_too_long`, `50007 Cannot send messages to this user`), or a
 * lost answer marked UNCONFIRMED. Views translate the codes.
 */
export const RATE_LIMITED = "rateLimited";
/** The request may have reached the platform (the connection broke): the post may exist. */
export const UNCONFIRMED = "unconfirmed: ";
/** The bot is not let into the channel yet (ChannelBlock). */
export const BLOCKED_REASONS = ["notMember", "notVisible", "noPermission"] as const;
export type BlockedReason = (typeof BLOCKED_REASONS)[number];

export const isBlockedReason = (reason: string | null): reason is BlockedReason =>
  (BLOCKED_REASONS as readonly (string | null)[]).includes(reason);
