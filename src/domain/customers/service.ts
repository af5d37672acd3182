import type { Actor } from "../../core/command.js";
import { UserError } from "../../core/errors.js";
import type { WorkspaceDb, WorkspaceTx } from "../../db/scope.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { canSee } from "../access.js";
import { OPEN_STATUSES } from "../complaints/workflow.js";
import { nextNumber } from "../counters.js";
import { effectiveCreditLimit } from "../segments/abc.js";
import { readSetting } from "../settings.js";
import { outstanding } from "../trading/service.js";
import { refreshVisitDue } from "../visits/cadence.js";
import type { AfterChange } from "../services.js";
import type { UserService } from "../users/service.js";
import { diffProfile, type FieldChange, type ProfileInput } from "./fields.js";
import { customerSearchTerms } from "./search-terms.js";
import { searchCustomers, type SearchHit } from "./search.js";

export interface CustomerRecord {
  id: number;
  code: string;
  name: string;
  ownerId: number | null;
  [field: string]: unknown;
}


/** Profile fields that move the date the next visit is due. */
const CADENCE_INPUTS = new Set(["status", "visitCadenceDays", "relationSince"]);
const KEY_CONTACTS = 5;

export class CustomerService {
  constructor(
    private readonly db: WorkspaceDb,
    private readonly actor: Actor,
    private readonly users: UserService,
    private readonly now: () => Date,
    private readonly afterChange: AfterChange,
  ) {}

  /** Owners whose customers this actor may see; null = all. */
  visibleOwners(): Promise<number[] | null> {
    return this.users.team();
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    return searchCustomers(this.db, query, limit, await this.visibleOwners());
  }

  /**
   * A customer from what a user typed: its code, its exact name, or a search that leaves exactly
   * one candidate. Several candidates are offered back as choices instead of guessing.
   */
  async resolve(ref: string, argName = "customer"): Promise<CustomerRecord> {
    const owners = await this.visibleOwners();
    const exact = await this.db.customer.findMany({ where: { OR: [{ code: ref.toUpperCase() }, { name: ref }] }, take: 2 });
    const direct = exact.find((c) => c.code === ref.toUpperCase()) ?? exact[0];
    if (direct) {
      if (!canSee(owners, direct.ownerId)) throw new UserError("customer.forbidden", { name: direct.name, arg: argName });
      return direct;
    }
    const hits = await searchCustomers(this.db, ref, 6, owners);
    if (hits.length === 1) return this.byId(hits[0]!.id);
    if (hits.length === 0) throw new UserError("customer.notFound", { query: ref, arg: argName });
    throw new UserError(
      "customer.ambiguous",
      { query: ref, count: hits.length, arg: argName },
      hits.map((h) => ({ label: `${h.name} (${h.code})`, arg: argName, value: h.code })),
    );
  }

  private async byId(id: number): Promise<CustomerRecord> {
    return this.db.customer.findUniqueOrThrow({ where: { id } });
  }

  async add(input: ProfileInput & { name: string; type: string }, ownerName?: string): Promise<CustomerRecord> {
    const owner = ownerName ? await this.users.resolve(ownerName) : { id: this.actor.id, name: this.actor.name };
    const owners = await this.visibleOwners();
    if (!canSee(owners, owner.id)) throw new UserError("customer.ownerOutsideTeam", { name: ownerName ?? "" });
    const code = typeof input.code === "string" ? input.code.toUpperCase() : undefined;
    if (code && (await this.db.customer.findFirst({ where: { code }, select: { id: true } }))) {
      throw new UserError("customer.codeTaken", { code });
    }
    const workspaceId = this.actor.workspaceId;
    return this.db.$transaction(async (tx) => {
      const finalCode = code ?? `C${String(await nextNumber(tx, workspaceId, "customer")).padStart(4, "0")}`;
      const customer = await tx.customer.create({
        data: { ...input, code: finalCode, workspaceId, ownerId: owner.id, createdAt: this.now(), profileUpdatedAt: this.now() } as Prisma.CustomerUncheckedCreateInput,
      });
      await this.writeSearchTerms(tx, customer);
      await refreshVisitDue(tx, await readSetting(tx, "visits"), { id: customer.id });
      const changes = diffProfile({}, { ...input, code: finalCode });
      await this.record(tx, customer.id, "create", [...changes, { field: "owner", from: null, to: owner.name }]);
      return customer;
    });
  }

  async edit(customer: CustomerRecord, input: ProfileInput): Promise<FieldChange[]> {
    if (typeof input.code === "string") {
      input.code = input.code.toUpperCase();
      const taken = await this.db.customer.findFirst({ where: { code: input.code, id: { not: customer.id } }, select: { id: true } });
      if (taken) throw new UserError("customer.codeTaken", { code: input.code });
    }
    const changes = diffProfile(customer, input);
    if (changes.length === 0) return [];
    const data = Object.fromEntries(changes.map((c) => [c.field, input[c.field as keyof ProfileInput]]));
    await this.db.$transaction(async (tx) => {
      const updated = await tx.customer.update({ where: { id: customer.id }, data: { ...data, profileUpdatedAt: this.now() } });
      if (changes.some((c) => ["name", "shortName", "code", "phone"].includes(c.field))) await this.writeSearchTerms(tx, updated);
      if (changes.some((c) => CADENCE_INPUTS.has(c.field))) await refreshVisitDue(tx, await readSetting(tx, "visits"), { id: customer.id });
      await this.record(tx, customer.id, "edit", changes);
    });
    await this.afterChange([customer.id]);
    return changes;
  }

