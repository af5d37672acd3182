import type { AlertRow } from "../../db/repositories/alerts.js";
import type { WorkspaceDb, WorkspaceTx } from "../../db/scope.js";
import type { Notification } from "../../outbound/outbox.js";
import type { Recipient } from "../../outbound/port.js";
import { alertPostView, type NotificationView } from "../notifications.js";

type Db = WorkspaceDb | WorkspaceTx;

/** The channels alerts are routed to, each for a region and a rule or for all. */
export type Routes = { channelId: string; region: string | null; rule: string | null }[];

export const alertRoutes = (db: Db): Promise<Routes> =>
  db.deliveryRoute.findMany({ where: { purpose: "alerts" }, select: { channelId: true, region: true, rule: true } });

/** What deciding an alert's recipients reads of it. */
export type Addressed = Pick<AlertRow, "rule" | "assigneeId"> & {
  customer: Pick<NonNullable<AlertRow["customer"]>, "ownerId" | "region"> | null;
};

/** Who hears of an alert: the customer's owner (not for overdue complaints, escalated already), its assignee, and the channels routed to. */
export function recipientsOf(alert: Addressed, routes: Routes): Recipient[] {
  const channels = routes.filter(
    (r) => (r.region === null || r.region === alert.customer?.region) && (r.rule === null || r.rule === alert.rule),
  );
  const users = [alert.rule === "complaint_overdue" ? null : alert.customer?.ownerId, alert.assigneeId].filter(
    (id): id is number => typeof id === "number",
  );
  return [
    ...users.map((userId) => ({ kind: "user" as const, userId })),
    ...channels.map((c) => ({ kind: "channel" as const, channelId: c.channelId })),
  ];
}

export function alertNotification(alert: AlertRow, recipients: Recipient[], at: Date): Notification<NotificationView> {
  return {
    dedupeKey: `alert:${alert.id}`,
    kind: "alert",
    recipients,
    alertId: alert.id,
    at,
    view: alertPostView(alert),
  };
}
