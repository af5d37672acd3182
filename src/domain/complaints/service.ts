import type { MessageKey } from "../../core/messages.js";
import { DomainService, type ServiceContext } from "../context.js";
import { monthRange, type Month } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import { groupBy } from "../../core/group.js";
import type { Paging } from "../../core/paging.js";
import type { WorkspaceTx } from "../../db/scope.js";
import { enqueue } from "../../outbound/outbox.js";
import { canSee } from "../access.js";
import type { UserService } from "../users/service.js";
import { nextNumber } from "../counters.js";
import type { Customer } from "../../db/repositories/customers.js";
import { formatId, parseId } from "../ids.js";
import { readSetting, type ComplaintSettings } from "../settings.js";
import { milestoneDue } from "./deadlines.js";
import { readWorkCalendar } from "../calendar.js";
import { complaintSummary, type NotificationView } from "../notifications.js";
import { managersOf } from "./recipients.js";
import {
  milestoneOf,
  nextActions,
  OPEN_STATUSES,
  TRANSITIONS,
  type ComplaintAction,
  type ComplaintStatus,
} from "./workflow.js";

export interface ComplaintInput {
  category: string;
  complainant?: string | undefined;
  target?: string | undefined;
  demand?: string | undefined;
  description: string;
}

export interface ComplaintFilter {
  /** "open" (every state still waiting for someone), "closed", or one state. */
  status?: ComplaintStatus | "open" | "closed" | undefined;
  category?: string | undefined;
  customerId?: number | undefined;
  /** Complaints owned by these users; null = everyone the actor may see. */
  ownerIds?: number[] | null | undefined;
  overdue?: boolean | undefined;
}

export const COMPLAINT_VIEW = {
  id: true,
  number: true,
  category: true,
  complainant: true,
  target: true,
  demand: true,
  description: true,
  status: true,
  ownerId: true,
  responsible: true,
  receivedAt: true,
  clockFrom: true,
  stepDueAt: true,
  escalationLevel: true,
  escalatedAt: true,
  closedAt: true,
  resolvedOnTime: true,
  customer: { select: { id: true, name: true, code: true, ownerId: true } },
  owner: { select: { id: true, name: true, managerId: true } },
} as const;

const CLOSED_STATUSES: ComplaintStatus[] = ["rejected", "resolved", "reviewed"];

export const complaintId = (number: number) => formatId("complaint", number);

/**
 * 投诉处理: filing, the seven steps with who and when, deadlines in working days, and the monthly
 * figures. Whoever files a complaint owns it (首问负责制); the owner, the owner's manager and
 * admins may move it on, and only a manager or an admin approves a solution.
 */
export class ComplaintService extends DomainService {
  constructor(
    context: ServiceContext,
    private readonly users: UserService,
  ) {
    super(context);
  }

  private visibleOwners(): Promise<number[] | null> {
    return this.users.team();
  }

  settings(): Promise<ComplaintSettings> {
    return readSetting(this.db, "complaints");
  }

  async file(customer: Customer, input: ComplaintInput) {
    const [settings, calendar] = await Promise.all([this.settings(), readWorkCalendar(this.db, this.timezone)]);
    const now = this.now();
    const workspaceId = this.actor.workspaceId;
    const filed = await this.db.$transaction(async (tx) => {
      const number = await nextNumber(tx, workspaceId, "complaint");
      const complaint = await tx.complaint.create({
        data: {
          workspaceId,
          number,
          customerId: customer.id,
          category: input.category,
          complainant: input.complainant ?? null,
          target: input.target ?? null,
          demand: input.demand ?? null,
          description: input.description,
          ownerId: this.actor.id,
          receivedAt: now,
          clockFrom: now,
          createdAt: now,
          stepDueAt: milestoneDue(settings, input.category, "validate", now, this.timezone, calendar),
        },
        select: COMPLAINT_VIEW,
      });
      await tx.complaintStep.create({
        data: {
          workspaceId,
          complaintId: complaint.id,
          step: "record",
          userId: this.actor.id,
          at: now,
          text: input.description,
        },
      });
      return complaint;
    });
    await this.afterChange([customer.id]);
    return filed;
  }

