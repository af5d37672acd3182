import { secondsSince } from "../../core/observer.js";
import { DomainService, type ServiceContext } from "../context.js";
import { addDays } from "date-fns/addDays";
import { startOfDayIn } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { Paging } from "../../core/paging.js";
import { ALERT_VIEW, type AlertRow } from "../../db/repositories/alerts.js";
import { canSee } from "../access.js";
import type { Customer } from "../../db/repositories/customers.js";
import { formatId, parseId } from "../ids.js";
import { readSetting, SETTINGS, writeSetting, type AlertRuleId, type AlertSettings } from "../settings.js";
import type { UserService } from "../users/service.js";
import { renotify, sweepAlerts } from "./engine.js";

/** A rule's parameter as the reader names it (倍数, 宽限天数). */
const paramName = (name: string) => ({ group: "vocab.alertParam", value: name }) as const;

export interface AlertFilter {
  /** Alerts on these owners' customers or assigned to them; null = everyone's the actor may see. */
  ownerIds: number[] | null;
  rule?: string | undefined;
  severity?: string | undefined;
  /** "active" = not resolved (the default), or one status, or "all". */
  status: string;
}

/** Snoozing without a date puts an alert away for a week. */
const DEFAULT_SNOOZE_DAYS = 7;

export const alertId = (number: number) => formatId("alert", number);

/** 预警: listing and acting on alerts, the rules' thresholds, sweeps on demand, incidents and delivery routes. */
export class AlertService extends DomainService {
  constructor(
    context: ServiceContext,
    private readonly users: UserService,
  ) {
    super(context);
  }

  private visibleOwners() {
    return this.users.team();
  }

  async list(filter: AlertFilter, at: Paging) {
    const scope = filter.ownerIds ?? (await this.visibleOwners());
    if (scope === null) {
      const status =
        filter.status === "active" ? { not: "resolved" } : filter.status === "all" ? undefined : filter.status;
      const where = { status, rule: filter.rule, severity: filter.severity };
      const [total, rows] = await Promise.all([
        this.db.alert.count({ where }),
        this.db.alert.findMany({
          where,
          select: ALERT_VIEW,
          orderBy: [{ openedAt: "desc" }, { number: "desc" }],
          skip: at.skip,
          take: at.take,
        }),
      ]);
      return { total, rows };
    }
    // A rep's list is among the commands run most, so it is read directly (see DirectReads).
    return this.data.alerts.forOwners(this.actor.workspaceId, scope, filter, at);
  }

  async find(ref: string): Promise<AlertRow> {
    const number = parseId("alert", ref);
    if (number === undefined) throw new UserError("alert.badId", { id: ref });
    const alert = await this.db.alert.findFirst({ where: { number }, select: ALERT_VIEW });
    const owners = await this.visibleOwners();
    // One the actor may not see reads exactly like one that does not exist.
    if (!alert || (!canSee(owners, alert.customer?.ownerId ?? null) && alert.assigneeId !== this.actor.id))
      throw new UserError("alert.notFound", { id: alertId(number) });
    return alert;
  }

  /**
   * What happened to an alert, from its opening on. The opening is the alert's own `openedAt`,
   * not an event row: a first sweep opens tens of thousands, and their rows were a tenth of it on
   * PostgreSQL. Rows recorded as "opened" before that are passed over.
   */
  async history(alert: AlertRow) {
    const events = await this.db.alertEvent.findMany({
      where: { alertId: alert.id, action: { not: "opened" } },
      select: { action: true, at: true, detail: true, user: { select: { name: true } } },
      orderBy: [{ at: "asc" }, { id: "asc" }],
    });
    return [{ action: "opened", at: alert.openedAt, detail: null, user: null }, ...events];
  }

  /** Records an action on an alert and rewrites its posts, in one transaction. */
  private async change(
    alert: AlertRow,
    action: string,
    data: { status?: string; assigneeId?: number; snoozedUntil?: Date | null; resolvedAt?: Date | null },
    detail?: string,
  ) {
    if (alert.status === "resolved") throw new UserError("alert.alreadyResolved", { id: alertId(alert.number) });
    const now = this.now();
    return this.db.$transaction(async (tx) => {
      await tx.alert.update({ where: { id: alert.id }, data: { ...data, updatedAt: now } });
      await tx.alertEvent.create({
        data: {
          workspaceId: this.actor.workspaceId,
          alertId: alert.id,
          userId: this.actor.id,
          action,
          at: now,
          detail: detail ?? null,
        },
      });
      const after = await tx.alert.findUniqueOrThrow({ where: { id: alert.id }, select: ALERT_VIEW });
      await renotify(tx, this.data.bulk, this.actor.workspaceId, [after], now);
      return after;
    });
  }

  async acknowledge(ref: string) {
    const alert = await this.find(ref);
    if (alert.status === "acknowledged")
      throw new UserError("alert.alreadyAcknowledged", { id: alertId(alert.number) });
    return this.change(alert, "acknowledged", { status: "acknowledged", snoozedUntil: null });
  }

  /** Gives the alert to someone in the actor's team; without a name, to the actor. */
  async assign(ref: string, userName: string | undefined) {
    const alert = await this.find(ref);
    const user = userName ? await this.users.resolve(userName) : { id: this.actor.id, name: this.actor.name };
    if (user.id !== this.actor.id && !canSee(await this.visibleOwners(), user.id))
      throw new UserError("user.outsideTeam", { name: user.name });
    return this.change(alert, "assigned", { assigneeId: user.id }, user.name);
  }

