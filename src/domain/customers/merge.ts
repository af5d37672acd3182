import type { WorkspaceTx } from "../../db/scope.js";
import { activeKey } from "../alerts/engine.js";
import { STANDING_CONTACT } from "../contacts/service.js";

/** What a merge carried over from the duplicate to the keeper, as the reply and the history count it. */
export interface MergeCounts {
  contacts: number;
  visits: number;
  followUps: number;
  orders: number;
  payments: number;
  expenses: number;
  complaints: number;
  alerts: number;
}

/**
 * Moves every record of the duplicate customer onto the keeper, inside the caller's transaction.
 * Where the keeper already holds the same thing (a contact of the same name, a plan for the same
 * day or month, a budget for the same period, an alert of the same kind still open), the keeper's
 * stands and the duplicate's is folded in or closed, so no unique key is broken and nothing doubles.
 */
export async function moveCustomerRecords(
  tx: WorkspaceTx,
  duplicateId: number,
  keeperId: number,
  actorId: number,
  now: Date,
): Promise<MergeCounts> {
  const from = { customerId: duplicateId };
  const onto = { customerId: keeperId };
  const contacts = await moveContacts(tx, duplicateId, keeperId);
  await dropCollidingPlans(tx, duplicateId, keeperId);
  const alerts = await moveAlerts(tx, duplicateId, keeperId, actorId, now);
  const [visits, followUps, orders, payments, expenses, complaints] = await Promise.all([
    tx.visit.updateMany({ where: from, data: onto }),
    tx.followUp.updateMany({ where: from, data: onto }),
    tx.order.updateMany({ where: from, data: onto }),
    tx.payment.updateMany({ where: from, data: onto }),
    tx.expense.updateMany({ where: from, data: onto }),
    tx.complaint.updateMany({ where: from, data: onto }),
  ]);
  await Promise.all([
    tx.keyEvent.updateMany({ where: from, data: onto }),
    tx.customerChange.updateMany({ where: from, data: onto }),
    tx.visitPlan.updateMany({ where: from, data: onto }),
    tx.salesPlan.updateMany({ where: from, data: onto }),
    tx.expenseBudget.updateMany({ where: from, data: onto }),
    tx.customerAlias.updateMany({ where: from, data: onto }),
  ]);
  return {
    contacts,
    visits: visits.count,
    followUps: followUps.count,
    orders: orders.count,
    payments: payments.count,
    expenses: expenses.count,
    complaints: complaints.count,
    alerts,
  };
}

/** A contact the keeper already has by name keeps the keeper's record; the visits that met them follow it. */
async function moveContacts(tx: WorkspaceTx, duplicateId: number, keeperId: number): Promise<number> {
  const [theirs, ours] = await Promise.all([
    tx.contact.findMany({ where: { customerId: duplicateId }, select: { id: true, name: true, removedAt: true } }),
    tx.contact.findMany({ where: { customerId: keeperId, ...STANDING_CONTACT }, select: { id: true, name: true } }),
  ]);
  const keeperByName = new Map(ours.map((c) => [c.name, c.id]));
  let folded = 0;
  for (const contact of theirs) {
    const same = contact.removedAt === null ? keeperByName.get(contact.name) : undefined;
    if (same === undefined) continue;
    await tx.visitContact.updateMany({ where: { contactId: contact.id }, data: { contactId: same } });
    await tx.contact.delete({ where: { id: contact.id } });
    folded++;
  }
  const moved = await tx.contact.updateMany({ where: { customerId: duplicateId }, data: { customerId: keeperId } });
  return moved.count + folded;
}

async function dropCollidingPlans(tx: WorkspaceTx, duplicateId: number, keeperId: number): Promise<void> {
  const [visitPlans, salesPlans, budgets] = await Promise.all([
    tx.visitPlan.findMany({ where: { customerId: keeperId }, select: { userId: true, plannedOn: true } }),
    tx.salesPlan.findMany({ where: { customerId: keeperId }, select: { month: true } }),
    tx.expenseBudget.findMany({ where: { customerId: keeperId }, select: { period: true } }),
  ]);
  const theirs = { customerId: duplicateId };
  if (visitPlans.length > 0) await tx.visitPlan.deleteMany({ where: { ...theirs, OR: visitPlans } });
  await tx.salesPlan.deleteMany({ where: { ...theirs, month: { in: salesPlans.map((p) => p.month) } } });
  await tx.expenseBudget.deleteMany({ where: { ...theirs, period: { in: budgets.map((b) => b.period) } } });
}

/**
 * The duplicate's alerts become the keeper's. One still open whose kind the keeper has open too is
 * resolved as merged: the keeper's alert already says it, and the sweep that follows the merge
 * brings both up to date from the combined records.
 */
async function moveAlerts(
  tx: WorkspaceTx,
  duplicateId: number,
  keeperId: number,
  actorId: number,
  now: Date,
): Promise<number> {
  const [theirs, ours] = await Promise.all([
    tx.alert.findMany({
      where: { customerId: duplicateId, activeKey: { not: null } },
      select: { id: true, rule: true, subject: true, workspaceId: true },
    }),
    tx.alert.findMany({ where: { customerId: keeperId, activeKey: { not: null } }, select: { activeKey: true } }),
  ]);
  const open = new Set(ours.map((a) => a.activeKey));
  for (const alert of theirs) {
    const key = activeKey(alert.rule, { customerId: keeperId, subject: alert.subject });
    if (!open.has(key)) {
      await tx.alert.update({ where: { id: alert.id }, data: { activeKey: key } });
      continue;
    }
    await tx.alert.update({
      where: { id: alert.id },
      data: { activeKey: null, status: "resolved", resolvedAt: now },
    });
    await tx.alertEvent.create({
      data: { workspaceId: alert.workspaceId, alertId: alert.id, userId: actorId, at: now, action: "merged" },
    });
  }
  const moved = await tx.alert.updateMany({ where: { customerId: duplicateId }, data: { customerId: keeperId } });
  return moved.count;
}
