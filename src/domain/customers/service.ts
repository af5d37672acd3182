import { DomainService, type ServiceContext } from "../context.js";
import { UserError } from "../../core/errors.js";
import type { Customer, SearchHit } from "../../db/repositories/customers.js";
import type { WorkspaceTx } from "../../db/scope.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { canSee } from "../access.js";
import { OPEN_STATUSES } from "../complaints/workflow.js";
import { nextCustomerCode } from "../counters.js";
import { effectiveCreditLimit } from "../segments/abc.js";
import { readSetting, readSettingDirectly } from "../settings.js";
import { refreshVisitDue } from "../visits/cadence.js";
import type { UserService } from "../users/service.js";
import type { Paging } from "../../core/paging.js";
import { listCustomers, type CustomerFilter, type CustomerListRow, type CustomerSort } from "./listing.js";
import { duplicateReason, nameCore, phoneKey, type DuplicateReason } from "./duplicates.js";
import { diffProfile, type FieldChange, PROFILE_FIELDS, type ProfileField, type ProfileInput } from "./fields.js";
import { recordCustomerChange } from "./history.js";
import { type MergeCounts, moveCustomerRecords } from "./merge.js";
import { audit } from "../audit.js";
import { refreshLastOrder } from "../trading/entries.js";
import { refreshLastVisit } from "../visits/service.js";
import { changesSearchKeys, rewriteSearchTerms, writeSearchTerms } from "./search-index.js";
import { customerQuery } from "./search.js";

/** Profile fields that move the date the next visit is due. */
const CADENCE_INPUTS = new Set(["status", "visitCadenceDays", "relationSince"]);
/** What a merge never copies from the duplicate: who the keeper is, and what is worked out for it. */
const KEEPER_ONLY = new Set<ProfileField>(["name", "code", "type", "status", "keyAccountManual", "loyaltyStage"]);
const KEY_CONTACTS = 5;
/** Search hits looked at for a duplicate: the same name ranks first, so a few suffice. */
const DUPLICATE_CANDIDATES = 20;

export interface Duplicate {
  code: string;
  name: string;
  owner: string | null;
  /** Whether the actor may open it; a rep is told of another rep's customer but not shown it. */
  visible: boolean;
  reason: DuplicateReason;
}

export class CustomerService extends DomainService {
  constructor(
    context: ServiceContext,
    private readonly users: UserService,
  ) {
    super(context);
  }

  /** Owners whose customers this actor may see; null = all. */
  visibleOwners(): Promise<number[] | null> {
    return this.users.team();
  }

  async search(query: string, limit: number): Promise<SearchHit[]> {
    return this.data.customers.search(this.actor.workspaceId, customerQuery(query), limit, await this.visibleOwners());
  }

  /**
   * A customer from what a user typed: its code, its exact name, or a search that leaves exactly
   * one candidate. Several candidates are offered back as choices instead of guessing.
   */
  async resolve(ref: string, argName = "customer"): Promise<Customer> {
    const owners = await this.visibleOwners();
    const direct = await this.exactly(ref);
    // One the actor may not see is looked for like any other text: among theirs, it is not there.
    // Saying "not yours" would tell a rep walking the codes every customer's name.
    if (direct && canSee(owners, direct.ownerId)) return direct;
    const hits = await this.data.customers.search(this.actor.workspaceId, customerQuery(ref), 6, owners);
    if (hits.length === 1) return this.byId(hits[0]!.id);
    if (hits.length === 0) throw new UserError("customer.notFound", { query: ref, arg: argName });
    throw new UserError(
      "customer.ambiguous",
      { query: ref, count: hits.length, arg: argName },
      hits.map((h) => ({ label: `${h.name} (${h.code})`, arg: argName, value: h.code })),
    );
  }

  /**
   * An existing customer of the workspace, whoever owns it, that a new one would duplicate: the
   * same name once normalized, or the same phone. Two reps claiming one customer (撞单) is what a
   * team must hear about, so the owner is named even to a rep who cannot see the customer.
   */
  async duplicateOf(candidate: { name: string; phone?: string | null }): Promise<Duplicate | null> {
    const ws = this.actor.workspaceId;
    const lookFor = [nameCore(candidate.name), phoneKey(candidate.phone)].filter((q): q is string => !!q);
    const hits = await Promise.all(
      lookFor.map((q) => this.data.customers.search(ws, customerQuery(q), DUPLICATE_CANDIDATES, null)),
    );
    const ids = [...new Set(hits.flat().map((h) => h.id))];
    if (ids.length === 0) return null;
    const candidates = await this.db.customer.findMany({
      where: { id: { in: ids } },
      orderBy: { id: "asc" },
      select: { code: true, name: true, phone: true, ownerId: true, owner: { select: { name: true } } },
    });
    const owners = await this.visibleOwners();
    for (const existing of candidates) {
      const reason = duplicateReason(candidate, existing);
      if (reason)
        return {
          code: existing.code,
          name: existing.name,
          owner: existing.owner?.name ?? null,
          visible: canSee(owners, existing.ownerId),
          reason,
        };
    }
    return null;
  }

