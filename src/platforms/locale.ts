import type { MessageKey } from "../core/messages.js";
import type { Reply } from "../core/reply.js";
import { translator } from "../i18n/index.js";

/** A platform's own words beside a reply (a note, a hint), in the reply's language. */
export function replyWords(reply: Reply, key: MessageKey): string {
  return translator(reply.locale ?? "zh-CN")(key);
}

/** The note a platform puts where it had to cut a reply short, in the reply's language. */
export function truncationNote(reply: Reply): string {
  return replyWords(reply, "platform.truncated");
}
