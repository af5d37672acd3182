import type { Installation, InstallationQuery, InstallationStore } from "@slack/bolt";
import type { Config } from "../config.js";
import type { PrismaClient } from "../db/client.js";
import { ensureWorkspace } from "../domain/workspaces.js";
import type { Sealer } from "./sealer.js";

type AnyInstallation = Installation<"v1" | "v2", boolean>;

/** How Bolt looks an installation up: an org-wide install by its enterprise, any other by its team. */
const keyOf = (q: {
  isEnterpriseInstall?: boolean | undefined;
  enterpriseId?: string | undefined;
  teamId?: string | undefined;
}) => (q.isEnterpriseInstall ? `E:${q.enterpriseId}` : `T:${q.teamId}`);

/**
 * The Slack workspaces that installed the bot (OAuth), in the project's database with their tokens
 * sealed. A team's install creates its workspace with the installer as admin, recorded in the
 * audit log; uninstalling (or revoking the tokens) removes the tokens, and the workspace's data
 * stays for a reinstall.
 */
export class SlackInstallations implements InstallationStore {
  constructor(
    private readonly prisma: PrismaClient,
    private readonly sealer: Sealer,
    private readonly defaults: Pick<Config, "locale" | "timezone" | "currency">,
  ) {}

  async storeInstallation(installation: AnyInstallation): Promise<void> {
    const enterpriseId = installation.enterprise?.id;
    const teamId = installation.team?.id;
    const key = keyOf({ isEnterpriseInstall: installation.isEnterpriseInstall, enterpriseId, teamId });
    const row = {
      enterpriseId: enterpriseId ?? null,
      teamId: teamId ?? null,
      installerId: installation.user.id,
      sealed: this.sealer.seal(JSON.stringify(installation)),
    };
    await this.prisma.slackInstallation.upsert({ where: { key }, create: { key, ...row }, update: row });
    if (installation.isEnterpriseInstall || !teamId) return;
    // The installer becomes admin when they first use the bot: Slack vouches for them (installerOf).
    const workspace = await ensureWorkspace(
      this.prisma,
      { platform: "slack", externalId: teamId, name: installation.team?.name ?? teamId },
      this.defaults,
    );
    await this.record(this.prisma, workspace.id, "install", installation.user.id);
  }

  async fetchInstallation(query: InstallationQuery<boolean>): Promise<AnyInstallation> {
    const found = await this.find(query);
    if (!found) throw new Error(`no Slack installation for ${keyOf(query)}`);
    return JSON.parse(this.sealer.open(found.sealed)) as AnyInstallation;
  }

  async deleteInstallation(query: InstallationQuery<boolean>): Promise<void> {
    const found = await this.find(query);
    if (!found) return;
    // Together: tokens are never gone without the trail saying so.
    await this.prisma.$transaction(async (tx) => {
      await tx.slackInstallation.delete({ where: { id: found.id } });
      const workspace = found.teamId
        ? await tx.workspace.findFirst({ where: { platform: "slack", externalId: found.teamId } })
        : null;
      if (workspace) await this.record(tx, workspace.id, "uninstall", found.installerId);
    });
  }

  /** Installs and uninstalls in the workspace's audit log; Slack, not a user of the bot, did them. */
  private async record(
    db: Pick<PrismaClient, "auditLog">,
    workspaceId: number,
    action: "install" | "uninstall",
    installerId: string | null,
  ) {
    await db.auditLog.create({
      data: {
        workspaceId,
        userId: null,
        action,
        targetType: "workspace",
        targetId: workspaceId,
        detail: installerId ? JSON.stringify({ installer: installerId }) : null,
        at: new Date(),
      },
    });
  }

  /** Who installed the bot where this team's events come from: the person Slack vouches for as admin. */
  async installerOf(teamId: string | undefined, enterpriseId: string | undefined): Promise<string | undefined> {
    return (await this.find({ teamId, enterpriseId, isEnterpriseInstall: false }))?.installerId ?? undefined;
  }

  /** The bot token for posting to a team: its own install, else its organisation's org-wide one. */
  async botTokenOf(teamId: string): Promise<string> {
    const installation = await this.fetchInstallation({ teamId, enterpriseId: undefined, isEnterpriseInstall: false });
    const token = installation.bot?.token;
    if (!token) throw new Error(`the Slack installation of ${teamId} has no bot token`);
    return token;
  }

  /** A team's own install; failing that its organisation's (Enterprise Grid), or the only one there is. */
  private async find(query: {
    teamId?: string | undefined;
    enterpriseId?: string | undefined;
    isEnterpriseInstall?: boolean | undefined;
  }) {
    const exact = await this.prisma.slackInstallation.findUnique({ where: { key: keyOf(query) } });
    if (exact || query.isEnterpriseInstall) return exact;
    if (query.enterpriseId)
      return this.prisma.slackInstallation.findUnique({ where: { key: `E:${query.enterpriseId}` } });
    const orgWide = await this.prisma.slackInstallation.findMany({ where: { key: { startsWith: "E:" } }, take: 2 });
    return orgWide.length === 1 ? orgWide[0]! : null;
  }
}
