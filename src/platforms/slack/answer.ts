import type { RespondFn } from "@slack/bolt";
import type { WebClient } from "@slack/web-api";
import type { Reply } from "../../core/reply.js";
import type { Answerer } from "../../application/inbound/event.js";
import { truncationNote } from "../locale.js";
import { renderSlack } from "./render.js";

/** Progress updates a long command may post through the response URL (Slack allows five uses). */
const MAX_PROGRESS_UPDATES = 2;

type Rendered = ReturnType<typeof renderSlack>;
/** One way of showing an answer: the response URL, an ephemeral post in a channel, a DM. */
type Route = (body: Rendered, reply: Reply) => Promise<unknown>;

/**
 * Answers a Slack user by `first`, falling back to a direct message when Slack refuses it (a
 * response URL used up or expired, a channel the bot is not in). Charts and exports go to the
 * DM: neither a response URL nor an ephemeral post can carry files.
 */
function answerer(client: WebClient, slackUserId: string, first?: Route, progress?: (text: string) => void): Answerer {
  const dm: Route = (body) => client.chat.postMessage({ channel: slackUserId, ...body });
  return {
    async reply(reply) {
      const body = renderSlack(reply, truncationNote(reply));
      if (!first) await dm(body, reply);
      else await first(body, reply).catch(() => dm(body, reply));
      if (!reply.files?.length) return;
      const opened = await client.conversations.open({ users: slackUserId });
      for (const file of reply.files) {
        await client.filesUploadV2({
          channel_id: opened.channel!.id!,
          file: Buffer.from(file.data),
          filename: file.name,
          title: file.title ?? file.name,
        });
      }
    },
    ...(progress ? { progress } : {}),
  };
}

/** Slash commands and buttons: through their response URL, in the channel when the answer is public. */
export function respondAnswerer(client: WebClient, slackUserId: string, respond: RespondFn): Answerer {
  let updates = 0;
  const progress = (text: string) => {
    if (updates++ < MAX_PROGRESS_UPDATES) void respond({ response_type: "ephemeral", text }).catch(() => {});
  };
  const route: Route = (body, reply) =>
    respond({ response_type: reply.visibility === "public" ? "in_channel" : "ephemeral", ...body });
  return answerer(client, slackUserId, route, progress);
}

/** Forms: to the user in the channel they opened it from, privately; by DM when that channel refuses. */
export function channelAnswerer(client: WebClient, slackUserId: string, channel: string | undefined): Answerer {
  return answerer(
    client,
    slackUserId,
    channel ? (body) => client.chat.postEphemeral({ channel, user: slackUserId, ...body }) : undefined,
  );
}

/** Direct messages and shortcuts: in the DM. */
export function directAnswerer(client: WebClient, slackUserId: string): Answerer {
  return answerer(client, slackUserId);
}
