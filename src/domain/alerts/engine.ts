import { chunks } from "../../core/chunks.js";
import { writeWhileReading } from "../../core/write-while-reading.js";
import type { BulkWrites } from "../../db/bulk.js";
import type { AlertRow } from "../../db/repositories/alerts.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { CustomerCard, Episode, SweepReads } from "../../db/repositories/sweep.js";
import type { WorkspaceDb, WorkspaceTx } from "../../db/scope.js";
import { enqueueMany, requeueAlerts } from "../../outbound/outbox.js";
import { reserveNumbers } from "../counters.js";
import { readSetting, type AlertRuleId } from "../settings.js";
import { alertNotification, alertRoutes, recipientsOf, type Routes } from "./recipients.js";
import { beginHeldSweep, quietRecipients, settleHeldAlerts } from "./storms.js";
import type { SweepScope } from "./sweep-plan.js";
import { MANUAL_CLOSE, RULE_IDS, RULES, ruleContext, type CustomerFilter, type Hit, type RuleBase } from "./rules.js";

type Db = WorkspaceDb | WorkspaceTx;

export interface RuleOutcome {
  hits: number;
  opened: number;
  updated: number;
  resolved: number;
}

export const activeKey = (rule: string, hit: { customerId: number; subject: string }) =>
  `${rule}|${hit.customerId}|${hit.subject}`;

/**
 * Rewrites every post of alerts after they changed, and posts them to anyone newly concerned (a
 * new assignee), save whom their sweep still holds them from or told of them in a summary (see
 * quietRecipients). `routes`, when given, spares reading the channel routes again.
 */
export async function renotify(
  tx: Db,
  bulk: BulkWrites,
  workspaceId: number,
  alerts: readonly AlertRow[],
  at: Date,
  routes?: Routes,
): Promise<void> {
  if (alerts.length === 0) return;
  const known = routes ?? (await alertRoutes(tx));
  const quiet = await quietRecipients(tx, alerts);
  const notifications = alerts.map((alert) =>
    alertNotification(
      alert,
      recipientsOf(alert, known).filter((r) => !quiet(alert, r)),
      at,
    ),
  );
  await requeueAlerts(
    tx,
    bulk,
    notifications.map((n) => ({ alertId: n.alertId!, view: n.view })),
    at,
  );
  await enqueueMany(tx, bulk, workspaceId, notifications);
}

/**
 * Customers per step of a sweep: bounds what a step holds in memory, and each step's aggregates
 * read one slice of the ledgers' customer indexes. The heap grows to about twice what it holds, so
 * the step sets the bot's peak memory during a sweep: 2,000 kept it some 20 MB lower than 5,000,
 * for a first sweep of 100,000 customers about a tenth slower.
 */
const STEP = 2_000;
/** Steps whose changes are written at once, each in its own transaction, while the next is read. */
const STEPS_WRITTEN_AT_ONCE = 2;
/** Alerts a sweep of many customers opens or closes before the planner's statistics of alerts and posts are refreshed. */
const MANY_CHANGES = 1_000;
/** Customers up to which a sweep narrowed to them posts what it opens at once, without watching for storms. */
const POSTED_AT_ONCE = 1_000;
/** Ids per step when a sweep is narrowed to given customers, well inside every database's `IN (…)` limits. */
const STEP_IDS = 500;

/**
 * One sweep: every enabled rule computes its hits set-based, and the alerts are brought in line.
 * A hit without an active alert opens one (and posts it); a hit with one updates its numbers, and
 * its posts when the severity changed or a snooze ran out; an active alert without a hit closes
 * itself and its posts say so. An alert a person resolved while its condition still held stays
 * closed until the condition clears, so resolving is not undone by the next sweep.
 * `customerIds` narrows everything to some customers: those a write or a segment run changed
 * (many of them hold their posts, as a full sweep does, see POSTED_AT_ONCE). A full sweep walks
 * the customers in slices of ids, since every rule and its alerts concern one customer at a time;
 * `step` sets the customers per slice (tests cut a small workspace into several).
 */
