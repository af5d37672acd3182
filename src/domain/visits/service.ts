import { DomainService } from "../context.js";
import { addDays } from "date-fns/addDays";
import { startOfDayIn } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { Paging } from "../../core/paging.js";
import { nextNumber } from "../counters.js";
import type { Customer } from "../../db/repositories/customers.js";
import { readSetting, type VisitSettings } from "../settings.js";
import { refreshVisitDue } from "./cadence.js";
import { canSee, visibleOwnerIds } from "../access.js";
import type { FieldChange } from "../customers/fields.js";
import { recordCustomerChange } from "../customers/history.js";
import { formatId } from "../ids.js";
import { STANDING_CONTACT } from "../contacts/service.js";
import { alreadyVoid, entryNumber, notFound, recordVoid, STANDING, voidMark } from "../trading/entries.js";
import type { WorkspaceTx } from "../../db/scope.js";

export interface VisitInput {
  /** The day of the visit (start of day); today when omitted. */
  visitedOn?: Date | undefined;
  channel?: string | undefined;
  purpose?: string | undefined;
  contactNames: string[];
  learned?: string | undefined;
  notes?: string | undefined;
  outcome?: string | undefined;
  nextStep?: string | undefined;
  followUpOn?: Date | undefined;
  promises: string[];
  promiseBy?: Date | undefined;
}

/** The customer's last visit from the visits that stand, and so the day the next one is due. */
export async function refreshLastVisit(tx: WorkspaceTx, settings: VisitSettings, customerId: number): Promise<void> {
  const last = await tx.visit.aggregate({ where: { customerId, ...STANDING }, _max: { visitedAt: true } });
  await tx.customer.update({ where: { id: customerId }, data: { lastVisitAt: last._max.visitedAt } });
  await refreshVisitDue(tx, settings, { id: customerId });
}

/** LIKE's wildcards, which a user types as text: SQLite has no escape for them without raw SQL. */
const WILDCARD = /[%_\\]/;
/** Visits read to find a text with a wildcard in it, before the text itself is looked for. */
const WILDCARD_CANDIDATES = 2_000;

/**
 * Where a visit may hold what a rep remembers of it. A text with wildcards is looked for by the
 * pieces between them here (each must be there), and whole by `holds`.
 */
function textMatch(text: string) {
  const pieces = text.split(new RegExp(WILDCARD, "g")).filter(Boolean);
  // Wildcards alone name nothing to find.
  if (pieces.length === 0) return { id: { in: [] } };
  const each = (field: (contains: { contains: string }) => object) => ({
    AND: pieces.map((piece) => field({ contains: piece })),
  });
  return {
    OR: [
      each((c) => ({ notes: c })),
      each((c) => ({ purpose: c })),
      each((c) => ({ learned: c })),
      each((c) => ({ outcome: c })),
      each((c) => ({ followUps: { some: { text: c } } })),
      each((c) => ({ contacts: { some: { contact: { name: c } } } })),
    ],
  };
}

interface Searchable {
  notes: string | null;
  purpose: string | null;
  learned: string | null;
  outcome: string | null;
  followUps: { text: string | null }[];
  contacts: { contact: { name: string } }[];
}

function holds(visit: Searchable, text: string): boolean {
  return [
    visit.notes,
    visit.purpose,
    visit.learned,
    visit.outcome,
    ...visit.followUps.map((f) => f.text),
    ...visit.contacts.map((c) => c.contact.name),
  ].some((field) => field?.includes(text));
}

export interface VisitFilter {
  customerId?: number | undefined;
  /** Visits by these users; null = anyone's. */
  userIds: number[] | null;
  from?: Date | undefined;
  /** Exclusive. */
  until?: Date | undefined;
  /** Text the visit's notes, purpose, findings, outcome, next steps or contacts' names hold. */
  text?: string | undefined;
}

