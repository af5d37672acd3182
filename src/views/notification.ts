import type { Translate } from "../core/messages.js";
import type { Reply } from "../core/reply.js";
import type { NotificationView } from "../domain/notifications.js";
import type { Formatter } from "../i18n/format.js";
import { alertCard, alertStormNotice } from "./alert-card.js";
import { approvalNotice, approvedNotice, escalationNotice } from "./complaint-notices.js";
import { blockedNotice, failedNotice } from "./delivery-notices.js";
import { monthlySummary, morningFollowUps, weeklyDigest } from "./digests.js";

/** A notification as its recipient reads it, written when it is delivered: in their language, at that time. */
export function renderNotification(
  t: Translate,
  fmt: Formatter,
  n: NotificationView,
  now: Date,
  platform: string,
): Reply {
  switch (n.view) {
    case "alert":
      return alertCard(t, fmt, n.alert, { owner: n.owner });
    case "complaintApproval":
      return approvalNotice(t, fmt, n.complaint, n.solution, n.by, now);
    case "complaintApproved":
      return approvedNotice(t, fmt, n.complaint, n.comment, n.by, now);
    case "complaintEscalation":
      return escalationNotice(t, fmt, n.complaint, n.level, n.to, now);
    case "morningFollowUps":
      return morningFollowUps(t, fmt, n.items, n.more, now);
    case "weeklyDigest":
      return weeklyDigest(t, fmt, n.team, n.figures, n.month);
    case "monthlySummary":
      return monthlySummary(t, fmt, n.figures);
    case "alertStorm":
      return alertStormNotice(t, fmt, n);
    case "deliveryBlocked":
      return blockedNotice(t, n.channelId, n.reason, n.waiting, platform);
    case "deliveryFailed":
      return failedNotice(t, n.to, n.reason);
  }
}
