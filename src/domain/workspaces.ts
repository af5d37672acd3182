import type { Locale } from "../core/locale.js";
import type { Role } from "../core/roles.js";
import type { PrismaClient } from "../db/client.js";

export interface WorkspaceRef {
  platform: "console" | "slack" | "discord" | "feishu" | "dingtalk";
  externalId: string;
  name: string;
}

export interface WorkspaceSettings {
  id: number;
  name: string;
  locale: Locale;
  timezone: string;
  currency: string;
}

export interface Identity {
  externalId: string;
  name: string;
  locale?: Locale | undefined;
}

/** Finds or creates the workspace of a Slack team, Discord server or the console. */
export async function ensureWorkspace(
  prisma: PrismaClient,
  ref: WorkspaceRef,
  defaults: { locale: Locale; timezone: string; currency: string },
): Promise<WorkspaceSettings> {
  const ws = await prisma.workspace.upsert({
    where: { platform_externalId: { platform: ref.platform, externalId: ref.externalId } },
    create: { ...ref, locale: defaults.locale, timezone: defaults.timezone, currency: defaults.currency },
    update: {},
  });
  return { id: ws.id, name: ws.name, locale: ws.locale as Locale, timezone: ws.timezone, currency: ws.currency };
}

/**
 * Finds or creates a platform user. `role` forces a role (the console's --role); otherwise a new
 * user gets `defaultRole`, a rep without one. Being first makes no one an admin: the platform
 * vouches for admins, or the first one claims the workspace with the code from the bot's log.
 */
export async function ensureUser(
  prisma: PrismaClient,
  workspaceId: number,
  identity: Identity,
  options: { role?: Role | undefined; defaultRole?: Role } = {},
): Promise<{ id: number; name: string; role: Role; locale: Locale | null }> {
  const existing = await prisma.user.findUnique({
    where: { workspaceId_externalId: { workspaceId, externalId: identity.externalId } },
  });
  const user = existing
    ? await prisma.user.update({
        where: { id: existing.id },
        data: { role: options.role ?? existing.role, locale: identity.locale ?? existing.locale },
      })
    : await prisma.user.create({
        data: {
          workspaceId,
          externalId: identity.externalId,
          name: identity.name,
          role: options.role ?? options.defaultRole ?? "rep",
          locale: identity.locale ?? null,
        },
      });
  return { id: user.id, name: user.name, role: user.role as Role, locale: user.locale as Locale | null };
}
