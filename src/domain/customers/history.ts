import type { WorkspaceTx } from "../../db/scope.js";
import type { FieldChange } from "./fields.js";

/** One entry of a customer's history (/customer history): who did what and when, field by field. */
export async function recordCustomerChange(
  tx: WorkspaceTx,
  actor: { id: number; workspaceId: number },
  customerId: number,
  action: string,
  changes: FieldChange[],
  at: Date,
): Promise<void> {
  await tx.customerChange.create({
    data: {
      workspaceId: actor.workspaceId,
      customerId,
      userId: actor.id,
      action,
      changes: JSON.stringify(changes),
      at,
    },
  });
}
