import { chunks } from "../../core/chunks.js";
import { ALERT_VIEW, type AlertRow } from "../../db/repositories/alerts.js";
import type { HeldAlert, HeldAlertReads } from "../../db/repositories/held-alerts.js";
import type { Repositories } from "../../db/repositories/index.js";
import type { WorkspaceDb, WorkspaceTx } from "../../db/scope.js";
import { enqueueMany } from "../../outbound/outbox.js";
import { recipientKey, type Recipient } from "../../outbound/port.js";
import { alertView } from "../notifications.js";
import { alertNotification, recipientsOf, type Routes } from "./recipients.js";

/** How many of a storm's alerts its summary shows, the most serious first. */
const SUMMARY_TOP = 5;
/** Most serious first. */
const SEVERITIES = ["critical", "warning", "info"];
/** Alerts read and posted per statement. */
const CHUNK = 500;
/** Held alerts read per statement, and counted before the next page is read. */
const PAGE = 5_000;

type Db = WorkspaceDb | WorkspaceTx;

/**
 * Begins a sweep of many customers that holds back the posts of the alerts it opens: they carry
 * its id, and nothing is written for their posts until it ends. Answers its id.
 */
export async function beginHeldSweep(
  db: WorkspaceDb,
  workspaceId: number,
  heldAlerts: HeldAlertReads,
  now: Date,
): Promise<number> {
  const sweep = await db.alertSweep.create({
    data: { workspaceId, afterAlertId: await heldAlerts.lastAlertId(), startedAt: now },
    select: { id: true },
  });
  return sweep.id;
}

/**
 * The end of a sweep that held its posts: the alerts it opened are posted now. A recipient (a
 * person or a channel) that would get more than `threshold` of them gets one summary instead:
 * counts by rule, the most serious few, a button to list them all; that sweep's alerts then post
 * to it no more (see quietRecipients). Everyone else gets their alerts one by one.
 *
 * Every sweep not settled yet is settled, those of a sweep that died half-way included, so that a
 * crash delays posts (to the next sweep that holds them) but loses none. Settling is safe to
 * repeat, and to run in two instances at once: whoever already has a post of an alert, or its
 * sweep's summary, gets nothing more of it, and a settling that finds its sweep settled meanwhile
 * starts again.
 *
 * Nothing is written per alert while the sweep runs, and nothing for a storm's alerts at its end:
 * a first sweep opens some 40,000 alerts, and a held post for each, then marked as summarized, was
 * a third of it.
 */
export async function settleHeldAlerts(
  db: WorkspaceDb,
  workspaceId: number,
  data: Pick<Repositories, "bulk" | "heldAlerts">,
  sweepId: number,
  threshold: number,
  now: Date,
  routes: Routes,
): Promise<void> {
  // Its own sweep even if another instance settled it meanwhile: it has opened more since.
  const sweeps = await db.alertSweep.findMany({
    where: { OR: [{ id: sweepId }, { settledAt: null }] },
    select: SWEEP_STATE,
    orderBy: { id: "asc" },
  });
  for (let sweep of sweeps)
    for (let attempt = 1; ; attempt++) {
      try {
        await settle(db, workspaceId, data, { ...sweep, own: sweep.id === sweepId }, threshold, now, routes);
        break;
      } catch (error) {
        if (!(error instanceof SettledMeanwhile) || attempt === 3) throw error;
        const current = await db.alertSweep.findUnique({ where: { id: sweep.id }, select: SWEEP_STATE });
        if (!current) break;
        sweep = current;
      }
    }
}

const SWEEP_STATE = { id: true, afterAlertId: true, settledAt: true, stormTargets: true } as const;

/** Another instance settled the sweep between what this one read of it and its writes. */
class SettledMeanwhile extends Error {}

