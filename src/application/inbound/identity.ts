import type { Config } from "../../config.js";
import type { Role } from "../../core/roles.js";
import { ROLE_RANK } from "../../core/roles.js";
import type { Caller } from "../router.js";
import { UserError } from "../../core/errors.js";
import type { PrismaClient } from "../../db/client.js";
import { ensureUser, ensureWorkspace, type WorkspaceRef } from "../../domain/workspaces.js";
import type { InboundPlace, Platform, PlatformUser } from "./event.js";

/** User.roleSource of a role the platform gave. */
const PLATFORM = "platform";

/** Members remembered in memory; past this many, the memory starts again (a lookup refills it). */
const MAX_KNOWN = 50_000;

/**
 * Maps a platform's team (Slack) or server (Discord) and member to a workspace and a bot user,
 * creating them on first use. The platform is asked for the member's name and language only then;
 * afterwards the user's own choice (/crm language) stands, and the answer is remembered in memory.
 * A direct message never creates anything: it acts on a workspace the user is already in.
 */
export class PlatformIdentities {
  private readonly known = new Map<string, Caller>();

  constructor(
    private readonly prisma: PrismaClient,
    private readonly defaults: Pick<Config, "locale" | "timezone" | "currency">,
  ) {}

  async caller(platform: Platform, place: InboundPlace, user: PlatformUser): Promise<Caller> {
    // Before anything is read or written: a guest leaves no trace.
    const standing = (await user.standing?.()) ?? { guest: false };
    if (standing.guest) throw new UserError("platform.guest");
    const caller =
      "workspace" in place
        ? await this.member(place.workspace, user)
        : await this.directMessage(platform, place.workspaceId, user.externalId);
    if (user.platformRoleIds !== undefined || standing.admin !== undefined)
      await this.applyPlatformRoles(caller, user.platformRoleIds ?? [], standing.admin ?? false);
    return caller;
  }

  /**
   * A new member starts as a rep; the platform raises those it vouches for (applyPlatformRoles),
   * and the first admin of any other workspace claims it (AdminClaim).
   */
  private async member(workspace: WorkspaceRef, user: PlatformUser): Promise<Caller> {
    const key = `${workspace.platform}:${workspace.externalId}:${user.externalId}`;
    const cached = this.known.get(key);
    if (cached) return cached;
    const ws = await ensureWorkspace(this.prisma, workspace, this.defaults);
    const existing = await this.prisma.user.findUnique({
      where: { workspaceId_externalId: { workspaceId: ws.id, externalId: user.externalId } },
      select: { id: true },
    });
    const userId =
      existing?.id ??
      (await ensureUser(this.prisma, ws.id, { externalId: user.externalId, ...(await user.profile()) })).id;
    const caller = { workspaceId: ws.id, userId };
    if (this.known.size >= MAX_KNOWN) this.known.clear();
    this.known.set(key, caller);
    return caller;
  }

  /**
   * The workspace a direct message acts on: the one its button names, if the user is in it; else
   * the user's only workspace on that platform. Never a new one.
   */
  private async directMessage(
    platform: Platform,
    workspaceId: number | undefined,
    externalId: string,
  ): Promise<Caller> {
    const users = await this.prisma.user.findMany({
      where: { externalId, workspace: { platform }, ...(workspaceId === undefined ? {} : { workspaceId }) },
      select: { id: true, workspaceId: true },
      take: 2,
    });
    if (users.length === 1) return { workspaceId: users[0]!.workspaceId, userId: users[0]!.id };
    throw new UserError(workspaceId === undefined ? "platform.noWorkspace" : "platform.notMember");
  }

  /**
   * The role the platform gives the member at this command: the highest their server roles map to
   * (/crm role), admin when the server trusts them with its settings. It raises a lower role, and
   * replaces or takes back only a role the platform gave (roleSource "platform"): one an admin set
   * with /user set stands. A member who lost the server role is a rep again at their next command.
   */
  private async applyPlatformRoles(caller: Caller, roleIds: readonly string[], serverAdmin: boolean): Promise<void> {
    const mapped = roleIds.length
      ? await this.prisma.platformRoleMapping.findMany({
          where: { workspaceId: caller.workspaceId, platformRoleId: { in: [...roleIds] } },
          select: { role: true },
        })
      : [];
    const given = [...mapped.map((m) => m.role as Role), ...(serverAdmin ? ["admin" as const] : [])].sort(
      (a, b) => ROLE_RANK[b] - ROLE_RANK[a],
    )[0];
    const user = await this.prisma.user.findUniqueOrThrow({
      where: { id: caller.userId },
      select: { role: true, roleSource: true },
    });
    const fromPlatform = user.roleSource === PLATFORM;
    if (given && given !== user.role && (fromPlatform || ROLE_RANK[given] > ROLE_RANK[user.role as Role]))
      await this.prisma.user.update({ where: { id: caller.userId }, data: { role: given, roleSource: PLATFORM } });
    else if (!given && fromPlatform)
      await this.prisma.user.update({ where: { id: caller.userId }, data: { role: "rep", roleSource: null } });
  }
}