/** What a visit's edit may change. */
export interface VisitEdit {
  visitedOn?: Date | undefined;
  channel?: string | undefined;
  purpose?: string | undefined;
  notes?: string | undefined;
  learned?: string | undefined;
  outcome?: string | undefined;
}
const EDITABLE = ["channel", "purpose", "notes", "learned", "outcome"] as const;

const VISIT_VIEW = {
  id: true,
  number: true,
  voidedAt: true,
  voidReason: true,
  voidedBy: { select: { name: true } },
  visitedAt: true,
  channel: true,
  purpose: true,
  learned: true,
  notes: true,
  outcome: true,
  customer: { select: { name: true, code: true } },
  user: { select: { name: true } },
  contacts: { select: { contact: { select: { name: true } } } },
  followUps: {
    select: { number: true, kind: true, text: true, dueAt: true, doneAt: true },
    orderBy: { number: "asc" },
  },
} as const;

export class VisitService extends DomainService {
  /**
   * Records a visit with what it left to do. Each next step and promise becomes a follow-up; the
   * visitor's open next steps for the customer are closed, since this visit is the one they asked
   * for (by phone or online, only revisits and steps already due). All checks run before anything is written, and the writes are one transaction.
   */
  async log(customer: Customer, input: VisitInput) {
    const contacts = await this.contactsMet(customer, input.contactNames);
    const settings = await readSetting(this.db, "visits");
    const now = this.now();
    const today = startOfDayIn(now, this.timezone);
    const visitedAt = !input.visitedOn || input.visitedOn.getTime() === today.getTime() ? now : input.visitedOn;
    const defaultDue = addDays(today, settings.followUpDays);
    const planned = [
      ...(input.nextStep || input.followUpOn
        ? [{ kind: "next_step", text: input.nextStep ?? null, dueAt: input.followUpOn ?? defaultDue }]
        : []),
      ...input.promises.map((text) => ({
        kind: "promise",
        text,
        dueAt: input.promiseBy ?? input.followUpOn ?? defaultDue,
      })),
    ];
    const workspaceId = this.actor.workspaceId;
    const channel = input.channel ?? "onsite";
    const logged = await this.db.$transaction(async (tx) => {
      const visit = await tx.visit.create({
        data: {
          workspaceId,
          number: await nextNumber(tx, workspaceId, "visit"),
          customerId: customer.id,
          userId: this.actor.id,
          visitedAt,
          channel,
          purpose: input.purpose ?? null,
          learned: input.learned ?? null,
          notes: input.notes ?? null,
          outcome: input.outcome ?? null,
        },
      });
      if (contacts.length > 0) {
        await tx.visitContact.createMany({
          data: contacts.map((c) => ({ workspaceId, visitId: visit.id, contactId: c.id })),
        });
      }
      const answered = await tx.followUp.findMany({
        where: {
          customerId: customer.id,
          userId: this.actor.id,
          kind: "next_step",
          doneAt: null,
          createdAt: { lte: visitedAt },
          // A call or a message answers a plain revisit, or a step due by today; a step set for a
          // later day ("上门取支票" next week) waits for a visit in person.
          ...(channel === "onsite" ? {} : { OR: [{ text: null }, { dueAt: { lt: addDays(today, 1) } }] }),
        },
        select: { id: true, number: true },
      });
      if (answered.length > 0) {
        await tx.followUp.updateMany({
          where: { id: { in: answered.map((f) => f.id) } },
          data: { doneAt: now, doneById: this.actor.id, doneNote: null, answeredById: visit.id },
        });
      }
      const created = [];
      for (const f of planned) {
        const number = await nextNumber(tx, workspaceId, "followup");
        created.push(
          await tx.followUp.create({
            data: {
              workspaceId,
              number,
              kind: f.kind,
              text: f.text,
              dueAt: f.dueAt,
              visitId: visit.id,
              customerId: customer.id,
              userId: this.actor.id,
              createdAt: now,
            },
            select: { number: true, kind: true, text: true, dueAt: true },
          }),
        );
      }
      const last = customer.lastVisitAt as Date | null;
      if (!last || visitedAt > last) {
        await tx.customer.update({ where: { id: customer.id }, data: { lastVisitAt: visitedAt } });
        await refreshVisitDue(tx, settings, { id: customer.id });
      }
      const { visitDueAt } = await tx.customer.findUniqueOrThrow({
        where: { id: customer.id },
        select: { visitDueAt: true },
      });
      return {
        visit,
        contacts: contacts.map((c) => c.name),
        followUps: created,
        closed: answered.map((f) => f.number),
        visitDueAt,
      };
    });
    await this.afterChange([customer.id]);
    return logged;
  }

