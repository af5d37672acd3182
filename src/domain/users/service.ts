import { DomainService } from "../context.js";
import type { Role } from "../../core/roles.js";
import { ROLE_RANK } from "../../core/roles.js";
import { UserError } from "../../core/errors.js";
import { canSee, visibleOwnerIds } from "../access.js";
import { audit } from "../audit.js";

/** Whose records a listing covers: the actor's own, the actor's team, or one named colleague. */
export type Who = "me" | "team" | { name: string };

export const USER_SUMMARY = {
  id: true,
  name: true,
  role: true,
  managerId: true,
  externalId: true,
  locale: true,
} as const;

export interface UserSummary {
  id: number;
  name: string;
  role: string;
  managerId: number | null;
  externalId: string;
  locale: string | null;
}

export class UserService extends DomainService {
  private owners?: Promise<number[] | null>;
  /**
   * Whose customers and records the actor may see (their own; a manager's team; null for an
   * admin's everyone), read once per command and shared by every service that checks it.
   */
  team(): Promise<number[] | null> {
    this.owners ??= visibleOwnerIds(this.data.users, this.actor);
    return this.owners;
  }

  /** A user by exact name, or by a unique name that starts with the text. */
  async resolve(name: string): Promise<UserSummary> {
    const exact = await this.db.user.findMany({ where: { name, active: true }, select: USER_SUMMARY, take: 2 });
    if (exact.length === 1) return exact[0]!;
    const candidates =
      exact.length > 1
        ? exact
        : await this.db.user.findMany({
            where: { name: { startsWith: name }, active: true },
            select: USER_SUMMARY,
            take: 6,
          });
    if (candidates.length === 1) return candidates[0]!;
    if (candidates.length === 0) throw new UserError("user.notFound", { name });
    throw new UserError("user.ambiguous", { name, names: candidates.map((u) => u.name).join(", ") });
  }

  /**
   * The user ids a listing of visits or follow-ups covers; null means everyone (an admin's team).
   * A named colleague must be in the actor's team.
   */
  async scope(who: Who): Promise<number[] | null> {
    if (who === "me") return [this.actor.id];
    const team = await this.team();
    if (who === "team") return team;
    const user = await this.resolve(who.name);
    if (!canSee(team, user.id)) throw new UserError("user.outsideTeam", { name: user.name });
    return [user.id];
  }

  async list(): Promise<(UserSummary & { managerName: string | null; customerCount: number })[]> {
    const users = await this.db.user.findMany({
      where: { active: true },
      select: { ...USER_SUMMARY, manager: { select: { name: true } }, _count: { select: { ownedCustomers: true } } },
      orderBy: [{ role: "asc" }, { name: "asc" }],
    });
    return users.map(({ manager, _count, ...u }) => ({
      ...u,
      managerName: manager?.name ?? null,
      customerCount: _count.ownedCustomers,
    }));
  }

  /** Adds a user by name, for the console and for teams set up before their members first write. */
  async add(input: { name: string; role: Role; managerName?: string | undefined }): Promise<UserSummary> {
    const externalId = `console:${input.name}`;
    if (await this.db.user.findFirst({ where: { externalId }, select: { id: true } })) {
      throw new UserError("user.exists", { name: input.name });
    }
    const manager = input.managerName ? await this.resolve(input.managerName) : undefined;
    return this.db.user.create({
      data: {
        workspaceId: this.actor.workspaceId,
        externalId,
        name: input.name,
        role: input.role,
        managerId: manager?.id ?? null,
      },
      select: USER_SUMMARY,
    });
  }

  /**
   * Maps a chat platform's role (a Discord server role) to the bot's manager or admin role, or
   * removes the mapping ("rep"). Members holding the role get it the next time they use the bot.
   */
  async mapPlatformRole(platform: string, platformRoleId: string, role: Role): Promise<void> {
    this.requireAdmin();
    if (platform !== "discord") throw new UserError("user.rolesDiscordOnly");
    const where = { workspaceId_platformRoleId: { workspaceId: this.actor.workspaceId, platformRoleId } };
    await this.db.$transaction(async (tx) => {
      if (role === "rep") await tx.platformRoleMapping.deleteMany({ where: { platformRoleId } });
      else
        await tx.platformRoleMapping.upsert({
          where,
          create: { workspaceId: this.actor.workspaceId, platformRoleId, role },
          update: { role },
        });
      await audit(tx, this.actor, {
        at: this.now(),
        action: "role_mapping",
        targetType: "platform_role",
        targetIds: [this.actor.workspaceId],
        detail: JSON.stringify({ platform, platformRole: platformRoleId, to: role }),
      });
    });
  }