async function settle(
  db: WorkspaceDb,
  workspaceId: number,
  { bulk, heldAlerts }: Pick<Repositories, "bulk" | "heldAlerts">,
  sweep: { id: number; afterAlertId: number; settledAt: Date | null; stormTargets: string; own: boolean },
  threshold: number,
  now: Date,
  routes: Routes,
): Promise<void> {
  const told = new Set<string>(JSON.parse(sweep.stormTargets));
  // What each recipient is still to hear of.
  const untold = new Map<string, { recipient: Recipient; alerts: HeldAlert[] }>();
  for (let from = 0; ; ) {
    const held = await heldAlerts.page(workspaceId, sweep, from, PAGE);
    if (held.length === 0) break;
    const to = held.at(-1)!.id;
    const posted = await heldAlerts.posted(workspaceId, sweep, from, to);
    for (const alert of held)
      for (const recipient of recipientsOf(alert, routes)) {
        const target = recipientKey(recipient);
        if (told.has(target) || posted.has(`${alert.id}>${target}`)) continue;
        const entry = untold.get(target) ?? { recipient, alerts: [] };
        entry.alerts.push(alert);
        untold.set(target, entry);
      }
    from = to;
  }
  const storms = [...untold.values()].filter((t) => t.alerts.length > threshold);
  const single = new Map<number, Recipient[]>();
  for (const { recipient, alerts } of untold.values())
    if (alerts.length <= threshold) for (const { id } of alerts) single.set(id, [...(single.get(id) ?? []), recipient]);
  const top = new Map(storms.map((s) => [s, mostSerious(s.alerts)]));

  const stormTargets = [...told, ...storms.map((s) => recipientKey(s.recipient))];
  await db.$transaction(
    async (tx) => {
      // First, and only if the sweep is still as read: another instance settling it at the same
      // time waits here for this one's commit, then finds it changed.
      const unchanged = { id: sweep.id, settledAt: sweep.settledAt, stormTargets: sweep.stormTargets };
      // A sweep that told nobody in a summary has nothing left to say of its alerts, and an
      // hourly sweep would otherwise leave a row every hour. Only its own: a sweep another
      // instance is still running looks the same, and must find its row when it ends.
      const { count } =
        stormTargets.length === 0 && sweep.own
          ? await tx.alertSweep.deleteMany({ where: unchanged })
          : await tx.alertSweep.updateMany({
              where: unchanged,
              data: { settledAt: now, stormTargets: JSON.stringify(stormTargets) },
            });
      if (count === 0) throw new SettledMeanwhile();
      // Each alert as it is now: a person may have changed it while its sweep held it.
      for (const ids of chunks([...single.keys()], CHUNK)) {
        const alerts = [...(await alertsById(tx, ids)).values()];
        await enqueueMany(
          tx,
          bulk,
          workspaceId,
          alerts.map((alert) => alertNotification(alert, single.get(alert.id)!, now)),
        );
      }
      const shown = await alertsById(tx, [...new Set([...top.values()].flat())]);
      const summaries = storms.map((storm) => ({
        dedupeKey: `alertSweep:${sweep.id}`,
        kind: "alert" as const,
        recipients: [storm.recipient],
        at: now,
        view: {
          view: "alertStorm" as const,
          total: storm.alerts.length,
          byRule: countByRule(storm.alerts),
          top: top
            .get(storm)!
            .flatMap((id) => shown.get(id) ?? [])
            .map(alertView),
        },
      }));
      await enqueueMany(tx, bulk, workspaceId, summaries);
    },
    { timeout: 10 * 60_000 },
  );
}

/**
 * The ids of the `SUMMARY_TOP` most serious alerts, the oldest first among equals: in one pass, as
 * sorting the 117,000 alerts of a first segment run's one admin held the event loop.
 */
function mostSerious(alerts: readonly HeldAlert[]): number[] {
  const rank = (a: HeldAlert) => {
    const i = SEVERITIES.indexOf(a.severity);
    return i === -1 ? SEVERITIES.length : i;
  };
  const before = (a: HeldAlert, b: HeldAlert) => rank(a) - rank(b) || a.id - b.id;
  const best: HeldAlert[] = [];
  for (const alert of alerts) {
    if (best.length === SUMMARY_TOP && before(alert, best.at(-1)!) >= 0) continue;
    const at = best.findIndex((b) => before(alert, b) < 0);
    best.splice(at === -1 ? best.length : at, 0, alert);
    if (best.length > SUMMARY_TOP) best.pop();
  }
  return best.map((a) => a.id);
}

function countByRule(alerts: readonly HeldAlert[]): { rule: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const { rule } of alerts) counts.set(rule, (counts.get(rule) ?? 0) + 1);
  return [...counts].map(([rule, count]) => ({ rule, count })).sort((a, b) => b.count - a.count);
}

async function alertsById(tx: Db, ids: readonly number[]): Promise<Map<number, AlertRow>> {
  const alerts = new Map<number, AlertRow>();
  for (const part of chunks(ids, CHUNK))
    for (const alert of await tx.alert.findMany({ where: { id: { in: part } }, select: ALERT_VIEW }))
      alerts.set(alert.id, alert);
  return alerts;
}

/**
 * Whom a change of these alerts is not to post to anew: nobody at all while the sweep that opened
 * an alert holds it (its end posts the alert as it then is), and afterwards whoever its sweep
 * told of it in a summary, unless the alert has since been given to them.
 */
export async function quietRecipients(
  tx: Db,
  alerts: readonly Pick<AlertRow, "sweepId">[],
): Promise<(alert: Pick<AlertRow, "sweepId" | "assigneeId">, recipient: Recipient) => boolean> {
  const ids = [...new Set(alerts.flatMap((a) => (a.sweepId === null ? [] : [a.sweepId])))];
  if (ids.length === 0) return () => false;
  const sweeps = await tx.alertSweep.findMany({
    where: { id: { in: ids } },
    select: { id: true, settledAt: true, stormTargets: true },
  });
  const told = new Map(
    sweeps.map((s) => [s.id, s.settledAt === null ? null : new Set<string>(JSON.parse(s.stormTargets))]),
  );
  return (alert, recipient) => {
    if (alert.sweepId === null || !told.has(alert.sweepId)) return false;
    const summarized = told.get(alert.sweepId)!;
    if (summarized === null) return true;
    const given = recipient.kind === "user" && recipient.userId === alert.assigneeId;
    return summarized.has(recipientKey(recipient)) && !given;
  };
}