export async function sweepAlerts(
  db: WorkspaceDb,
  workspaceId: number,
  data: Repositories,
  now: Date,
  options: SweepScope & { step?: number } = {},
): Promise<Record<string, RuleOutcome>> {
  const [settings, segments, workspace, routes] = await Promise.all([
    readSetting(db, "alerts"),
    readSetting(db, "segments"),
    db.workspace.findUniqueOrThrow({ where: { id: workspaceId }, select: { timezone: true } }),
    alertRoutes(db),
  ]);
  const { bulk, sweep: reads } = data;
  const base = { reads, workspaceId, now, timezone: workspace.timezone, settings, segments };
  const rules = options.rules ?? RULE_IDS;
  const outcomes: Record<string, RuleOutcome> = Object.fromEntries(
    rules.map((rule) => [rule, { hits: 0, opened: 0, updated: 0, resolved: 0 }]),
  );
  const steps = options.customerIds
    ? chunks([...new Set(options.customerIds)], options.step ?? STEP_IDS).map((ids) => ({ in: ids }))
    : customerSlices(db, options.step ?? STEP);
  // A sweep of many customers (a first one, after an import or a segment run) is where storms
  // happen: it holds the posts of the alerts it opens and settles them at its end. The sweep after
  // one write posts at once, and adds no transaction to the write path.
  const heldBy =
    options.customerIds && options.customerIds.length <= POSTED_AT_ONCE
      ? null
      : await beginHeldSweep(db, workspaceId, data.heldAlerts, now);
  const sweep: Sweep = { db, reads, workspaceId, bulk, now, routes, heldBy };
  // A step's changes are written while the next steps' rules read: on PostgreSQL each on a
  // connection of its own, in parallel (a first sweep at 100,000 customers some 1.5 s sooner with
  // one step written at a time, another 0.5 s with two). The steps' customers do not overlap, so a
  // step never reads what another writes.
  async function* stepChanges(): AsyncGenerator<Changes> {
    for await (const customers of steps) yield await changesOf(base, rules, customers, now, outcomes);
  }
  await writeWhileReading(
    stepChanges(),
    async (changes) => {
      const { opened, resolved } = await apply(sweep, changes);
      for (const rule of rules) {
        outcomes[rule]!.opened += opened.get(rule) ?? 0;
        outcomes[rule]!.resolved += resolved.get(rule) ?? 0;
      }
    },
    STEPS_WRITTEN_AT_ONCE,
  );
  // A first sweep opens tens of thousands of alerts into a table without statistics, and a
  // lookup of ten of them by id then walked through all (3 ms instead of 0.1). PostgreSQL samples
  // the table for it, so only after a sweep that changed many alerts.
  const changed = Object.values(outcomes).reduce((n, o) => n + o.opened + o.resolved, 0);
  if (heldBy !== null && changed >= MANY_CHANGES) await bulk.refreshStatistics(db, ["Alert"]);
  if (heldBy !== null) await settleHeldAlerts(db, workspaceId, data, heldBy, settings.storm.threshold, now, routes);
  return outcomes;
}

/**
 * What one step's rules find against the alerts its customers hold. The rules read one after
 * another: on PostgreSQL, reading them all at once took the two cores from the step being
 * written meanwhile, and a first sweep was slower for it.
 */
async function changesOf(
  base: RuleBase,
  rules: readonly AlertRuleId[],
  customers: CustomerFilter,
  now: Date,
  outcomes: Record<string, RuleOutcome>,
): Promise<Changes> {
  const running = rules.filter((rule) => base.settings.rules[rule].enabled);
  const ctx = ruleContext(base, customers, running);
  const episodes = await base.reads.episodes(base.workspaceId, customers, rules);
  const changes: Changes = { fresh: [], released: [], ending: [], moved: [], quiet: [] };
  for (const rule of rules) {
    const hits = running.includes(rule) ? await RULES[rule](ctx) : [];
    compare(rule, hits, episodes.get(rule) ?? [], now, changes, outcomes[rule]!);
  }
  return changes;
}

/** The largest 32-bit integer, the type of ids on both databases (PostgreSQL refuses a larger bound). */
const NO_ID = 2 ** 31 - 1;

