import { type Translate, phrase } from "../core/messages.js";
import type { ListItem } from "../core/reply.js";
import { followUpId } from "../domain/followups/service.js";
import type { FollowUpView } from "../domain/notifications.js";
import type { Formatter } from "../i18n/format.js";
import { lateness } from "../i18n/phrases.js";

/** A follow-up as a list line: id, kind and what to do, then customer, due date and lateness. */
export function followUpItem(t: Translate, fmt: Formatter, f: FollowUpView, now: Date, showUser: boolean): ListItem {
  const what = f.text ?? t("followup.revisit");
  return {
    title: `${followUpId(f.number)} · ${phrase(t, "vocab.followUpKind", f.kind)} · ${what}`,
    detail: [
      f.customer && fmt.aside(f.customer.name, f.customer.code),
      `${fmt.formatDate(f.dueAt)} ${lateness(t, fmt, f.dueAt, now)}`,
      showUser && f.user?.name,
    ]
      .filter(Boolean)
      .join(" · "),
  };
}
