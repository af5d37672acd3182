import { commands } from "../../commands/index.js";
import type { Config } from "../config.js";
import { Router } from "./router.js";
import { openDatabase, type Database } from "../db/client.js";
import { COMPLAINT_ESCALATION_CRON, escalateOverdueComplaints } from "../domain/complaints/escalation.js";
import { runDueWorkspaceJobs, WORKSPACE_JOBS_CRON } from "../jobs/workspace-jobs.js";
import { AdminClaim } from "./admin-claim.js";
import { Inbound } from "./inbound/handle.js";
import type { Logger } from "../logger.js";
import { Pacer } from "../outbound/pacer.js";
import { dispatchOutbox } from "./dispatcher.js";
import type { OutboundPort } from "../outbound/port.js";
import { startScheduler, type Job } from "../scheduler.js";
import { Metrics, outboxBacklog } from "./metrics.js";
import { operatorRoutes, type OperatorRoutes } from "./operator-endpoints.js";

/** How often the outbox is checked for messages to send or retry. */
const OUTBOX_CRON = "*/5 * * * * *";
/** Imports and a day's work move the data; the planner's statistics follow hourly. */
const OPTIMIZE_CRON = "17 * * * *";

export interface App {
  db: Database;
  router: Router;
  /** Where every platform's events go once acknowledged. */
  inbound: Inbound;
  config: Config;
  logger: Logger;
  /** The outbound port of each platform this process serves, by workspace platform. */
  ports: Partial<Record<string, OutboundPort>>;
  /** The one-time code that makes a workspace's first admin, printed in the log (see AdminClaim). */
  adminClaim: AdminClaim;
  /** Logs the claim code when a workspace of these platforms has no admin yet; says whether it did. */
  announceAdminClaim(platforms: readonly string[]): Promise<boolean>;
  /** Sends what the outbox holds now (also done every few seconds in the background). */
  deliver(): Promise<number>;
  /** Starts the background jobs; the function it returns stops them and waits for runs in flight. */
  startBackground(): () => Promise<void>;
  metrics: Metrics;
  /** `/healthz` and `/metrics`, for whichever HTTP server the process runs (see operatorRoutes). */
  operatorRoutes: OperatorRoutes;
}

/** Builds config → database (migrated) → router and jobs; platforms attach their ports. */
export async function createApp(config: Config, logger: Logger, options: { now?: () => Date } = {}): Promise<App> {
  const now = options.now ?? (() => new Date());
  const db = await openDatabase(config.databaseUrl);
  const ports: App["ports"] = {};
  const adminClaim = new AdminClaim();
  const metrics = new Metrics(() => outboxBacklog(db.prisma));
  const router = new Router({
    observer: metrics,
    adminClaim,
    limits: config.limits,
    prisma: db.prisma,
    commands,
    logger,
    now,
    channelAccess: async (platform, workspace, channel) =>
      (await ports[platform]?.checkChannel?.(channel, workspace)) ?? "unknown",
  });
  // One pace per destination for the whole process, across the outbox's runs.
  const pacer = new Pacer();
  const deliver = () => dispatchOutbox({ prisma: db.prisma, ports, now, logger, pacer, metrics });
  const jobs: Job[] = [
    {
      name: "complaint-escalation",
      pattern: COMPLAINT_ESCALATION_CRON,
      run: () => escalateOverdueComplaints(db.prisma, now()),
    },
    {
      name: "workspace-jobs",
      pattern: WORKSPACE_JOBS_CRON,
      run: () => runDueWorkspaceJobs(db.prisma, now(), logger, metrics),
    },
    { name: "outbox", pattern: OUTBOX_CRON, run: deliver },
    { name: "optimize", pattern: OPTIMIZE_CRON, run: () => db.optimize() },
  ];
  return {
    db,
    router,
    inbound: new Inbound({ router, prisma: db.prisma, config, logger, metrics }),
    config,
    logger,
    ports,
    adminClaim,
    async announceAdminClaim(platforms) {
      const withAdmin = await db.prisma.workspace.count({
        where: { platform: { in: [...platforms] }, users: { some: { role: "admin", active: true } } },
      });
      const all = await db.prisma.workspace.count({ where: { platform: { in: [...platforms] } } });
      if (all > 0 && withAdmin === all) return false;
      logger.warn(
        { claimCode: adminClaim.code },
        `No admin yet: the first admin sends /crm claim ${adminClaim.code} (works once per workspace)`,
      );
      return true;
    },
    deliver,
    metrics,
    operatorRoutes: operatorRoutes(metrics, () => db.prisma.$queryRawUnsafe("SELECT 1")),
    startBackground() {
      const scheduler = startScheduler(jobs, logger);
      return () => scheduler.stop();
    },
  };
}

export const CONSOLE_WORKSPACE = { platform: "console", externalId: "console", name: "Console" } as const;
