import type { ListItem } from "../../core/reply.js";
import type { Formatter } from "../../i18n/format.js";
import type { Translate } from "../../core/messages.js";
import { lateness } from "../../i18n/phrases.js";
import { followUpId } from "./service.js";

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