/**
 * The workspace's customers as consecutive id ranges of `size` customers, the first from 0 and
 * the last up to NO_ID (no id reaches it before the database runs out of them), so that none is missed (a customer added meanwhile included). Each range
 * has both ends: SQLite planned a range open at one end differently, and read the first slice's
 * orders of a month through the date index, every customer's (0.7 s instead of 3 ms).
 */
async function* customerSlices(db: WorkspaceDb, size: number): AsyncGenerator<CustomerFilter> {
  let from = 0;
  for (;;) {
    const next = await db.customer.findFirst({
      where: { id: { gte: from } },
      orderBy: { id: "asc" },
      skip: size,
      select: { id: true },
    });
    yield { gte: from, lt: next?.id ?? NO_ID };
    if (!next) return;
    from = next.id;
  }
}

/** What every step of one sweep shares. */
interface Sweep {
  db: WorkspaceDb;
  reads: SweepReads;
  workspaceId: number;
  bulk: BulkWrites;
  now: Date;
  routes: Routes;
  /** The AlertSweep holding the posts of the alerts opened until the sweep ends, if any (see settleHeldAlerts). */
  heldBy: number | null;
}

/** What a step's rules change: applied in one transaction. */
interface Changes {
  /** Hits without an alert: each opens one. */
  fresh: { rule: AlertRuleId; hit: Hit }[];
  /** Alerts a person had resolved whose condition cleared: only their episode is let go. */
  released: Episode[];
  /** Alerts whose condition cleared: they resolve themselves. */
  ending: Episode[];
  /** Alerts whose severity changed, or whose snooze ran out. */
  moved: Moved<Episode>[];
  /** Alerts whose numbers moved, nothing else: updated without touching their posts. */
  quiet: [id: number, facts: string][];
}

/** An alert whose severity changed or whose snooze ran out, and the hit it now stands for. */
type Moved<A> = { alert: A; hit: Hit; wake: boolean };

/** Brings one rule's alerts of a step (`active`, those holding an episode) in line with its hits, in `changes`. */
function compare(
  rule: AlertRuleId,
  hits: Hit[],
  active: readonly Episode[],
  now: Date,
  changes: Changes,
  outcome: RuleOutcome,
): void {
  const current = new Map(hits.map((h) => [activeKey(rule, h), h]));
  const known = new Map(active.map((a) => [a.activeKey, a]));
  outcome.hits += hits.length;
  for (const [key, hit] of current) if (!known.has(key)) changes.fresh.push({ rule, hit });
  for (const [key, alert] of known) {
    const hit = current.get(key);
    if (!hit) {
      if (MANUAL_CLOSE.has(rule) && alert.status !== "resolved") continue;
      (alert.status === "resolved" ? changes.released : changes.ending).push(alert);
      continue;
    }
    if (alert.status === "resolved") continue;
    const facts = JSON.stringify(hit.facts);
    const wake = alert.status === "snoozed" && alert.snoozedUntil !== null && alert.snoozedUntil <= now;
    if (facts === alert.facts && hit.severity === alert.severity && !wake) continue;
    outcome.updated++;
    // Numbers that move every sweep update the alert quietly; its posts change when it matters.
    if (hit.severity === alert.severity && !wake) changes.quiet.push([alert.id, facts]);
    else changes.moved.push({ alert, hit, wake });
  }
}

/**
 * A step's changes, set-based, in one transaction: a few statements per 500 alerts, for all its
 * rules at once. An import or a segment run changes thousands of alerts, and a transaction each
 * took most of a 100,000-row import; a transaction per rule, a tenth of a first sweep.
 * Answers how many alerts of each rule were opened and resolved.
 */
