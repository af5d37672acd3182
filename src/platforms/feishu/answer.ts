import type { Answerer } from "../../application/inbound/event.js";
import { reply } from "../../core/reply.js";
import type { Logger } from "../../logger.js";
import { truncationNote } from "../locale.js";
import type { FeishuApi, Receiver } from "./api.js";
import { renderFeishu } from "./render.js";

/** A long command's progress updates one card at most this often (Feishu's per-person rate is five a second). */
const PROGRESS_INTERVAL_MS = 2_000;

/** Work under way (rows imported) as one card to the person, updated in place as it goes on. */
function progressCard(api: FeishuApi, person: Receiver, logger: Logger): (text: string) => void {
  let posted: Promise<string> | undefined;
  let last = 0;
  return (text) => {
    if (Date.now() - last < PROGRESS_INTERVAL_MS) return;
    last = Date.now();
    const card = renderFeishu(reply({ type: "note", text }), "");
    const previous = posted;
    const update = async (id: string) => {
      await api.patchCard(id, card);
      return id;
    };
    posted = previous ? previous.then(update) : api.sendCard(person, card);
    posted.catch((err: unknown) => logger.debug({ err }, "feishu: a progress update failed"));
  };
}

/** Where an event happened: the person, the chat, and the message to answer, if it was one. */
export interface Conversation {
  openId: string;
  chatId?: string | undefined;
  /** A 1:1 chat with the bot: what the person sees there is private already. */
  direct: boolean;
  messageId?: string | undefined;
}

/**
 * Answers a Feishu user: in a group, privately by a card only they see unless the answer is
 * public; in a 1:1 chat, in it. When the group refuses (the bot was removed), the answer goes to
 * the person's 1:1 chat with the bot. Charts and exports go as image and file messages to the
 * person, or to the group when the answer is public.
 */
export function feishuAnswerer(api: FeishuApi, at: Conversation, logger: Logger): Answerer {
  const person: Receiver = { type: "open_id", id: at.openId };
  return {
    progress: progressCard(api, person, logger),
    async reply(reply) {
      const card = renderFeishu(reply, truncationNote(reply));
      const inGroup = at.chatId !== undefined && !at.direct;
      const toGroup = inGroup && reply.visibility === "public";
      const first = async () => {
        if (at.messageId && (toGroup || at.direct)) return api.replyCard(at.messageId, card);
        if (toGroup) return void (await api.sendCard({ type: "chat_id", id: at.chatId! }, card));
        if (inGroup) return api.ephemeralCard(at.chatId!, at.openId, card);
        return void (await api.sendCard(person, card));
      };
      await first().catch(async (error: unknown) => {
        if (!inGroup) throw error;
        logger.warn({ err: error }, "feishu: answering in the group failed; answering in the 1:1 chat");
        await api.sendCard(person, card);
      });
      const filesTo: Receiver = toGroup ? { type: "chat_id", id: at.chatId! } : person;
      for (const file of reply.files ?? []) await api.sendFile(filesTo, file);
    },
  };
}