  /**
   * Makes the actor the workspace's first admin with the code from the bot's log. Refused when the
   * workspace has an admin already (who can then give roles) or the code is wrong or used.
   */
  async claimAdmin(redeem: () => boolean): Promise<void> {
    if (this.actor.role === "admin") throw new UserError("crm.claim.already");
    const admins = await this.db.user.findMany({
      where: { role: "admin", active: true },
      select: { name: true },
      take: 3,
    });
    if (admins.length > 0) throw new UserError("crm.claim.hasAdmin", { admins: admins.map((a) => a.name).join("、") });
    if (!redeem()) throw new UserError("crm.claim.invalid");
    await this.db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: this.actor.id }, data: { role: "admin" } });
      await audit(tx, this.actor, {
        at: this.now(),
        action: "role",
        targetType: "user",
        targetIds: [this.actor.id],
        detail: JSON.stringify({ claim: true, to: "admin" }),
      });
    });
  }

  /**
   * A leaver (离职): stopped at once, since every command checks that its user is active, and
   * everything in their hands goes to their manager (the admin doing this, when they have none):
   * their customers, open follow-ups, open complaints and alerts assigned to them, each customer's
   * move recorded in its history, and the whole in the audit log.
   */
  async deactivate(name: string) {
    this.requireAdmin();
    const user = await this.resolve(name);
    if (user.id === this.actor.id) throw new UserError("user.cannotDeactivateSelf");
    const { managerId } = await this.db.user.findFirstOrThrow({ where: { id: user.id }, select: { managerId: true } });
    const heir = managerId
      ? await this.db.user
          .findFirstOrThrow({ where: { id: managerId, active: true }, select: { id: true, name: true } })
          .catch(() => ({ id: this.actor.id, name: this.actor.name }))
      : { id: this.actor.id, name: this.actor.name };
    const now = this.now();
    return this.db.$transaction(async (tx) => {
      await tx.user.update({ where: { id: user.id }, data: { active: false } });
      const customers = await tx.customer.findMany({ where: { ownerId: user.id }, select: { id: true } });
      await tx.customer.updateMany({ where: { ownerId: user.id }, data: { ownerId: heir.id } });
      await tx.customerChange.createMany({
        data: customers.map((c) => ({
          workspaceId: this.actor.workspaceId,
          customerId: c.id,
          userId: this.actor.id,
          action: "assign",
          changes: JSON.stringify([{ field: "owner", from: user.name, to: heir.name }]),
          at: now,
        })),
      });
      const followUps = await tx.followUp.updateMany({
        where: { userId: user.id, doneAt: null },
        data: { userId: heir.id },
      });
      const complaints = await tx.complaint.updateMany({
        where: { ownerId: user.id, closedAt: null },
        data: { ownerId: heir.id },
      });
      const alerts = await tx.alert.updateMany({
        where: { assigneeId: user.id, status: { not: "resolved" } },
        data: { assigneeId: heir.id },
      });
      const handed = {
        customers: customers.length,
        followUps: followUps.count,
        complaints: complaints.count,
        alerts: alerts.count,
      };
      await audit(tx, this.actor, {
        at: this.now(),
        action: "deactivate",
        targetType: "user",
        targetIds: [user.id],
        detail: JSON.stringify({ to: heir.name, ...handed }),
      });
      return { user, heir, ...handed };
    });
  }

  async setLocale(userId: number, locale: string): Promise<void> {
    await this.db.user.update({ where: { id: userId }, data: { locale } });
  }

  async update(
    name: string,
    changes: { role?: Role | undefined; managerName?: string | undefined; locale?: string | undefined },
  ): Promise<UserSummary> {
    const user = await this.resolve(name);
    if (user.id === this.actor.id && changes.role && ROLE_RANK[changes.role] < ROLE_RANK[this.actor.role]) {
      throw new UserError("user.cannotDemoteSelf");
    }
    let managerId: number | null | undefined;
    if (changes.managerName === "-") managerId = null;
    else if (changes.managerName) {
      const manager = await this.resolve(changes.managerName);
      if (manager.id === user.id) throw new UserError("user.ownManager");
      managerId = manager.id;
    }
    return this.db.$transaction(async (tx) => {
      const updated = await tx.user.update({
        where: { id: user.id },
        // An admin's decision stands: the platform no longer takes it back.
        data: { role: changes.role, managerId, locale: changes.locale, ...(changes.role ? { roleSource: null } : {}) },
        select: USER_SUMMARY,
      });
      if (changes.role && changes.role !== user.role)
        await audit(tx, this.actor, {
          at: this.now(),
          action: "role",
          targetType: "user",
          targetIds: [user.id],
          detail: JSON.stringify({ from: user.role, to: changes.role }),
        });
      return updated;
    });
  }
}
