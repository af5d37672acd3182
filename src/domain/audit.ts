import type { Paging } from "../core/paging.js";
import type { Actor } from "../core/roles.js";
import { DomainService } from "./context.js";
import type { WorkspaceDb, WorkspaceTx } from "../db/scope.js";

/** 访问日志: an entry per view of sensitive data and other actions worth a trail. */
export async function audit(
  db: WorkspaceDb | WorkspaceTx,
  actor: Actor,
  entry: { action: string; targetType: string; targetIds: number[]; detail?: string; at: Date },
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
      at: entry.at,
    })),
  });
}

/** What the audit trail shows of one entry: who did what to whom, and when. */
export interface AuditEntry {
  at: Date;
  by: string | null;
  action: string;
  /** The target as a person reads it: a user's or contact's name (with its customer), or nothing for the workspace. */
  target: string | null;
  detail: string | null;
}

/** 访问日志 for admins: installs, role changes, leavers, exports and views of sensitive notes, newest first. */
export class AuditService extends DomainService {
  async trail(at: Paging): Promise<{ total: number; rows: AuditEntry[] }> {
    this.requireAdmin();
    const [total, entries] = await Promise.all([
      this.db.auditLog.count(),
      this.db.auditLog.findMany({
        orderBy: [{ at: "desc" }, { id: "desc" }],
        skip: at.skip,
        take: at.take,
        select: {
          at: true,
          action: true,
          targetType: true,
          targetId: true,
          detail: true,
          user: { select: { name: true } },
        },
      }),
    ]);
    const ids = (type: string) => entries.filter((e) => e.targetType === type).map((e) => e.targetId);
    const [users, contacts] = await Promise.all([
      this.db.user.findMany({ where: { id: { in: ids("user") } }, select: { id: true, name: true } }),
      this.db.contact.findMany({
        where: { id: { in: ids("contact") } },
        select: { id: true, name: true, customer: { select: { name: true } } },
      }),
    ]);
    const names = new Map<string, string>([
      ...users.map((u) => [`user:${u.id}`, u.name] as const),
      ...contacts.map((c) => [`contact:${c.id}`, `${c.name}（${c.customer.name}）`] as const),
    ]);
    return {
      total,
      rows: entries.map((e) => ({
        at: e.at,
        by: e.user?.name ?? null,
        action: e.action,
        target: names.get(`${e.targetType}:${e.targetId}`) ?? null,
        detail: e.detail,
      })),
    };
  }
}
