/** The bot's roles, lowest first: a rep sees their own customers, a manager their team's, an admin everything. */
export const ROLES = ["rep", "manager", "admin"] as const;
export type Role = (typeof ROLES)[number];

export const ROLE_RANK: Record<Role, number> = { rep: 0, manager: 1, admin: 2 };

/** Who is running a command. */
export interface Actor {
  id: number;
  workspaceId: number;
  name: string;
  role: Role;
}