async function apply(
  sweep: Sweep,
  changes: Changes,
): Promise<{ opened: Map<string, number>; resolved: Map<string, number> }> {
  const { db, reads, workspaceId, bulk, now, routes } = sweep;
  const { fresh, released, ending, moved, quiet } = changes;
  if (fresh.length + released.length + ending.length + moved.length + quiet.length === 0)
    return { opened: new Map(), resolved: new Map() };
  // A held alert is shown by nothing until its sweep ends, which reads what it needs of it then.
  const cards = sweep.heldBy === null ? await customerCards(reads, workspaceId, fresh) : null;
  const shown = await shownAlerts(reads, workspaceId, [...ending, ...moved.map((m) => m.alert)]);
  // Numbered before the transaction: a step's transaction holding the counter would keep the
  // step written beside it waiting for its numbers until it committed. A step that fails then
  // leaves its numbers unused, as an episode another instance opened first does.
  const first = fresh.length === 0 ? 0 : await reserveNumbers(db, workspaceId, "alert", fresh.length);
  return db.$transaction(
    async (tx) => {
      const opened = await openAlerts(tx, sweep, fresh, first, cards);
      for (const ids of chunks(
        released.map((a) => a.id),
        500,
      ))
        await tx.alert.updateMany({ where: { id: { in: ids }, activeKey: { not: null } }, data: { activeKey: null } });
      const resolved: AlertRow[] = [];
      // An alert gone meanwhile (its customer deleted) has nothing left to close or move.
      const closing = ending.flatMap((e) => shown.get(e.id) ?? []);
      for (const part of chunks(closing, 500))
        resolved.push(...(await closeAlerts(tx, workspaceId, bulk, now, part, routes)));
      const moving = moved.flatMap((m) => {
        const alert = shown.get(m.alert.id);
        return alert ? [{ ...m, alert }] : [];
      });
      for (const part of chunks(moving, 500)) await moveAlerts(tx, workspaceId, bulk, now, part, routes);
      await bulk.setColumns(
        tx,
        "Alert",
        ["facts", "updatedAt"],
        quiet.map(([id, facts]) => [id, facts, now]),
      );
      return { opened: countByRule(opened), resolved: countByRule(resolved) };
    },
    { timeout: 10 * 60_000 },
  );
}

function countByRule(alerts: readonly { rule: string }[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const { rule } of alerts) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return counts;
}

/**
 * Resolves alerts whose condition cleared, those still active when the statement runs: another bot
 * instance's sweep may have closed some meanwhile, and each is closed, recorded and posted once.
 */
async function closeAlerts(
  tx: WorkspaceTx,
  workspaceId: number,
  bulk: BulkWrites,
  now: Date,
  alerts: AlertRow[],
  routes: Routes,
): Promise<AlertRow[]> {
  const closed = new Set(
    (
      await tx.alert.updateManyAndReturn({
        where: { id: { in: alerts.map((a) => a.id) }, activeKey: { not: null }, status: { not: "resolved" } },
        data: { status: "resolved", resolvedAt: now, activeKey: null, updatedAt: now },
        select: { id: true },
      })
    ).map((a) => a.id),
  );
  const resolved = alerts
    .filter((a) => closed.has(a.id))
    .map((a) => ({ ...a, status: "resolved", resolvedAt: now, activeKey: null }));
  await bulk.insertRows(
    tx,
    "AlertEvent",
    ["workspaceId", "alertId", "action", "at"],
    resolved.map((a) => [workspaceId, a.id, "cleared", now]),
  );
  await renotify(tx, bulk, workspaceId, resolved, now, routes);
  return resolved;
}

/** Alerts whose severity changed, or whose snooze ran out: their numbers, their history and their posts. */
async function moveAlerts(
  tx: WorkspaceTx,
  workspaceId: number,
  bulk: BulkWrites,
  now: Date,
  moved: Moved<AlertRow>[],
  routes: Routes,
): Promise<void> {
  const after = moved.map(({ alert, hit, wake }) => ({
    ...alert,
    facts: JSON.stringify(hit.facts),
    severity: hit.severity,
    ...(wake ? { status: "open", snoozedUntil: null } : {}),
  }));
  // Each alert written once, all its columns together: on PostgreSQL every write is a new row version.
  await bulk.setColumns(
    tx,
    "Alert",
    ["facts", "severity", "updatedAt"],
    after.map((a) => [a.id, a.facts, a.severity, now]),
  );
  const woken = moved.filter((m) => m.wake).map((m) => m.alert.id);
  if (woken.length > 0)
    await tx.alert.updateMany({ where: { id: { in: woken } }, data: { status: "open", snoozedUntil: null } });
  await bulk.insertRows(
    tx,
    "AlertEvent",
    ["workspaceId", "alertId", "action", "at", "detail"],
    moved.flatMap(({ alert, hit, wake }) => [
      ...(wake ? [[workspaceId, alert.id, "woke", now, null]] : []),
      ...(hit.severity !== alert.severity
        ? [[workspaceId, alert.id, "updated", now, `${alert.severity} → ${hit.severity}`]]
        : []),
    ]),
  );
  await renotify(tx, bulk, workspaceId, after, now, routes);
}

