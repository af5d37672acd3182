import { line } from "./command-line.js";
import { type Translate, phrase } from "../core/messages.js";
import type { Reply } from "../core/reply.js";
import { reply } from "../core/reply.js";
import { formatId } from "../domain/ids.js";
import type { ComplaintSummary } from "../domain/notifications.js";
import type { Formatter } from "../i18n/format.js";
import { deadlineLateness } from "../i18n/phrases.js";

/** The complaint's essentials as card fields, in the reader's language. */
export function complaintFields(t: Translate, fmt: Formatter, c: ComplaintSummary, now: Date) {
  const fields = [
    { label: t("complaint.field.customer"), value: fmt.aside(c.customer.name, c.customer.code) },
    { label: t("complaint.field.category"), value: phrase(t, "vocab.complaintCategory", c.category) },
    { label: t("complaint.field.status"), value: phrase(t, "vocab.complaintStatus", c.status) },
    { label: t("complaint.field.owner"), value: c.owner?.name ?? t("common.nobody") },
  ];
  if (c.stepDueAt)
    fields.push({
      label: t("complaint.field.due"),
      value: `${fmt.formatDateTime(c.stepDueAt)} · ${deadlineLateness(t, fmt, c.stepDueAt, now)}`,
    });
  return fields;
}

const showButton = (t: Translate, c: ComplaintSummary) => ({
  type: "buttons" as const,
  buttons: [
    { label: t("complaint.buttons.show"), command: line("complaint show", { id: formatId("complaint", c.number) }) },
  ],
});

/** To the manager: a solution waits for approval (领导批示). */
export function approvalNotice(
  t: Translate,
  fmt: Formatter,
  c: ComplaintSummary,
  solution: string,
  by: string,
  now: Date,
): Reply {
  return reply(
    {
      type: "heading",
      text: t("complaint.notice.approvalHeading", { id: formatId("complaint", c.number), customer: c.customer.name }),
    },
    { type: "text", text: t("complaint.notice.approvalText", { by, solution }) },
    { type: "fields", fields: complaintFields(t, fmt, c, now) },
    {
      type: "buttons",
      buttons: [
        {
          label: t("complaint.buttons.approve"),
          command: line("complaint approve", { id: formatId("complaint", c.number) }),
          style: "primary",
        },
        ...showButton(t, c).buttons,
      ],
    },
  );
}

/** To the owner: the solution was approved, carry it out. */
export function approvedNotice(
  t: Translate,
  fmt: Formatter,
  c: ComplaintSummary,
  comment: string,
  by: string,
  now: Date,
): Reply {
  return reply(
    {
      type: "heading",
      text: t("complaint.notice.approvedHeading", {
        id: formatId("complaint", c.number),
        customer: c.customer.name,
        by,
      }),
    },
    ...(comment ? [{ type: "text" as const, text: comment }] : []),
    { type: "fields", fields: complaintFields(t, fmt, c, now) },
    showButton(t, c),
  );
}

/** To the owner's manager (level 1) or the admins (level 2), and to the owner: 投诉没有下文. */
export function escalationNotice(
  t: Translate,
  fmt: Formatter,
  c: ComplaintSummary,
  level: 1 | 2,
  to: string,
  now: Date,
): Reply {
  return reply(
    {
      type: "heading",
      text: t(level === 1 ? "complaint.notice.escalatedManager" : "complaint.notice.escalatedAdmins", {
        id: formatId("complaint", c.number),
        customer: c.customer.name,
        to,
      }),
    },
    { type: "text", text: c.description },
    { type: "fields", fields: complaintFields(t, fmt, c, now) },
    showButton(t, c),
  );
}
