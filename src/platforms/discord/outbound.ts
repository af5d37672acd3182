import { DiscordAPIError, Routes, type REST } from "discord.js";
import type { Pacing } from "../../outbound/pacer.js";
import {
  type ChannelAccess,
  type ChannelBlock,
  DeliveryRefused,
  type Delivery,
  type OutboundPort,
} from "../../outbound/port.js";
import { NO_MENTIONS, REF_BUTTON, renderDiscord, runButtonId } from "./render.js";

/** Discord's answers to reading a channel the bot cannot see (opcodes-and-status-codes#json). */
const UNKNOWN_CHANNEL = 10003;
const MISSING_ACCESS = 50001;

const MISSING_PERMISSIONS = 50013;
/** Discord error codes that retrying cannot fix (discord.com/developers/docs/topics/opcodes-and-status-codes). */
const PERMANENT = new Set([UNKNOWN_CHANNEL, 10008, 10013, 50007]);
/** Refusals in a channel that wait for someone to let the bot in, by what they need. */
const BLOCKED: Record<number, ChannelBlock> = { [MISSING_ACCESS]: "notVisible", [MISSING_PERMISSIONS]: "noPermission" };

/**
 * Alerts, escalations and digests posted to Discord: a user's in a direct message, the others to
 * their channel; a message posted before is edited in place. The REST client waits out Discord's
 * rate limits itself; any other failure goes back to the outbox, which retries it later. Each post
 * carries its outbox id as an enforced nonce: Discord answers a second post with the same nonce
 * (within a few minutes) with the first message, so a retry after a crash posts nothing twice.
 */
/**
 * Discord's limit on posting to a channel: five messages per five seconds
 * (discord.com/developers/docs/topics/rate-limits). The REST client waits out a 429 by itself;
 * paced so, it rarely has to.
 */
export const DISCORD_PACING: Pacing = { intervalMs: 1_000, burst: 5 };

export function discordOutboundPort(rest: REST): OutboundPort {
  const dmChannels = new Map<string, string>();
  const channelOf = async (delivery: Delivery) => {
    if (delivery.to.kind === "channel") return delivery.to.channelId;
    const user = delivery.to.externalId;
    if (!dmChannels.has(user))
      dmChannels.set(
        user,
        ((await rest.post(Routes.userChannels(), { body: { recipient_id: user } })) as { id: string }).id,
      );
    return dmChannels.get(user)!;
  };
  return {
    pacing: DISCORD_PACING,
    async checkChannel(channelId: string): Promise<ChannelAccess> {
      try {
        await rest.get(Routes.channel(channelId));
        return "ok";
      } catch (error) {
        if (error instanceof DiscordAPIError && Number(error.code) === UNKNOWN_CHANNEL) return "notVisible";
        if (error instanceof DiscordAPIError && Number(error.code) === MISSING_ACCESS) return "noPermission";
        throw error;
      }
    },
    async send(delivery: Delivery) {
      // Buttons in a posted alert run their command as whoever presses them, in a DM on the workspace
      // that sent it; a line too long for a custom id cannot be kept across restarts, so its button
      // answers that it is no longer valid.
      const workspaceId = delivery.to.kind === "user" ? delivery.workspace.id : undefined;
      const body = {
        ...renderDiscord(delivery.reply, "…", (command) => runButtonId(command, workspaceId) ?? `${REF_BUTTON}0`),
        allowed_mentions: NO_MENTIONS,
      };
      try {
        if (delivery.ref) {
          const [channel, message] = delivery.ref.split("|") as [string, string];
          await rest.patch(Routes.channelMessage(channel, message), { body });
          return { ref: delivery.ref };
        }
        const channel = await channelOf(delivery);
        const posted = (await rest.post(Routes.channelMessages(channel), {
          body: { ...body, nonce: `crm-${delivery.id}`, enforce_nonce: true },
        })) as { id: string };
        return { ref: `${channel}|${posted.id}` };
      } catch (error) {
        if (error instanceof DiscordAPIError) {
          const code = Number(error.code);
          const blocked = delivery.to.kind === "channel" ? BLOCKED[code] : undefined;
          if (blocked) throw new DeliveryRefused(`${code} ${error.message}`, { blocked });
          throw new DeliveryRefused(`${code} ${error.message}`, { permanent: PERMANENT.has(code) || code in BLOCKED });
        }
        throw new DeliveryRefused((error as Error).message, { unconfirmed: true });
      }
    },
  };
}
