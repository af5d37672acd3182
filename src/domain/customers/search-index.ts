import type { WorkspaceTx } from "../../db/scope.js";
import { customerSearchTerms } from "./search-terms.js";

/**
 * Writes a customer's search keys anew after its names, code or phone changed, or a duplicate was
 * merged into it, in the caller's transaction.
 */
export async function rewriteSearchTerms(
  tx: WorkspaceTx,
  workspaceId: number,
  customer: { id: number; name: string; shortName: string | null; code: string; phone: string | null },
): Promise<void> {
  const merged = await tx.customerAlias.findMany({ where: { customerId: customer.id }, select: { code: true } });
  await tx.customerSearchTerm.deleteMany({ where: { customerId: customer.id } });
  await tx.customerSearchTerm.createMany({
    data: customerSearchTerms(
      customer,
      merged.map((m) => m.code),
    ).map((t) => ({ ...t, workspaceId, customerId: customer.id })),
  });
}
