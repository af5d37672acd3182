import { ErrorCode, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from "@slack/web-api";
import type { Pacing } from "../../outbound/pacer.js";
import {
  type ChannelAccess,
  type ChannelBlock,
  DeliveryRefused,
  type Delivery,
  type OutboundPort,
} from "../../outbound/port.js";
import { renderSlack } from "./render.js";

/**
 * Slack's limit on posting: about one message per second to a channel, with short bursts
 * tolerated (api.slack.com/apis/rate-limits#special-limits): paced so, it rarely answers 429.
 */
export const SLACK_PACING: Pacing = { intervalMs: 1_000, burst: 1 };

/** Refusals that retrying cannot fix: the channel was archived, the user or the bot is gone. */
const PERMANENT = new Set([
  "is_archived",
  "user_not_found",
  "account_inactive",
  "invalid_auth",
  "not_authed",
  "token_revoked",
  "message_not_found",
  "cant_update_message",
  "invalid_blocks",
  "msg_too_long",
]);

/** Refusals that wait for someone to let the bot in, by what they need. */
const BLOCKED: Record<string, ChannelBlock> = {
  // A private channel is invisible to the bot until it is invited (a deleted one looks the same).
  channel_not_found: "notVisible",
  not_in_channel: "notMember",
  restricted_action: "noPermission",
  restricted_action_read_only_channel: "noPermission",
  restricted_action_thread_only_channel: "noPermission",
};

/** The metadata type every post carries, with the outbox id, so a post can be found again. */
export const OUTBOX_EVENT_TYPE = "crm_outbox_message";
/** How far back a retried post looks for itself in its channel: far more than a lease's worth of posts. */
const HISTORY_LOOKBACK = 100;

/**
 * Alerts, escalations and digests posted to Slack: a user's go to the bot's direct messages, the
 * others to their channel; a message posted before is edited in place (chat.update). The client
 * does not retry by itself: a refusal goes back to the outbox, which retries it after the
 * platform's Retry-After or with its backoff, and loses nothing meanwhile.
 *
 * Each post carries its outbox id as message metadata. When an earlier attempt may have gone
 * through unseen (the process died after Slack took it, or the answer was lost), the channel's
 * recent history is searched for that id first, so the message is posted once. A public channel
 * the bot is not in is joined (channels:join) before posting; a private one waits for an invitation.
 */
export function slackOutboundPort(options: {
  /** One workspace's token, or each workspace's by its team id (installed through OAuth). */
  botToken: string | ((teamId: string) => Promise<string>);
  apiUrl?: string | undefined;
  /** Slack's own pace unless given (a test server's). */
  pacing?: Pacing;
}): OutboundPort {
  const clients = new Map<string, WebClient>();
  const clientOf = (token: string) => {
    let client = clients.get(token);
    if (!client) {
      client = new WebClient(token, {
        ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
        rejectRateLimitedCalls: true,
        retryConfig: { retries: 0 },
      });
      clients.set(token, client);
    }
    return client;
  };
  const tokenOf = options.botToken;
  const clientFor = async (teamId: string) => clientOf(typeof tokenOf === "string" ? tokenOf : await tokenOf(teamId));
  const dmChannels = new Map<string, string>();
  const channelOf = async (client: WebClient, to: Delivery["to"]): Promise<string> => {
    if (to.kind === "channel") return to.channelId;
    let channel = dmChannels.get(to.externalId);
    if (!channel) {
      const opened = await client.conversations.open({ users: to.externalId });
      channel = opened.channel!.id!;
      dmChannels.set(to.externalId, channel);
    }
    return channel;
  };
  const findPosted = async (client: WebClient, channel: string, id: number): Promise<string | undefined> => {
    const history = await client.conversations.history({
      channel,
      limit: HISTORY_LOOKBACK,
      include_all_metadata: true,
    });
    return history.messages?.find(
      (m) =>
        m.metadata?.event_type === OUTBOX_EVENT_TYPE &&
        (m.metadata.event_payload as Record<string, unknown> | undefined)?.outbox_id === String(id),
    )?.ts;
  };
  const post = async (client: WebClient, channel: string, delivery: Delivery, blocks: unknown[], text: string) => {
    const message = {
      channel,
      blocks: blocks as never,
      text,
      metadata: { event_type: OUTBOX_EVENT_TYPE, event_payload: { outbox_id: String(delivery.id) } },
    };
    try {
      return await client.chat.postMessage(message);
    } catch (error) {
      // A public channel the bot is not in: it joins it itself, as channels:join allows.
      if (platformError(error) !== "not_in_channel" || delivery.to.kind !== "channel") throw error;
      await client.conversations.join({ channel });
      return client.chat.postMessage(message);
    }
  };
  return {
    pacing: options.pacing ?? SLACK_PACING,
    async checkChannel(channelId: string, workspaceExternalId: string): Promise<ChannelAccess> {
      try {
        const client = await clientFor(workspaceExternalId);
        const info = await client.conversations.info({ channel: channelId });
        return info.channel?.is_member ? "ok" : "notMember";
      } catch (error) {
        if (platformError(error) === "channel_not_found") return "notVisible";
        throw error;
      }
    },
    async send(delivery: Delivery) {
      const { blocks, text } = renderSlack(delivery.reply, "…");
      try {
        const client = await clientFor(delivery.workspace.externalId);
        if (delivery.ref) {
          const [channel, ts] = delivery.ref.split("|") as [string, string];
          await client.chat.update({ channel, ts, blocks, text });
          return { ref: delivery.ref };
        }
        const channel = await channelOf(client, delivery.to);
        const earlier = delivery.uncertain ? await findPosted(client, channel, delivery.id) : undefined;
        if (earlier) return { ref: `${channel}|${earlier}` };
        const posted = await post(client, channel, delivery, blocks, text);
        return { ref: `${posted.channel}|${posted.ts}` };
      } catch (error) {
        throw refusal(error, delivery.to.kind);
      }
    },
  };
}

function platformError(error: unknown): string | undefined {
  return (error as { code?: string }).code === ErrorCode.PlatformError
    ? (error as WebAPIPlatformError).data.error
    : undefined;
}

/** What the outbox should make of a failed call. */
function refusal(error: unknown, to: Delivery["to"]["kind"]): DeliveryRefused {
  const code = (error as { code?: string }).code;
  if (code === ErrorCode.RateLimitedError)
    return new DeliveryRefused("rate limited", {
      retryAfterMs: (error as WebAPIRateLimitedError).retryAfter * 1000,
      rateLimited: true,
    });
  const reason = platformError(error);
  if (reason !== undefined) {
    const blocked = to === "channel" ? BLOCKED[reason] : undefined;
    if (blocked) return new DeliveryRefused(reason, { blocked });
    return new DeliveryRefused(reason, { permanent: PERMANENT.has(reason) || reason in BLOCKED });
  }
  // No answer from Slack (a broken connection, a timeout): the post may exist all the same.
  return new DeliveryRefused((error as Error).message, { unconfirmed: true });
}