  /**
   * A visit its author may correct or void, and a manager or admin who sees its customer; to anyone
   * else it reads as one that does not exist, or, to a rep of the customer, as someone else's.
   */
  private async ownVisit(ref: string) {
    const number = entryNumber("visit", ref);
    const visit = await this.db.visit.findFirst({
      where: { number },
      select: {
        ...VISIT_VIEW,
        userId: true,
        customerId: true,
        customer: { select: { name: true, code: true, ownerId: true } },
      },
    });
    if (!visit) throw notFound("visit", number);
    const seen = canSee(await visibleOwnerIds(this.data.users, this.actor), visit.customer.ownerId);
    if (visit.userId !== this.actor.id && !seen) throw notFound("visit", number);
    if (visit.userId !== this.actor.id && this.actor.role === "rep")
      throw new UserError("visit.notYours", { id: formatId("visit", number), author: visit.user.name });
    return visit;
  }

  /**
   * Voids a visit logged by mistake: it stays in the customer's visits, marked, and leaves the
   * counts, the plan and the cadence at once (the customer's last visit and next due date are
   * worked out again). Its open next steps and promises are closed with it.
   */
  async void(ref: string, reason: string) {
    const visit = await this.ownVisit(ref);
    const mark = voidMark(visit);
    if (mark) throw alreadyVoid("visit", visit.number, mark);
    const now = this.now();
    const settings = await readSetting(this.db, "visits");
    const followUps = await this.db.$transaction(async (tx) => {
      const { count } = await tx.visit.updateMany({
        where: { id: visit.id, ...STANDING },
        data: { voidedAt: now, voidedById: this.actor.id, voidReason: reason },
      });
      if (count === 0) throw new UserError("visit.changedMeanwhile", { id: formatId("visit", visit.number) });
      const open = await tx.followUp.findMany({
        where: { visitId: visit.id, doneAt: null },
        select: { id: true, number: true },
        orderBy: { number: "asc" },
      });
      await tx.followUp.updateMany({
        where: { id: { in: open.map((f) => f.id) } },
        data: { doneAt: now, doneById: this.actor.id, doneNote: reason },
      });
      // What the visit answered is open again: it did not happen as recorded.
      const answered = await tx.followUp.findMany({
        where: { answeredById: visit.id },
        select: { id: true, number: true },
        orderBy: { number: "asc" },
      });
      await tx.followUp.updateMany({
        where: { id: { in: answered.map((f) => f.id) } },
        data: { doneAt: null, doneById: null, doneNote: null, answeredById: null },
      });
      await refreshLastVisit(tx, settings, visit.customerId);
      await recordVoid(tx, this.actor, visit.customerId, formatId("visit", visit.number), reason, now);
      return { closed: open.map((f) => f.number), reopened: answered.map((f) => f.number) };
    });
    await this.afterChange([visit.customerId]);
    return { visit, ...followUps };
  }

