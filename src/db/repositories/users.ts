import { decode, sql, type DirectReads } from "../direct-reads.js";

/** Who is asking, with what their workspace sets: read at the start of every command. */
export interface SessionRow {
  id: number;
  workspaceId: number;
  name: string;
  role: string;
  /** The user's own language; null = the workspace's. */
  locale: string | null;
  workspaceLocale: string;
  timezone: string;
  currency: string;
  platform: string;
  /** The workspace's id on its platform (a Slack team, a Discord server). */
  workspaceExternalId: string;
  /** A deactivated user (a leaver) is stopped at every command. */
  active: boolean;
}

/** The user reads every command starts with, straight on the connection (see DirectReads). */
export class UserReads {
  constructor(private readonly reads: DirectReads) {}

  async session(userId: number): Promise<SessionRow | undefined> {
    // Every command starts here, so it is one direct read rather than a client query and its include.
    const [row] = await this.reads.rows(sql`
      SELECT u."id", u."workspaceId", u."name", u."role", u."locale", u."active", w."locale" AS "workspaceLocale", w."timezone", w."currency", w."platform", w."externalId" AS "workspaceExternalId"
      FROM "User" u JOIN "Workspace" w ON w."id" = u."workspaceId" WHERE u."id" = ${userId}`);
    return row && ({ ...row, active: decode.boolean(row.active) } as SessionRow);
  }

  /** The ids of the users a manager manages. */
  async reportsOf(workspaceId: number, managerId: number): Promise<number[]> {
    const rows = await this.reads.rows(
      sql`SELECT "id" FROM "User" WHERE "workspaceId" = ${workspaceId} AND "managerId" = ${managerId}`,
    );
    return rows.map((u) => u.id as number);
  }
}