  /** A complaint the actor may see: one they own, their team's, or about a customer they may see. */
  async find(ref: string) {
    const number = parseId("complaint", ref);
    if (number === undefined) throw new UserError("complaint.badId", { id: ref });
    const complaint = await this.db.complaint.findFirst({ where: { number }, select: COMPLAINT_VIEW });
    const owners = await this.visibleOwners();
    // One the actor may not see reads exactly like one that does not exist.
    if (!complaint || (!canSee(owners, complaint.ownerId) && !canSee(owners, complaint.customer.ownerId)))
      throw new UserError("complaint.notFound", { id: complaintId(number) });
    return complaint;
  }

  /**
   * Takes one workflow step. Refusals leave the complaint as it was: a step out of order names the
   * steps open from here, approval needs a manager, and a step that states something needs text.
   */
  async act(ref: string, action: ComplaintAction, text: string | undefined) {
    const complaint = await this.find(ref);
    const id = complaintId(complaint.number);
    const from = complaint.status as ComplaintStatus;
    const owners = await this.visibleOwners();
    if (complaint.ownerId !== this.actor.id && !canSee(owners, complaint.ownerId)) {
      throw new UserError("complaint.notYours", { id, owner: complaint.owner?.name ?? "-" });
    }
    const transition = TRANSITIONS[action];
    if (!transition.from.includes(from)) {
      const allowed = nextActions(from);
      throw new UserError(allowed.length > 0 ? "complaint.outOfOrder" : "complaint.noNextStep", {
        id,
        action: { group: "vocab.complaintStep", value: action },
        status: { group: "vocab.complaintStatus", value: from },
        allowed: allowed.map((a) => `/complaint ${a}`).join("  "),
      });
    }
    if (transition.managerOnly && this.actor.role === "rep") throw new UserError("complaint.managerOnly", { id });
    // The catalogue has a refusal for each action the workflow table marks as needing a text.
    if (transition.textRequired && !text?.trim())
      throw new UserError(`complaint.textRequired.${action}` as MessageKey, { id });

    const to = transition.to(from);
    const [settings, calendar] = await Promise.all([this.settings(), readWorkCalendar(this.db, this.timezone)]);
    const now = this.now();
    const clockFrom = action === "reopen" ? now : complaint.clockFrom;
    const milestone = milestoneOf(to);
    const data = {
      status: to,
      clockFrom,
      stepDueAt: milestone
        ? milestoneDue(settings, complaint.category, milestone, clockFrom, this.timezone, calendar)
        : null,
      escalationLevel: 0,
      escalatedAt: null,
      ...(action === "assign" ? { responsible: text!.trim() } : {}),
      ...(action === "resolve"
        ? {
            resolvedOnTime:
              now <= milestoneDue(settings, complaint.category, "resolve", clockFrom, this.timezone, calendar),
          }
        : {}),
      ...(CLOSED_STATUSES.includes(to) && to !== "reviewed" ? { closedAt: now } : {}),
      ...(action === "reopen" ? { closedAt: null, resolvedOnTime: null } : {}),
    };
    const workspaceId = this.actor.workspaceId;
    const result = await this.db.$transaction(async (tx) => {
      // Only from the state it was read in: two people acting at once cannot both move it.
      const moved = await tx.complaint.updateMany({ where: { id: complaint.id, status: from }, data });
      if (moved.count === 0) throw new UserError("complaint.changed", { id });
      await tx.complaintStep.create({
        data: {
          workspaceId,
          complaintId: complaint.id,
          step: action,
          userId: this.actor.id,
          at: now,
          text: text?.trim() || null,
        },
      });
      const after = await tx.complaint.findUniqueOrThrow({ where: { id: complaint.id }, select: COMPLAINT_VIEW });
      await this.notifyStep(tx, action, after, text?.trim() ?? "");
      return { complaint: after, from, to };
    });
    await this.afterChange([complaint.customer.id]);
    return result;
  }

