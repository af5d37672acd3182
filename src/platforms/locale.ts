import type { Reply } from "../core/reply.js";
import type { Caller } from "../core/router.js";
import type { PrismaClient } from "../db/client.js";
import { normalizeLocale, translator, type Translate } from "../i18n/index.js";

/** The note a platform puts where it had to cut a reply short, in the reply's language. */
export function truncationNote(reply: Reply): string {
  return translator(reply.locale ?? "zh-CN")("platform.truncated");
}

/** A caller's language before any command has run (a form to open, an expired button). */
export async function callerTranslator(prisma: PrismaClient, caller: Caller): Promise<Translate> {
  const user = await prisma.user.findUniqueOrThrow({ where: { id: caller.userId }, select: { locale: true, workspace: { select: { locale: true } } } });
  return translator(normalizeLocale(user.locale ?? user.workspace.locale) ?? "zh-CN");
}
