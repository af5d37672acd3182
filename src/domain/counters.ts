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