/**
 * Opens many alerts at once: numbers reserved in one step, rows inserted in bulk. The unique
 * active key makes a second bot instance's insert of the same episode a no-op, and only the rows
 * inserted are taken as opened here.
 */
async function openAlerts(
  tx: WorkspaceTx,
  { workspaceId, bulk, now, routes, heldBy }: Sweep,
  fresh: Changes["fresh"],
  /** The number of the first (see reserveNumbers). */
  first: number,
  /** What the alerts show of their customers; null when the sweep holds their posts. */
  cards: ReadonlyMap<number, CustomerCard> | null,
): Promise<{ rule: string }[]> {
  if (fresh.length === 0) return [];
  // Each alert's episode key and facts, as inserted and as returned.
  const opening = fresh.map(({ rule, hit }) => ({
    rule,
    hit,
    key: activeKey(rule, hit),
    facts: JSON.stringify(hit.facts),
  }));
  const inserted = await bulk.insertRowsReturning(
    tx,
    "Alert",
    [
      "workspaceId",
      "number",
      "rule",
      "customerId",
      "complaintId",
      "subject",
      "activeKey",
      "severity",
      "status",
      "facts",
      "openedAt",
      "updatedAt",
      "sweepId",
    ],
    opening.map(({ rule, hit, key, facts }, i) => [
      workspaceId,
      first + i,
      rule,
      hit.customerId,
      hit.complaintId ?? null,
      hit.subject,
      key,
      hit.severity,
      "open",
      facts,
      now,
      now,
      heldBy,
    ]),
    ["id", "number"],
    { ignoreConflicts: true },
  );
  // Held by a sweep of many customers, they are posted at its end: a recipient about to get a
  // storm of them gets one summary instead.
  if (cards === null) return inserted.map(({ number }) => opening[number - first]!);
  const opened = inserted
    .sort((a, b) => a.number - b.number)
    .map(({ id, number }) => newAlert(id, number, opening[number - first]!, cards, now));
  await enqueueMany(
    tx,
    bulk,
    workspaceId,
    opened.map((a) => alertNotification(a, recipientsOf(a, routes), now)),
  );
  return opened;
}

/** These alerts as their posts show them, by id. */
async function shownAlerts(
  reads: SweepReads,
  workspaceId: number,
  alerts: readonly Episode[],
): Promise<Map<number, AlertRow>> {
  const shown = new Map<number, AlertRow>();
  for (const ids of chunks(
    alerts.map((a) => a.id),
    500,
  ))
    for (const alert of await reads.alerts(workspaceId, ids)) shown.set(alert.id, alert);
  return shown;
}

/** What alerts show of the customers of these hits. */
async function customerCards(
  reads: SweepReads,
  workspaceId: number,
  fresh: Changes["fresh"],
): Promise<Map<number, CustomerCard>> {
  const cards = new Map<number, CustomerCard>();
  for (const ids of chunks([...new Set(fresh.map(({ hit }) => hit.customerId))], 500))
    for (const [id, card] of await reads.cards(workspaceId, ids)) cards.set(id, card);
  return cards;
}

/** An alert as it was just inserted for a hit. */
function newAlert(
  id: number,
  number: number,
  { rule, hit, key, facts }: Changes["fresh"][number] & { key: string; facts: string },
  cards: ReadonlyMap<number, CustomerCard>,
  now: Date,
): AlertRow {
  return {
    id,
    number,
    rule,
    severity: hit.severity,
    status: "open",
    facts,
    subject: hit.subject,
    activeKey: key,
    openedAt: now,
    resolvedAt: null,
    snoozedUntil: null,
    customerId: hit.customerId,
    assigneeId: null,
    sweepId: null,
    customer: cards.get(hit.customerId) ?? null,
    assignee: null,
  };
}
