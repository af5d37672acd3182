import type { Actor } from "../core/roles.js";
import { sql, type DirectReads } from "../db/direct-reads.js";

/**
 * Whose customers an actor may see and change: a rep their own, a manager their own and their
 * team's, an admin all. `null` means no restriction.
 */
export async function visibleOwnerIds(reads: DirectReads, actor: Actor): Promise<number[] | null> {
  if (actor.role === "admin") return null;
  if (actor.role === "rep") return [actor.id];
  const team = await reads.rows(
    sql`SELECT "id" FROM "User" WHERE "workspaceId" = ${actor.workspaceId} AND "managerId" = ${actor.id}`,
  );
  return [actor.id, ...team.map((u) => u.id as number)];
}

export function canSee(ownerIds: number[] | null, ownerId: number | null): boolean {
  return ownerIds === null || (ownerId !== null && ownerIds.includes(ownerId));
}

/** Personality, hobbies and family notes: the owner, managers and admins only. */
export function canSeeSensitive(actor: Actor, ownerId: number | null): boolean {
  return actor.role !== "rep" || ownerId === actor.id;
}
