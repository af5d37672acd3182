import type { Actor } from "../core/command.js";
import type { DirectReads } from "../db/direct-reads.js";
import type { Provider } from "../db/provider.js";
import type { WorkspaceDb } from "../db/scope.js";
import type { Logger } from "../logger.js";
import { sweepAlerts } from "./alerts/engine.js";
import { AlertService } from "./alerts/service.js";
import { ComplaintService } from "./complaints/service.js";
import { ContactService } from "./contacts/service.js";
import { CustomerService } from "./customers/service.js";
import { FollowUpService } from "./followups/service.js";
import { ImportService } from "./imports/service.js";
import { ReportService } from "./reports/service.js";
import { SegmentService } from "./segments/service.js";
import { SettingsService } from "./settings-service.js";
import { TradingService } from "./trading/service.js";
import { UserService } from "./users/service.js";
import { VisitPlanService } from "./visits/plans.js";
import { VisitService } from "./visits/service.js";

/** What a command handler may use. Handlers never touch Prisma or a platform client. */
export interface Services {
  customers: CustomerService;
  contacts: ContactService;
  users: UserService;
  visits: VisitService;
  visitPlans: VisitPlanService;
  followUps: FollowUpService;
  settings: SettingsService;
  complaints: ComplaintService;
  trading: TradingService;
  imports: ImportService;
  segments: SegmentService;
  reports: ReportService;
  alerts: AlertService;
}

/**
 * Called after a write that can change a rule's outcome, with the customers it touched ("all"
 * after bulk changes such as an import): their alerts open, change or clear at once instead of at
 * the next scheduled sweep.
 */
export type AfterChange = (customerIds: number[] | "all") => Promise<void>;

/** Above this many customers, one full sweep is cheaper than narrowing every query to them. */
const INCREMENTAL_LIMIT = 1_000;

export interface ServiceContext {
  db: WorkspaceDb;
  /** For the reads every command repeats; they filter by workspace themselves. */
  reads: DirectReads;
  actor: Actor;
  /** The clock, injectable so that tests control "today". */
  now: () => Date;
  /** The workspace's: it decides where "today" and "this month" begin. */
  timezone: string;
  /** For the few statements written per database (bulk inserts and updates). */
  provider: Provider;
  logger: Logger;
}

export function createServices({ db, reads, actor, now, timezone, provider, logger }: ServiceContext): Services {
  // The write has been committed when this runs: a failing sweep is logged, never the user's error.
  const afterChange: AfterChange = async (customerIds) => {
    try {
      const narrow = customerIds !== "all" && customerIds.length <= INCREMENTAL_LIMIT;
      await sweepAlerts(db, actor.workspaceId, provider, now(), narrow ? { customerIds } : {});
    } catch (err) {
      logger.error(
        { err, customerIds: customerIds === "all" ? "all" : customerIds.length },
        "sweep after a change failed",
      );
    }
  };
  const users = new UserService(db, reads, actor);
  const customers = new CustomerService(db, reads, actor, users, now, afterChange);
  return {
    users,
    customers,
    contacts: new ContactService(db, actor, now, afterChange),
    visits: new VisitService(db, actor, now, timezone, afterChange),
    visitPlans: new VisitPlanService(db, actor, now, timezone),
    followUps: new FollowUpService(db, reads, actor, users, now, timezone),
    settings: new SettingsService(db, actor),
    complaints: new ComplaintService(db, actor, users, now, timezone, provider, afterChange),
    trading: new TradingService(db, actor, now, timezone, afterChange),
    imports: new ImportService(db, actor, now, timezone, provider, afterChange),
    segments: new SegmentService(db, actor, now, provider, afterChange),
    reports: new ReportService(db, actor, now, timezone),
    alerts: new AlertService(db, reads, actor, users, now, timezone, provider),
  };
}