  /** Corrects a visit's day, channel or texts; the change is kept in the customer's history. */
  async edit(ref: string, input: VisitEdit) {
    const visit = await this.ownVisit(ref);
    if (visit.voidedAt) throw new UserError("visit.editVoided", { id: formatId("visit", visit.number) });
    const today = startOfDayIn(this.now(), this.timezone);
    const data: Record<string, unknown> = {};
    const changes: FieldChange[] = [];
    if (input.visitedOn && input.visitedOn.getTime() !== startOfDayIn(visit.visitedAt, this.timezone).getTime()) {
      data.visitedAt = input.visitedOn.getTime() === today.getTime() ? this.now() : input.visitedOn;
      changes.push({ field: "visit.date", from: visit.visitedAt.toISOString(), to: input.visitedOn.toISOString() });
    }
    for (const field of EDITABLE) {
      const value = input[field];
      if (value === undefined || value === (visit[field] ?? "")) continue;
      data[field] = value === "" ? null : value;
      changes.push({ field: `visit.${field}`, from: visit[field] ?? null, to: value === "" ? null : value });
    }
    if (changes.length === 0) throw new UserError("visit.nothingToEdit", { id: formatId("visit", visit.number) });
    const settings = await readSetting(this.db, "visits");
    await this.db.$transaction(async (tx) => {
      await tx.visit.update({ where: { id: visit.id }, data });
      if (data.visitedAt) await refreshLastVisit(tx, settings, visit.customerId);
      await recordCustomerChange(
        tx,
        this.actor,
        visit.customerId,
        "visit_edit",
        [{ field: "entry", from: null, to: formatId("visit", visit.number) }, ...changes],
        this.now(),
      );
    });
    if (data.visitedAt) await this.afterChange([visit.customerId]);
    return { visit, changes };
  }

  /** The contacts named, all of whom must be on file for this customer. */
  private async contactsMet(customer: Customer, names: string[]) {
    if (names.length === 0) return [];
    const known = await this.db.contact.findMany({
      where: { customerId: customer.id, ...STANDING_CONTACT },
      select: { id: true, name: true },
    });
    return [...new Set(names)].map((name) => {
      const contact = known.find((c) => c.name === name);
      if (!contact) {
        throw new UserError("visit.unknownContact", {
          name,
          customer: customer.name,
          known: known.map((c) => c.name).join("、") || "-",
          code: customer.code,
        });
      }
      return contact;
    });
  }

  async list(filter: VisitFilter, at: Paging) {
    const where = {
      customerId: filter.customerId,
      userId: filter.userIds === null ? undefined : { in: filter.userIds },
      visitedAt: { gte: filter.from, lt: filter.until },
      ...(filter.text ? textMatch(filter.text) : {}),
    };
    const orderBy = [{ visitedAt: "desc" as const }, { id: "desc" as const }];
    const text = filter.text;
    if (text && WILDCARD.test(text)) {
      const candidates = await this.db.visit.findMany({
        where,
        select: VISIT_VIEW,
        orderBy,
        take: WILDCARD_CANDIDATES,
      });
      const found = candidates.filter((v) => holds(v, text));
      return { total: found.length, rows: found.slice(at.skip, at.skip + at.take) };
    }
    const [total, rows] = await Promise.all([
      this.db.visit.count({ where }),
      this.db.visit.findMany({ where, select: VISIT_VIEW, orderBy, skip: at.skip, take: at.take }),
    ]);
    return { total, rows };
  }

  /** Customers past their visit cadence (未访), the longest overdue first. */
  async overdue(ownerIds: number[] | null, region: string | undefined, at: Paging) {
    const where = {
      visitDueAt: { lt: this.now() },
      ownerId: ownerIds === null ? undefined : { in: ownerIds },
      region,
    };
    const [total, rows] = await Promise.all([
      this.db.customer.count({ where }),
      this.db.customer.findMany({
        where,
        select: {
          code: true,
          name: true,
          tier: true,
          lastVisitAt: true,
          visitDueAt: true,
          visitCadenceDays: true,
          owner: { select: { name: true } },
        },
        orderBy: [{ visitDueAt: "asc" }, { id: "asc" }],
        skip: at.skip,
        take: at.take,
      }),
    ]);
    return { total, rows };
  }
}
