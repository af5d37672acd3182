import type { Inbound } from "../application/inbound/handle.js";
import type { Platform } from "../application/inbound/event.js";
import type { ArgSpec } from "../core/args.js";
import { choiceLabel } from "../core/command-texts.js";
import type { MessageKey } from "../core/messages.js";
import { type Reply, reply } from "../core/reply.js";
import { translator } from "../i18n/index.js";

/**
 * The answer to a file sent to the bot on a platform whose messages carry no command with a file
 * (Feishu, DingTalk): what it got, and the import kinds (the import command's own choices) as
 * buttons that run `/import <kind>`, in the user's language.
 */
export function importOffer(
  inbound: Inbound,
  platform: Platform,
  userId: string,
  fileName: string,
  text: MessageKey,
): Reply {
  const locale = inbound.languageOf(platform, { externalId: userId });
  const t = translator(locale);
  const kind = inbound.router.byKey("import")?.args.kind as ArgSpec | undefined;
  const offer = reply(
    { type: "text", text: t(text, { name: fileName }) },
    {
      type: "buttons",
      buttons: (kind?.choices ?? []).map((k) => ({ label: choiceLabel(t, kind!, k), command: `/import ${k}` })),
    },
  );
  return { ...offer, locale };
}
