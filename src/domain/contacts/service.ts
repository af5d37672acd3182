import { DomainService } from "../context.js";
import { UserError } from "../../core/errors.js";
import { canSeeSensitive } from "../access.js";
import { audit } from "../audit.js";
import type { Customer } from "../../db/repositories/customers.js";
import type { WorkspaceTx } from "../../db/scope.js";
import type { FieldChange } from "../customers/fields.js";
import { recordCustomerChange } from "../customers/history.js";

export interface ContactInput {
  name: string;
  title?: string | undefined;
  phone?: string | undefined;
  role?: string | undefined;
  stance?: string | undefined;
  birthday?: Date | undefined;
  personality?: string | undefined;
  hobbies?: string | undefined;
  family?: string | undefined;
}

export const SENSITIVE_CONTACT_FIELDS = ["personality", "hobbies", "family"] as const;
const isSensitive = (field: string) => (SENSITIVE_CONTACT_FIELDS as readonly string[]).includes(field);

/** A correction: a field given as null is cleared; the name may change too. */
export type ContactEdit = { [F in keyof ContactInput]?: ContactInput[F] | null };

/** Contacts still with the customer; removed ones stay only for the visits that name them. */
export const STANDING_CONTACT = { removedAt: null };

const storable = (value: unknown) =>
  value === undefined || value === null ? null : value instanceof Date ? value.toISOString() : String(value);

export class ContactService extends DomainService {
  async add(customer: Customer, input: ContactInput) {
    const hasSensitive = SENSITIVE_CONTACT_FIELDS.some((f) => input[f] !== undefined);
    if (hasSensitive && !canSeeSensitive(this.actor, customer.ownerId))
      throw new UserError("contact.sensitiveForbidden");
    await this.refuseNameTaken(customer, input.name);
    const contact = await this.db.$transaction(async (tx) => {
      const contact = await tx.contact.create({
        data: { ...input, workspaceId: this.actor.workspaceId, customerId: customer.id },
      });
      const shown: FieldChange[] = Object.entries(input)
        .filter(([field, value]) => value !== undefined && !isSensitive(field))
        .map(([field, value]) => ({ field: `contact.${field}`, from: null, to: storable(value) }));
      // Sensitive notes are not copied into the history, which more people may read.
      if (hasSensitive) shown.push({ field: "contact.sensitive", from: null, to: "***" });
      await this.recordChange(tx, customer, "contact_add", shown);
      return contact;
    });
    await this.afterChange([customer.id]);
    return contact;
  }

  /** One of the customer's standing contacts, by name. */
  async find(customer: Customer, name: string) {
    const contacts = await this.db.contact.findMany({
      where: { customerId: customer.id, ...STANDING_CONTACT },
      orderBy: { id: "asc" },
    });
    const contact = contacts.find((c) => c.name === name);
    if (contact) return contact;
    throw new UserError("contact.notFound", {
      name,
      customer: customer.name,
      code: customer.code,
      known: contacts.map((c) => c.name).join("、") || "-",
    });
  }

  /** Corrects a contact; each changed field goes into the customer's history, sensitive ones masked. */
  async edit(customer: Customer, name: string, edit: ContactEdit) {
    const contact = await this.find(customer, name);
    const touchesSensitive = SENSITIVE_CONTACT_FIELDS.some((f) => edit[f] !== undefined);
    if (touchesSensitive && !canSeeSensitive(this.actor, customer.ownerId))
      throw new UserError("contact.sensitiveForbidden");
    if (edit.name !== undefined && edit.name !== null && edit.name !== contact.name)
      await this.refuseNameTaken(customer, edit.name);
    const changes: FieldChange[] = [];
    const data: Record<string, unknown> = {};
    for (const [field, value] of Object.entries(edit)) {
      if (value === undefined) continue;
      const from = storable(contact[field as keyof typeof contact]);
      const to = storable(value);
      if (from === to) continue;
      data[field] = value;
      changes.push(
        isSensitive(field)
          ? { field: `contact.${field}`, from: from === null ? null : "***", to: to === null ? null : "***" }
          : { field: `contact.${field}`, from, to },
      );
    }
    if (changes.length === 0) return { contact, changes };
    const updated = await this.db.$transaction(async (tx) => {
      const updated = await tx.contact.update({ where: { id: contact.id }, data });
      // The history names whose record changed, then what changed in it.
      await this.recordChange(tx, customer, "contact_edit", [
        { field: "entry", from: null, to: contact.name },
        ...changes,
      ]);
      return updated;
    });
    await this.afterChange([customer.id]);
    return { contact: updated, changes };
  }

  /**
   * Takes a contact off the customer's list (left the company, wrongly entered). The record stays,
   * marked, so the visits they took part in keep naming them; the customer's history says who and why.
   */
  async remove(customer: Customer, name: string, reason: string | undefined) {
    const contact = await this.find(customer, name);
    await this.db.$transaction(async (tx) => {
      const { count } = await tx.contact.updateMany({
        where: { id: contact.id, ...STANDING_CONTACT },
        data: { removedAt: this.now(), removedById: this.actor.id },
      });
      if (count === 0)
        throw new UserError("contact.notFound", { name, customer: customer.name, code: customer.code, known: "-" });
      await this.recordChange(tx, customer, "contact_remove", [
        { field: "contact.name", from: contact.name, to: null },
        ...(reason ? [{ field: "reason", from: null, to: reason }] : []),
      ]);
    });
    await this.afterChange([customer.id]);
    return contact;
  }

  private async refuseNameTaken(customer: Customer, name: string) {
    const taken = await this.db.contact.findFirst({
      where: { customerId: customer.id, name, ...STANDING_CONTACT },
      select: { id: true },
    });
    if (taken) throw new UserError("contact.exists", { name, customer: customer.name });
  }

  private async recordChange(tx: WorkspaceTx, customer: Customer, action: string, changes: FieldChange[]) {
    await recordCustomerChange(tx, this.actor, customer.id, action, changes, this.now());
    await tx.customer.update({ where: { id: customer.id }, data: { profileUpdatedAt: this.now() } });
  }

  /**
   * A customer's contacts. Sensitive notes are included only for the owner, managers and admins,
   * and each such view is written to the audit log.
   */
  async list(customer: Customer) {
    const contacts = await this.db.contact.findMany({
      where: { customerId: customer.id, ...STANDING_CONTACT },
      orderBy: [{ id: "asc" }],
    });
    const sensitiveVisible = canSeeSensitive(this.actor, customer.ownerId);
    const withNotes = contacts.filter((c) => SENSITIVE_CONTACT_FIELDS.some((f) => c[f]));
    if (sensitiveVisible) {
      await audit(this.db, this.actor, {
        at: this.now(),
        action: "view_sensitive",
        targetType: "contact",
        targetIds: withNotes.map((c) => c.id),
      });
    }
    return {
      sensitiveVisible,
      sensitiveHidden: !sensitiveVisible && withNotes.length > 0,
      contacts: contacts.map((c) => (sensitiveVisible ? c : { ...c, personality: null, hobbies: null, family: null })),
    };
  }
}