  /** A proposed solution waits for a manager's approval; an approval goes back to the owner. */
  private async notifyStep(tx: WorkspaceTx, action: ComplaintAction, complaint: ComplaintView, text: string) {
    const key = `complaint:${complaint.id}:${action}:${this.now().getTime()}`;
    const workspaceId = this.actor.workspaceId;
    if (action === "propose") {
      const approvers = (await managersOf(tx, complaint.owner)).filter((id) => id !== this.actor.id);
      await enqueue(tx, this.data.bulk, workspaceId, {
        dedupeKey: key,
        kind: "complaint",
        recipients: approvers.map((userId) => ({ kind: "user", userId })),
        view: {
          view: "complaintApproval",
          complaint: complaintSummary(complaint),
          solution: text,
          by: this.actor.name,
        } satisfies NotificationView,
        at: this.now(),
      });
    }
    if (action === "approve" && complaint.ownerId !== null && complaint.ownerId !== this.actor.id) {
      await enqueue(tx, this.data.bulk, workspaceId, {
        dedupeKey: key,
        kind: "complaint",
        recipients: [{ kind: "user", userId: complaint.ownerId }],
        view: {
          view: "complaintApproved",
          complaint: complaintSummary(complaint),
          comment: text,
          by: this.actor.name,
        } satisfies NotificationView,
        at: this.now(),
      });
    }
  }

  async steps(complaintId: number) {
    return this.db.complaintStep.findMany({
      where: { complaintId },
      select: { step: true, at: true, text: true, user: { select: { name: true } } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
  }

  async list(filter: ComplaintFilter, at: Paging) {
    const owners = await this.visibleOwners();
    const status =
      filter.status === "open"
        ? { in: OPEN_STATUSES }
        : filter.status === "closed"
          ? { in: CLOSED_STATUSES }
          : filter.status;
    const where = {
      status,
      category: filter.category,
      customerId: filter.customerId,
      ownerId: filter.ownerIds ? { in: filter.ownerIds } : undefined,
      stepDueAt: filter.overdue ? { lt: this.now() } : undefined,
      ...(owners === null ? {} : { OR: [{ ownerId: { in: owners } }, { customer: { ownerId: { in: owners } } }] }),
    };
    const [total, rows] = await Promise.all([
      this.db.complaint.count({ where }),
      this.db.complaint.findMany({
        where,
        select: COMPLAINT_VIEW,
        orderBy:
          filter.overdue || filter.status === "open" ? [{ stepDueAt: "asc" }, { number: "asc" }] : [{ number: "desc" }],
        skip: at.skip,
        take: at.take,
      }),
    ]);
    return { total, rows };
  }

  /**
   * The month's figures (月总结) for the complaints received in it: counts by category and state,
   * the average time each step took after the one before, and the share resolved on time.
   */
  async stats(month: Month) {
    const { start, end } = monthRange(month, this.timezone);
    const owners = await this.visibleOwners();
    const where = {
      receivedAt: { gte: start, lt: end },
      ...(owners === null ? {} : { OR: [{ ownerId: { in: owners } }, { customer: { ownerId: { in: owners } } }] }),
    };
    const [byCategory, byStatus, resolved, onTime, steps] = await Promise.all([
      this.db.complaint.groupBy({ by: ["category"], where, _count: { _all: true } }),
      this.db.complaint.groupBy({ by: ["status"], where, _count: { _all: true } }),
      this.db.complaint.count({ where: { ...where, resolvedOnTime: { not: null } } }),
      this.db.complaint.count({ where: { ...where, resolvedOnTime: true } }),
      this.db.complaintStep.findMany({
        where: { complaint: where },
        select: { complaintId: true, step: true, at: true },
        orderBy: [{ complaintId: "asc" }, { at: "asc" }, { id: "asc" }],
      }),
    ]);
    // Escalations are the bot's doing, not a step of the work: time runs from step to step.
    const flow = steps.filter((s) => !s.step.startsWith("escalate"));
    const gaps = flow.flatMap((s, i) => {
      const previous = flow[i - 1];
      return previous && previous.complaintId === s.complaintId
        ? [{ step: s.step, ms: s.at.getTime() - previous.at.getTime() }]
        : [];
    });
    const average = [...groupBy(gaps, (g) => g.step)].map(([step, list]) => ({
      step,
      count: list.length,
      averageMs: list.reduce((sum, g) => sum + g.ms, 0) / list.length,
    }));
    return {
      total: byCategory.reduce((sum, c) => sum + c._count._all, 0),
      byCategory: byCategory
        .map((c) => ({ category: c.category, count: c._count._all }))
        .sort((a, b) => b.count - a.count),
      byStatus: Object.fromEntries(byStatus.map((s) => [s.status, s._count._all])) as Record<string, number>,
      steps: average,
      resolved,
      onTime,
    };
  }
}

export type ComplaintView = Awaited<ReturnType<ComplaintService["find"]>>;
