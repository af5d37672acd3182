import type { Config } from "../config.js";
import type { Caller } from "../core/router.js";
import type { PrismaClient } from "../db/client.js";
import { ensureUser, ensureWorkspace, type Identity, type WorkspaceRef } from "../domain/workspaces.js";

/**
 * Maps a platform's team (Slack) or server (Discord) and member to a workspace and a bot user,
 * creating them on first use. The platform is asked for the member's name and language only then;
 * afterwards the user's own choice (/crm language) stands, and the answer is remembered in memory.
 */
export class PlatformIdentities {
  private readonly known = new Map<string, Caller>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly defaults: Pick<Config, "locale" | "timezone" | "currency">,
  ) {}

  async caller(workspace: WorkspaceRef, externalUserId: string, lookup: () => Promise<Omit<Identity, "externalId">>): Promise<Caller> {
    const key = `${workspace.platform}:${workspace.externalId}:${externalUserId}`;
    const cached = this.known.get(key);
    if (cached) return cached;
    const ws = await ensureWorkspace(this.prisma, workspace, this.defaults);
    const existing = await this.prisma.user.findUnique({ where: { workspaceId_externalId: { workspaceId: ws.id, externalId: externalUserId } }, select: { id: true } });
    const userId = existing?.id ?? (await ensureUser(this.prisma, ws.id, { externalId: externalUserId, ...(await lookup()) })).id;
    const caller = { workspaceId: ws.id, userId };
    this.known.set(key, caller);
    return caller;
  }
}