  async snooze(ref: string, until: Date | undefined) {
    const alert = await this.find(ref);
    const today = startOfDayIn(this.now(), this.timezone);
    const date = until ?? addDays(today, DEFAULT_SNOOZE_DAYS);
    if (date <= today) throw new UserError("alert.snoozeNotFuture", { date });
    return this.change(alert, "snoozed", { status: "snoozed", snoozedUntil: date }, date.toISOString());
  }

  /**
   * Closes an alert by hand. While its condition still holds the episode stays taken, so the next
   * sweep does not open it again; once the condition clears, a return starts a new alert.
   */
  async resolve(ref: string, note: string | undefined) {
    const alert = await this.find(ref);
    return this.change(alert, "resolved", { status: "resolved", resolvedAt: this.now(), snoozedUntil: null }, note);
  }

  async run() {
    this.requireAdmin();
    const started = performance.now();
    const outcome = await sweepAlerts(this.db, this.actor.workspaceId, this.data, this.now());
    this.observer.swept("full", secondsSince(started));
    return outcome;
  }

  settings(): Promise<AlertSettings> {
    return readSetting(this.db, "alerts");
  }

  /** Changes one rule's thresholds; values that make no sense are refused with the reason. */
  async setRule(rule: AlertRuleId, changes: Record<string, unknown>): Promise<AlertSettings> {
    this.requireAdmin();
    const current = await this.settings();
    const next = structuredClone(current);
    const params = next.rules[rule] as Record<string, unknown>;
    const ruleName = { group: "vocab.alertRule", value: rule } as const;
    for (const [key, value] of Object.entries(changes)) {
      const [name, tier] = key.split(".") as [string, string | undefined];
      if (!(name in params))
        throw new UserError("alert.rules.unknownParam", {
          rule: ruleName,
          param: paramName(name),
          params: Object.keys(params).map(paramName),
        });
      const perTier = typeof params[name] === "object";
      if (tier && !perTier) throw new UserError("alert.rules.notPerTier", { rule: ruleName, param: paramName(name) });
      if (tier) (params[name] as Record<string, unknown>)[tier] = value;
      else if (perTier)
        for (const t of Object.keys(params[name] as object)) (params[name] as Record<string, unknown>)[t] = value;
      else params[name] = value;
    }
    const checked = SETTINGS.alerts.schema.safeParse(next);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const param = paramName(String(issue.path[2]));
      if (issue.code === "too_small")
        throw new UserError("alert.rules.tooSmall", { rule: ruleName, param, limit: Number(issue.minimum) });
      if (issue.code === "too_big")
        throw new UserError("alert.rules.tooBig", { rule: ruleName, param, limit: Number(issue.maximum) });
      throw new UserError("alert.rules.invalid", { rule: ruleName, param });
    }
    await this.db.$transaction((tx) => writeSetting(tx, this.actor.workspaceId, "alerts", checked.data));
    return checked.data;
  }

  /** More new alerts than this for one recipient in one sweep are posted as one summary. */
  async setStormThreshold(threshold: number): Promise<AlertSettings> {
    this.requireAdmin();
    const next = { ...(await this.settings()), storm: { threshold } };
    await this.db.$transaction((tx) => writeSetting(tx, this.actor.workspaceId, "alerts", next));
    return next;
  }

  async setSchedule(changes: Partial<AlertSettings["schedule"]>): Promise<AlertSettings> {
    this.requireAdmin();
    const current = await this.settings();
    const checked = SETTINGS.alerts.schema.safeParse({ ...current, schedule: { ...current.schedule, ...changes } });
    if (!checked.success) throw new UserError("alert.rules.badCron", { pattern: Object.values(changes).join(" / ") });
    await this.db.$transaction((tx) => writeSetting(tx, this.actor.workspaceId, "alerts", checked.data));
    return checked.data;
  }

  /** 重大变故: recorded on the customer's file and alerted at once, not at the next sweep. */
  async reportIncident(customer: Customer, type: string, description: string) {
    const now = this.now();
    const event = await this.db.keyEvent.create({
      data: {
        workspaceId: this.actor.workspaceId,
        customerId: customer.id,
        kind: "incident",
        incidentType: type,
        occurredAt: now,
        description,
        reportedById: this.actor.id,
        createdAt: now,
      },
    });
    await sweepAlerts(this.db, this.actor.workspaceId, this.data, now, {
      customerIds: [customer.id],
      rules: ["incident"],
    });
    return this.db.alert.findFirst({
      where: { rule: "incident", subject: `incident:${event.id}` },
      select: ALERT_VIEW,
    });
  }

  async routes() {
    return this.db.deliveryRoute.findMany({
      where: { purpose: { in: ["alerts", "digests"] } },
      orderBy: { id: "asc" },
    });
  }

  /** Sends alerts (optionally of one region or rule) or the weekly and monthly digests to a channel. */
  async addRoute(
    purpose: "alerts" | "digests",
    channelId: string,
    region: string | undefined,
    rule: string | undefined,
  ) {
    this.requireAdmin();
    const duplicate = await this.db.deliveryRoute.findFirst({
      where: { purpose, channelId, region: region ?? null, rule: rule ?? null },
    });
    if (duplicate) throw new UserError("alert.route.exists", { channel: channelId });
    return this.db.deliveryRoute.create({
      data: { workspaceId: this.actor.workspaceId, purpose, channelId, region: region ?? null, rule: rule ?? null },
    });
  }

  async removeRoute(id: number) {
    this.requireAdmin();
    const removed = await this.db.deliveryRoute.deleteMany({ where: { id, purpose: { in: ["alerts", "digests"] } } });
    if (removed.count === 0) throw new UserError("alert.route.notFound", { id });
  }
}
