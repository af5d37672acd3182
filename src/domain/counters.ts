import type { WorkspaceTx } from "../db/scope.js";

/** The next number of a per-workspace sequence (customer codes, complaint and alert ids). */
export async function nextNumber(tx: WorkspaceTx, workspaceId: number, name: string): Promise<number> {
  const counter = await tx.counter.upsert({
    where: { workspaceId_name: { workspaceId, name } },
    create: { workspaceId, name, value: 1 },
    update: { value: { increment: 1 } },
  });
  return counter.value;
}

/** A new customer's code: C and the workspace's next customer number, four digits at least (C0001). */
export async function nextCustomerCode(tx: WorkspaceTx, workspaceId: number): Promise<string> {
  return `C${String(await nextNumber(tx, workspaceId, "customer")).padStart(4, "0")}`;
}
