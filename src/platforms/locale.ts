import type { Reply } from "../core/reply.js";
import { translator } from "../i18n/index.js";

/** The note a platform puts where it had to cut a reply short, in the reply's language. */
export function truncationNote(reply: Reply): string {
  return translator(reply.locale ?? "zh-CN")("platform.truncated");
}
