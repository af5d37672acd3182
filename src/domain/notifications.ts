import type { Month } from "../core/dates.js";
import type { BlockedReason } from "./deliveries/reasons.js";
import type { DeliveryDestination } from "./deliveries/service.js";

/**
 * What notifications carry: data, never text. The outbox stores it as it is; the message is
 * written (src/views/) when it is delivered, in each recipient's language, time zone and currency.
 */

/** What an alert card shows; the same for the chat command and the posted notification. */
export interface AlertView {
  number: number;
  rule: string;
  severity: string;
  status: string;
  facts: string;
  openedAt: Date;
  snoozedUntil: Date | null;
  customer: { name: string; code: string } | null;
  assignee: { name: string } | null;
}

/** What a notice about a complaint shows. */
export interface ComplaintSummary {
  number: number;
  category: string;
  status: string;
  description: string;
  stepDueAt: Date | null;
  customer: { name: string; code: string };
  owner: { name: string } | null;
}

/** A follow-up as lists show it. */
export interface FollowUpView {
  number: number;
  kind: string;
  text: string | null;
  dueAt: Date;
  customer?: { name: string; code: string };
  user?: { name: string };
}

/** A week of a team (or the whole workspace): the figures of the Friday digest. */
export interface TeamFigures {
  visits: number;
  newComplaints: number;
  openAlerts: number;
  resolvedAlerts: number;
  sales: bigint;
  plan: bigint;
}

/** Last month's figures of the 1st's summary. */
export interface MonthFigures {
  month: Month;
  tierChanges: number;
  churned: { name: string; code: string }[];
  top: { name: string; amount: bigint }[];
  visits: { name: string; count: number }[];
}

export type NotificationView =
  | { view: "alert"; alert: AlertView; owner: string | null }
  | { view: "complaintApproval"; complaint: ComplaintSummary; solution: string; by: string }
  | { view: "complaintApproved"; complaint: ComplaintSummary; comment: string; by: string }
  | { view: "complaintEscalation"; complaint: ComplaintSummary; level: 1 | 2; to: string }
  | { view: "morningFollowUps"; items: FollowUpView[]; more: number }
  | { view: "weeklyDigest"; team: string | null; figures: TeamFigures; month: Month }
  | { view: "monthlySummary"; figures: MonthFigures }
  | { view: "alertStorm"; total: number; byRule: { rule: string; count: number }[]; top: AlertView[] }
  | { view: "deliveryBlocked"; channelId: string; reason: BlockedReason; waiting: number }
  | { view: "deliveryFailed"; to: DeliveryDestination; reason: string };

/** The alert's card data, without the rest of its row. */
/** What an alert's post shows: the alert, and whose customer it is about. */
export function alertPostView(
  alert: AlertView & { customer: { owner?: { name: string } | null } | null },
): NotificationView {
  return { view: "alert", alert: alertView(alert), owner: alert.customer?.owner?.name ?? null };
}

export function alertView(a: AlertView): AlertView {
  const { number, rule, severity, status, facts, openedAt, snoozedUntil, customer, assignee } = a;
  return {
    number,
    rule,
    severity,
    status,
    facts,
    openedAt,
    snoozedUntil,
    customer: customer && { name: customer.name, code: customer.code },
    assignee: assignee && { name: assignee.name },
  };
}

/** The complaint's notice data, without the rest of its row. */
export function complaintSummary(c: ComplaintSummary): ComplaintSummary {
  const { number, category, status, description, stepDueAt, customer, owner } = c;
  return {
    number,
    category,
    status,
    description,
    stepDueAt,
    customer: { name: customer.name, code: customer.code },
    owner: owner && { name: owner.name },
  };
}
