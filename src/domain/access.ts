import type { Actor } from "../core/roles.js";
import type { UserReads } from "../db/repositories/users.js";

/**
 * Whose customers an actor may see and change: a rep their own, a manager their own and their
 * team's, an admin all. `null` means no restriction.
 */
export async function visibleOwnerIds(users: UserReads, actor: Actor): Promise<number[] | null> {
  if (actor.role === "admin") return null;
  if (actor.role === "rep") return [actor.id];
  return [actor.id, ...(await users.reportsOf(actor.workspaceId, actor.id))];
}

export function canSee(ownerIds: number[] | null, ownerId: number | null): boolean {
  return ownerIds === null || (ownerId !== null && ownerIds.includes(ownerId));
}

/** Personality, hobbies and family notes: the owner, managers and admins only. */
export function canSeeSensitive(actor: Actor, ownerId: number | null): boolean {
  return actor.role !== "rep" || ownerId === actor.id;
}
