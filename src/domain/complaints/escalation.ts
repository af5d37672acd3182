import { repositoriesOf, type PrismaClient } from "../../db/client.js";
import { scopeToWorkspace, type WorkspaceDb } from "../../db/scope.js";
import { enqueue } from "../../outbound/outbox.js";
import type { Recipient } from "../../outbound/port.js";
import { readSetting, type ComplaintSettings } from "../settings.js";
import { addWorkingDays, readWorkCalendar, type WorkCalendar } from "../calendar.js";
import { complaintSummary, type NotificationView } from "../notifications.js";
import { adminIds, managersOf, routeChannels } from "./recipients.js";
import { OPEN_STATUSES } from "./workflow.js";

/** How often the scheduler looks for overdue complaints. */
export const COMPLAINT_ESCALATION_CRON = "* * * * *";

/**
 * "最忌讳投诉没有下文": a complaint past its step's deadline is escalated to the owner's manager,
 * and if it is still waiting `adminsAfterDays` working days later, to the admins. Each escalation
 * is a step in the complaint's history and a notification through the outbox, written together;
 * the conditional update makes a second bot instance running the same sweep skip it.
 * Returns how many escalations were made.
 */
export async function escalateOverdueComplaints(prisma: PrismaClient, now: Date): Promise<number> {
  const { bulk } = repositoriesOf(prisma);
  const overdue = await prisma.complaint.findMany({
    where: { status: { in: OPEN_STATUSES }, stepDueAt: { lt: now }, escalationLevel: { lt: 2 } },
    select: {
      id: true,
      workspaceId: true,
      number: true,
      category: true,
      status: true,
      description: true,
      stepDueAt: true,
      escalationLevel: true,
      escalatedAt: true,
      ownerId: true,
      customer: { select: { name: true, code: true, region: true } },
      owner: { select: { name: true, managerId: true } },
      workspace: { select: { timezone: true } },
    },
    orderBy: { id: "asc" },
  });
  // Per workspace, read once per sweep: its scoped client, its complaint settings and its calendar.
  const workspaces = new Map<number, { db: WorkspaceDb; settings: ComplaintSettings; calendar: WorkCalendar }>();
  let escalated = 0;
  for (const c of overdue) {
    if (!workspaces.has(c.workspaceId)) {
      const scoped = scopeToWorkspace(prisma, c.workspaceId);
      const [settings, calendar] = await Promise.all([
        readSetting(scoped, "complaints"),
        readWorkCalendar(scoped, c.workspace.timezone),
      ]);
      workspaces.set(c.workspaceId, { db: scoped, settings, calendar });
    }
    const { db, settings, calendar } = workspaces.get(c.workspaceId)!;
    const adminsDue =
      c.escalatedAt && addWorkingDays(c.escalatedAt, settings.adminsAfterDays, c.workspace.timezone, calendar);
    if (c.escalationLevel === 1 && adminsDue && now < adminsDue) continue;
    // Without a manager to tell, the first escalation goes straight to the admins.
    const level: 1 | 2 = c.escalationLevel === 0 && c.owner?.managerId ? 1 : 2;
    const told = level === 1 ? await managersOf(db, c.owner) : await adminIds(db);
    const names = (
      await db.user.findMany({ where: { id: { in: told } }, select: { name: true }, orderBy: { id: "asc" } })
    )
      .map((u) => u.name)
      .join("、");
    const recipients: Recipient[] = [
      ...told.map((userId) => ({ kind: "user" as const, userId })),
      ...(c.ownerId ? [{ kind: "user" as const, userId: c.ownerId }] : []),
      ...(await routeChannels(db, "escalations", c.customer.region)).map((channelId) => ({
        kind: "channel" as const,
        channelId,
      })),
    ];
    const done = await db.$transaction(async (tx) => {
      const claimed = await tx.complaint.updateMany({
        where: { id: c.id, status: c.status, escalationLevel: c.escalationLevel },
        data: { escalationLevel: level, escalatedAt: now },
      });
      if (claimed.count === 0) return false;
      await tx.complaintStep.create({
        data: {
          workspaceId: c.workspaceId,
          complaintId: c.id,
          step: level === 1 ? "escalate_manager" : "escalate_admins",
          userId: null,
          at: now,
          text: names,
        },
      });
      await enqueue(tx, bulk, c.workspaceId, {
        dedupeKey: `complaint:${c.id}:escalate:${level}:${c.stepDueAt!.getTime()}`,
        kind: "escalation",
        recipients,
        view: {
          view: "complaintEscalation",
          complaint: complaintSummary(c),
          level,
          to: names,
        } satisfies NotificationView,
        at: now,
      });
      return true;
    });
    if (done) escalated++;
  }
  return escalated;
}