  list(filter: CustomerFilter, sort: CustomerSort, at: Paging): Promise<{ total: number; rows: CustomerListRow[] }> {
    return listCustomers(this.db, this.now(), filter, sort, at);
  }

  /**
   * The customer a reference names exactly, whoever may see it: its code (or a merged duplicate's),
   * or its name if only one has it.
   */
  private async exactly(ref: string): Promise<Customer | undefined> {
    const ws = this.actor.workspaceId;
    // Two lookups rather than one with OR: SQLite's OR over two indexes cost four times the pair.
    const byCode = await this.data.customers.byCode(ws, ref.toUpperCase());
    if (byCode) return byCode;
    // Two customers of the same name are offered as choices by the search in `resolve`.
    const byName = await this.data.customers.byName(ws, ref, 2);
    return byName.length === 1 ? byName[0] : undefined;
  }

  /** A code names one customer: another's, or a merged duplicate's that now names its keeper, is taken. */
  private async codeTaken(code: string, except?: number): Promise<boolean> {
    const [customer, alias] = await Promise.all([
      this.db.customer.findFirst({ where: { code, id: { not: except } }, select: { id: true } }),
      this.db.customerAlias.findFirst({ where: { code }, select: { id: true } }),
    ]);
    return Boolean(customer ?? alias);
  }

  private async byId(id: number): Promise<Customer> {
    const customer = await this.data.customers.byId(this.actor.workspaceId, id);
    if (!customer) throw new Error(`customer ${id} vanished between search and read`);
    return customer;
  }

  async add(input: ProfileInput & { name: string; type: string }, ownerName?: string): Promise<Customer> {
    const owner = ownerName ? await this.users.resolve(ownerName) : { id: this.actor.id, name: this.actor.name };
    const owners = await this.visibleOwners();
    if (!canSee(owners, owner.id)) throw new UserError("customer.ownerOutsideTeam", { name: ownerName ?? "" });
    const code = typeof input.code === "string" ? input.code.toUpperCase() : undefined;
    if (code && (await this.codeTaken(code))) throw new UserError("customer.codeTaken", { code });
    const workspaceId = this.actor.workspaceId;
    return this.db.$transaction(async (tx) => {
      const finalCode = code ?? (await nextCustomerCode(tx, workspaceId));
      const customer = await tx.customer.create({
        data: {
          ...input,
          code: finalCode,
          workspaceId,
          ownerId: owner.id,
          createdAt: this.now(),
          profileUpdatedAt: this.now(),
        } as Prisma.CustomerUncheckedCreateInput,
      });
      await writeSearchTerms(tx, this.actor.workspaceId, customer);
      await refreshVisitDue(tx, await readSetting(tx, "visits"), { id: customer.id });
      const changes = diffProfile({}, { ...input, code: finalCode });
      await this.record(tx, customer.id, "create", [...changes, { field: "owner", from: null, to: owner.name }]);
      return customer;
    });
  }

  async edit(customer: Customer, input: ProfileInput): Promise<FieldChange[]> {
    if (typeof input.code === "string") {
      input.code = input.code.toUpperCase();
      if (await this.codeTaken(input.code, customer.id))
        throw new UserError("customer.codeTaken", { code: input.code });
    }
    const changes = diffProfile(customer, input);
    if (changes.length === 0) return [];
    const data = Object.fromEntries(changes.map((c) => [c.field, input[c.field as keyof ProfileInput]]));
    await this.db.$transaction(async (tx) => {
      const updated = await tx.customer.update({
        where: { id: customer.id },
        data: { ...data, profileUpdatedAt: this.now() },
      });
      if (changesSearchKeys(changes)) await rewriteSearchTerms(tx, this.actor.workspaceId, updated);
      if (changes.some((c) => CADENCE_INPUTS.has(c.field)))
        await refreshVisitDue(tx, await readSetting(tx, "visits"), { id: customer.id });
      await this.record(tx, customer.id, "edit", changes);
    });
    await this.afterChange([customer.id]);
    return changes;
  }

