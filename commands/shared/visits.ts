import { arg } from "../../src/core/args.js";
import type { ListItem } from "../../src/core/reply.js";
import { followUpId } from "../../src/domain/followups/service.js";
import type { Who } from "../../src/domain/users/service.js";
import type { Formatter } from "../../src/i18n/format.js";
import type { Translate } from "../../src/i18n/index.js";
import { lateness } from "../../src/i18n/phrases.js";

const TEAM_WORDS = new Set(["team", "团队", "全组", "全部", "all"]);
const ME_WORDS = new Set(["me", "我", "mine", "自己"]);

/** The `who` argument of listings: me, my team, or a colleague's name. */
export const whoArg = () => arg.user({ aliases: ["谁", "人员", "user", "by"] });

export function whoFrom(text: string | undefined, fallback: "me" | "team"): Who {
  if (text === undefined) return fallback;
  const word = text.trim().toLowerCase();
  if (TEAM_WORDS.has(word)) return "team";
  if (ME_WORDS.has(word)) return "me";
  return { name: text.trim() };
}

export interface FollowUpView {
  number: number;
  kind: string;
  text: string | null;
  dueAt: Date;
  customer?: { name: string; code: string };
  user?: { name: string };
}

/** A follow-up as a list line: id, kind and what to do, then customer, due date and lateness. */
export function followUpItem(t: Translate, fmt: Formatter, f: FollowUpView, now: Date, showUser: boolean): ListItem {
  const what = f.text ?? t("followup.revisit");
  return {
    title: `${followUpId(f.number)} · ${t(`vocab.followUpKind.${f.kind}` as never)} · ${what}`,
    detail: [
      f.customer && `${f.customer.name} (${f.customer.code})`,
      `${fmt.formatDate(f.dueAt)} ${lateness(t, fmt, f.dueAt, now)}`,
      showUser && f.user?.name,
    ]
      .filter(Boolean)
      .join(" · "),
  };
}