  /** Reassigning is a manager's decision: within their team, or anywhere for an admin. */
  async assign(customer: CustomerRecord, userName: string): Promise<{ from: string | null; to: string }> {
    const target = await this.users.resolve(userName);
    const owners = await this.visibleOwners();
    if (!canSee(owners, target.id)) throw new UserError("customer.ownerOutsideTeam", { name: target.name });
    const previous = customer.ownerId ? await this.db.user.findUnique({ where: { id: customer.ownerId }, select: { name: true } }) : null;
    if (customer.ownerId === target.id) throw new UserError("customer.alreadyOwner", { customer: customer.name, user: target.name });
    await this.db.$transaction(async (tx) => {
      await tx.customer.update({ where: { id: customer.id }, data: { ownerId: target.id, profileUpdatedAt: this.now() } });
      await this.record(tx, customer.id, "assign", [{ field: "owner", from: previous?.name ?? null, to: target.name }]);
    });
    await this.afterChange([customer.id]);
    return { from: previous?.name ?? null, to: target.name };
  }

  async history(customerId: number, take: number) {
    const rows = await this.db.customerChange.findMany({
      where: { customerId },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take,
      select: { at: true, action: true, changes: true, user: { select: { name: true } } },
    });
    return rows.map((r) => ({ at: r.at, action: r.action, user: r.user?.name ?? null, changes: JSON.parse(r.changes) as FieldChange[] }));
  }

  /** Everything the profile card shows beyond the customer row itself. */
  async cardDetails(customer: CustomerRecord) {
    const id = customer.id;
    const [owner, owed, openComplaints, openAlerts, contacts, lastVisits, nextFollowUp] = await Promise.all([
      customer.ownerId ? this.db.user.findUnique({ where: { id: customer.ownerId }, select: { name: true } }) : null,
      outstanding(this.db, id),
      this.db.complaint.findMany({
        where: { customerId: id, status: { in: OPEN_STATUSES } },
        select: { number: true, category: true, status: true, stepDueAt: true },
        orderBy: { receivedAt: "desc" },
        take: 5,
      }),
      this.db.alert.findMany({
        where: { customerId: id, status: { not: "resolved" } },
        select: { number: true, rule: true, severity: true },
        orderBy: { openedAt: "desc" },
        take: 5,
      }),
      this.db.contact.findMany({
        where: { customerId: id },
        select: { name: true, title: true, phone: true, role: true, stance: true },
        orderBy: [{ role: "asc" }, { id: "asc" }],
        take: KEY_CONTACTS,
      }),
      this.db.visit.findMany({
        where: { customerId: id },
        select: { visitedAt: true, channel: true, purpose: true, notes: true, outcome: true, user: { select: { name: true } } },
        orderBy: { visitedAt: "desc" },
        take: 3,
      }),
      this.db.followUp.findFirst({
        where: { customerId: id, doneAt: null },
        select: { number: true, kind: true, text: true, dueAt: true },
        orderBy: [{ dueAt: "asc" }, { id: "asc" }],
      }),
    ]);
    const credit = effectiveCreditLimit(customer as CustomerRecord & { creditLimit: bigint | null; tier: string | null }, await readSetting(this.db, "segments"));
    // Decision makers first: the order of CONTACT_ROLES is not alphabetical.
    contacts.sort((a, b) => rank(a.role) - rank(b.role));
    return { owner: owner?.name ?? null, outstanding: owed, credit, openComplaints, openAlerts, contacts, lastVisits, nextFollowUp };
  }

  private async writeSearchTerms(tx: WorkspaceTx, customer: CustomerRecord & { shortName?: string | null; phone?: string | null }) {
    await tx.customerSearchTerm.deleteMany({ where: { customerId: customer.id } });
    await tx.customerSearchTerm.createMany({
      data: customerSearchTerms(customer).map((t) => ({ ...t, workspaceId: this.actor.workspaceId, customerId: customer.id })),
    });
  }

  private async record(tx: WorkspaceTx, customerId: number, action: string, changes: FieldChange[]) {
    await tx.customerChange.create({
      data: { workspaceId: this.actor.workspaceId, customerId, userId: this.actor.id, action, changes: JSON.stringify(changes), at: this.now() },
    });
  }
}

const ROLE_ORDER = ["decision", "influencer", "handler"];
function rank(role: string | null): number {
  const i = role ? ROLE_ORDER.indexOf(role) : -1;
  return i < 0 ? ROLE_ORDER.length : i;
}
