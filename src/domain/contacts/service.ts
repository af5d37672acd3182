import { DomainService } from "../context.js";
import { UserError } from "../../core/errors.js";
import { canSeeSensitive } from "../access.js";
import { audit } from "../audit.js";
import type { Customer } from "../../db/repositories/customers.js";

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

export class ContactService extends DomainService {
  async add(customer: Customer, input: ContactInput) {
    const hasSensitive = SENSITIVE_CONTACT_FIELDS.some((f) => input[f] !== undefined);
    if (hasSensitive && !canSeeSensitive(this.actor, customer.ownerId))
      throw new UserError("contact.sensitiveForbidden");
    const duplicate = await this.db.contact.findFirst({
      where: { customerId: customer.id, name: input.name },
      select: { id: true },
    });
    if (duplicate) throw new UserError("contact.exists", { name: input.name, customer: customer.name });
    const contact = await this.db.$transaction(async (tx) => {
      const contact = await tx.contact.create({
        data: { ...input, workspaceId: this.actor.workspaceId, customerId: customer.id },
      });
      const shown = Object.entries(input)
        .filter(
          ([field, value]) => value !== undefined && !(SENSITIVE_CONTACT_FIELDS as readonly string[]).includes(field),
        )
        .map(([field, value]) => ({
          field: `contact.${field}`,
          from: null,
          to: value instanceof Date ? value.toISOString() : String(value),
        }));
      // Sensitive notes are not copied into the history, which more people may read.
      if (hasSensitive) shown.push({ field: "contact.sensitive", from: null, to: "***" });
      await tx.customerChange.create({
        data: {
          workspaceId: this.actor.workspaceId,
          customerId: customer.id,
          userId: this.actor.id,
          action: "contact_add",
          changes: JSON.stringify(shown),
          at: this.now(),
        },
      });
      await tx.customer.update({ where: { id: customer.id }, data: { profileUpdatedAt: this.now() } });
      return contact;
    });
    await this.afterChange([customer.id]);
    return contact;
  }

  /**
   * A customer's contacts. Sensitive notes are included only for the owner, managers and admins,
   * and each such view is written to the audit log.
   */
  async list(customer: Customer) {
    const contacts = await this.db.contact.findMany({ where: { customerId: customer.id }, orderBy: [{ id: "asc" }] });
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
