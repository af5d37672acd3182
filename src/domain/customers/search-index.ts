import type { WorkspaceTx } from "../../db/scope.js";
import { customerSearchTerms } from "./search-terms.js";

type Searchable = { id: number; name: string; shortName: string | null; code: string; phone: string | null };

/** The profile fields a customer is searched by: a change to one rewrites its search keys. */
const SEARCHED_FIELDS = new Set(["name", "shortName", "code", "phone"]);

export const changesSearchKeys = (changes: readonly { field: string }[]) =>
  changes.some((c) => SEARCHED_FIELDS.has(c.field));

/** A new customer's search keys, in the caller's transaction: it has none yet, and no merged codes. */
export async function writeSearchTerms(tx: WorkspaceTx, workspaceId: number, customer: Searchable): Promise<void> {
  await insertSearchTerms(tx, workspaceId, customer, []);
}

/**
 * Writes a customer's search keys anew after its names, code or phone changed, or a duplicate was
 * merged into it, in the caller's transaction.
 */
export async function rewriteSearchTerms(tx: WorkspaceTx, workspaceId: number, customer: Searchable): Promise<void> {
  const merged = await tx.customerAlias.findMany({ where: { customerId: customer.id }, select: { code: true } });
  await tx.customerSearchTerm.deleteMany({ where: { customerId: customer.id } });
  await insertSearchTerms(
    tx,
    workspaceId,
    customer,
    merged.map((m) => m.code),
  );
}

async function insertSearchTerms(
  tx: WorkspaceTx,
  workspaceId: number,
  customer: Searchable,
  mergedCodes: readonly string[],
): Promise<void> {
  await tx.customerSearchTerm.createMany({
    data: customerSearchTerms(customer, mergedCodes).map((t) => ({ ...t, workspaceId, customerId: customer.id })),
  });
}