  /** Reassigning is a manager's decision: within their team, or anywhere for an admin. */
  async assign(customer: Customer, userName: string): Promise<{ from: string | null; to: string }> {
    const target = await this.users.resolve(userName);
    const owners = await this.visibleOwners();
    if (!canSee(owners, target.id)) throw new UserError("customer.ownerOutsideTeam", { name: target.name });
    const previous = customer.ownerId
      ? await this.db.user.findUnique({ where: { id: customer.ownerId }, select: { name: true } })
      : null;
    if (customer.ownerId === target.id)
      throw new UserError("customer.alreadyOwner", { customer: customer.name, user: target.name });
    await this.db.$transaction(async (tx) => {
      await tx.customer.update({
        where: { id: customer.id },
        data: { ownerId: target.id, profileUpdatedAt: this.now() },
      });
      await this.record(tx, customer.id, "assign", [{ field: "owner", from: previous?.name ?? null, to: target.name }]);
    });
    await this.afterChange([customer.id]);
    return { from: previous?.name ?? null, to: target.name };
  }

  /**
   * Folds a duplicate into the customer that stays: its contacts, visits, follow-ups, orders,
   * payments, expenses, complaints and alerts move over, the keeper's blank profile fields take
   * the duplicate's values, and the duplicate's code goes on naming the keeper. The keeper's
   * manager decides (the keeper must be theirs to see); the duplicate may be anyone's, as in a 撞单.
   */
  async merge(
    duplicateRef: string,
    keeper: Customer,
  ): Promise<{ duplicate: Customer; moved: MergeCounts; filled: FieldChange[] }> {
    const named = await this.exactly(duplicateRef);
    // Another team's customer may be folded in only as what it is, the same customer entered twice;
    // else a manager could take any customer by naming its code. Among one's own, the user decides.
    const duplicate =
      named && (canSee(await this.visibleOwners(), named.ownerId) || duplicateReason(named, keeper))
        ? named
        : await this.resolve(duplicateRef, "duplicate");
    if (duplicate.id === keeper.id) throw new UserError("customer.mergeSame", { name: keeper.name, code: keeper.code });
    const fill: ProfileInput = {};
    for (const field of PROFILE_FIELDS) {
      if (KEEPER_ONLY.has(field) || keeper[field] !== null || duplicate[field] === null) continue;
      fill[field] = duplicate[field];
    }
    const filled = diffProfile(keeper, fill);
    const at = this.now();
    const moved = await this.db.$transaction(async (tx) => {
      const moved = await moveCustomerRecords(tx, duplicate.id, keeper.id, this.actor.id, at);
      await tx.customer.delete({ where: { id: duplicate.id } });
      await tx.customerAlias.create({
        data: { workspaceId: this.actor.workspaceId, code: duplicate.code, customerId: keeper.id },
      });
      const updated = await tx.customer.update({
        where: { id: keeper.id },
        data: { ...(fill as Prisma.CustomerUpdateInput), profileUpdatedAt: at },
      });
      await rewriteSearchTerms(tx, this.actor.workspaceId, updated);
      await refreshLastOrder(tx, keeper.id);
      await refreshLastVisit(tx, await readSetting(tx, "visits"), keeper.id);
      const mergedFrom = `${duplicate.code} ${duplicate.name}`;
      await this.record(tx, keeper.id, "merge", [{ field: "merged", from: mergedFrom, to: keeper.code }, ...filled]);
      await audit(tx, this.actor, {
        action: "customer_merge",
        targetType: "customer",
        targetIds: [keeper.id],
        detail: mergedFrom,
        at,
      });
      return moved;
    });
    await this.afterChange([keeper.id]);
    return { duplicate, moved, filled };
  }

  async history(customerId: number, take: number) {
    const rows = await this.db.customerChange.findMany({
      where: { customerId },
      orderBy: [{ at: "desc" }, { id: "desc" }],
      take,
      select: { at: true, action: true, changes: true, user: { select: { name: true } } },
    });
    return rows.map((r) => ({
      at: r.at,
      action: r.action,
      user: r.user?.name ?? null,
      changes: JSON.parse(r.changes) as FieldChange[],
    }));
  }

  /**
   * Everything the profile card shows beyond the customer row itself. `/customer show` is what
   * reps run most, so these are direct reads (see DirectReads).
   */
  async cardDetails(customer: Customer) {
    const ws = this.actor.workspaceId;
    const [rows, segments] = await Promise.all([
      this.data.customers.card(ws, customer, { openComplaintStatuses: OPEN_STATUSES, contacts: KEY_CONTACTS }),
      readSettingDirectly(this.data.settings, ws, "segments"),
    ]);
    // Decision makers first: the order of CONTACT_ROLES is not alphabetical.
    rows.contacts.sort((a, b) => rank(a.role) - rank(b.role));
    return { ...rows, credit: effectiveCreditLimit(customer, segments) };
  }

  private record(tx: WorkspaceTx, customerId: number, action: string, changes: FieldChange[]) {
    return recordCustomerChange(tx, this.actor, customerId, action, changes, this.now());
  }
}

const ROLE_ORDER = ["decision", "influencer", "handler"];
function rank(role: string | null): number {
  const i = role ? ROLE_ORDER.indexOf(role) : -1;
  return i < 0 ? ROLE_ORDER.length : i;
}
