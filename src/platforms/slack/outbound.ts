import { ErrorCode, WebClient, type WebAPIPlatformError, type WebAPIRateLimitedError } from "@slack/web-api";
import type { Pacing } from "../../outbound/pacer.js";
import { type ChannelAccess, DeliveryRefused, type Delivery, type OutboundPort } from "../../outbound/port.js";
import { renderSlack } from "./render.js";

/**
 * Slack's limit on posting: about one message per second to a channel, with short bursts
 * tolerated (api.slack.com/apis/rate-limits#special-limits): paced so, it rarely answers 429.
 */
export const SLACK_PACING: Pacing = { intervalMs: 1_000, burst: 1 };

/** Refusals that retrying cannot fix: the channel or user is gone, or the bot was removed. */
const PERMANENT = new Set([
  "channel_not_found",
  "not_in_channel",
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

/**
 * Alerts, escalations and digests posted to Slack: a user's go to the bot's direct messages, the
 * others to their channel; a message posted before is edited in place (chat.update). The client
 * does not retry by itself: a refusal goes back to the outbox, which retries it after the
 * platform's Retry-After or with its backoff, and loses nothing meanwhile.
 */
export function slackOutboundPort(options: {
  botToken: string;
  apiUrl?: string | undefined;
  /** Slack's own pace unless given (a test server's). */
  pacing?: Pacing;
}): OutboundPort {
  const client = new WebClient(options.botToken, {
    ...(options.apiUrl ? { slackApiUrl: options.apiUrl } : {}),
    rejectRateLimitedCalls: true,
    retryConfig: { retries: 0 },
  });
  return {
    pacing: options.pacing ?? SLACK_PACING,
    async checkChannel(channelId: string): Promise<ChannelAccess> {
      try {
        const info = await client.conversations.info({ channel: channelId });
        return info.channel?.is_member ? "ok" : "notMember";
      } catch (error) {
        // A private channel is invisible to the bot until it is invited: Slack says channel_not_found.
        if ((error as WebAPIPlatformError).data?.error === "channel_not_found") return "notVisible";
        throw error;
      }
    },
    async send(delivery: Delivery) {
      const { blocks, text } = renderSlack(delivery.reply, "…");
      try {
        if (delivery.ref) {
          const [channel, ts] = delivery.ref.split("|") as [string, string];
          await client.chat.update({ channel, ts, blocks, text });
          return { ref: delivery.ref };
        }
        const channel = delivery.to.kind === "user" ? delivery.to.externalId : delivery.to.channelId;
        const posted = await client.chat.postMessage({ channel, blocks, text });
        return { ref: `${posted.channel}|${posted.ts}` };
      } catch (error) {
        const code = (error as { code?: string }).code;
        if (code === ErrorCode.RateLimitedError)
          throw new DeliveryRefused("rate limited", {
            retryAfterMs: (error as WebAPIRateLimitedError).retryAfter * 1000,
            rateLimited: true,
          });
        if (code === ErrorCode.PlatformError) {
          const reason = (error as WebAPIPlatformError).data.error;
          throw new DeliveryRefused(reason, { permanent: PERMANENT.has(reason) });
        }
        throw new DeliveryRefused((error as Error).message);
      }
    },
  };
}
