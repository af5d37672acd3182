import type { WorkspaceTx } from "../db/scope.js";

/**
 * `count` numbers of a per-workspace sequence (customer codes, complaint and alert ids) taken at
 * once: answers the first of them.
 */
export async function reserveNumbers(
  db: Pick<WorkspaceTx, "counter">,
  workspaceId: number,
  name: string,
  count: number,
): Promise<number> {
  const counter = await db.counter.upsert({
    where: { workspaceId_name: { workspaceId, name } },
    create: { workspaceId, name, value: count },
    update: { value: { increment: count } },
  });
  return counter.value - count + 1;
}

/** The next number of a per-workspace sequence. */
export function nextNumber(tx: WorkspaceTx, workspaceId: number, name: string): Promise<number> {
  return reserveNumbers(tx, workspaceId, name, 1);
}

/** A new customer's code: C and the workspace's next customer number, four digits at least (C0001). */
export async function nextCustomerCode(tx: WorkspaceTx, workspaceId: number): Promise<string> {
  return `C${String(await nextNumber(tx, workspaceId, "customer")).padStart(4, "0")}`;
}
