import type { WorkspaceDb, WorkspaceTx } from "../../db/scope.js";

type Db = WorkspaceDb | WorkspaceTx;

export async function adminIds(db: Db): Promise<number[]> {
  const admins = await db.user.findMany({ where: { role: "admin", active: true }, select: { id: true } });
  return admins.map((a) => a.id);
}

/** Who approves and hears of escalations for an owner: their manager, or the admins when they have none. */
export async function managersOf(db: Db, owner: { managerId: number | null } | null): Promise<number[]> {
  if (owner?.managerId) {
    const manager = await db.user.findFirst({ where: { id: owner.managerId, active: true }, select: { id: true } });
    if (manager) return [manager.id];
  }
  return adminIds(db);
}

/** Channels configured for a purpose (e.g. escalations), optionally narrowed to a region. */
export async function routeChannels(db: Db, purpose: string, region: string | null): Promise<string[]> {
  const routes = await db.deliveryRoute.findMany({
    where: { purpose, OR: [{ region: null }, ...(region ? [{ region }] : [])] },
    select: { channelId: true },
  });
  return [...new Set(routes.map((r) => r.channelId))];
}
