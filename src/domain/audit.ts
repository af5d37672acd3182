import type { Actor } from "../core/roles.js";
import type { WorkspaceDb, WorkspaceTx } from "../db/scope.js";

/** 访问日志: an entry per view of sensitive data and other actions worth a trail. */
export async function audit(
  db: WorkspaceDb | WorkspaceTx,
  actor: Actor,
  entry: { action: string; targetType: string; targetIds: number[]; detail?: string },
): Promise<void> {
  if (entry.targetIds.length === 0) return;
  await db.auditLog.createMany({
    data: entry.targetIds.map((targetId) => ({
      workspaceId: actor.workspaceId,
      userId: actor.id,
      action: entry.action,
      targetType: entry.targetType,
      targetId,
      detail: entry.detail ?? null,
    })),
  });
}
