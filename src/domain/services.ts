import type { Actor } from "../core/command.js";
import type { Provider } from "../db/provider.js";
import type { WorkspaceDb } from "../db/scope.js";
import { ComplaintService } from "./complaints/service.js";
import { ContactService } from "./contacts/service.js";
import { CustomerService } from "./customers/service.js";
import { FollowUpService } from "./followups/service.js";
import { SettingsService } from "./settings-service.js";
import { ImportService } from "./imports/service.js";
import { ReportService } from "./reports/service.js";
import { SegmentService } from "./segments/service.js";
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
}

/**
 * `timezone` is the workspace's: it decides where "today" and "this month" begin. `provider` is
 * for the few statements written per database (bulk updates).
 */
export function createServices(db: WorkspaceDb, actor: Actor, now: () => Date, timezone: string, provider: Provider): Services {
  const users = new UserService(db, actor);
  const customers = new CustomerService(db, actor, users, now);
  return {
    users,
    customers,
    contacts: new ContactService(db, actor, now),
    visits: new VisitService(db, actor, now, timezone),
    visitPlans: new VisitPlanService(db, actor, now, timezone),
    followUps: new FollowUpService(db, actor, now, timezone),
    settings: new SettingsService(db, actor),
    complaints: new ComplaintService(db, actor, now, timezone),
    trading: new TradingService(db, actor, now, timezone),
    imports: new ImportService(db, actor, now, timezone, provider),
    segments: new SegmentService(db, actor, now, provider),
    reports: new ReportService(db, actor, now, timezone),
  };
}
