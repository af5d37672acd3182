import { secondsSince } from "../core/observer.js";
import type { AfterChange, ServiceContext } from "./context.js";
import { sweepAlerts } from "./alerts/engine.js";
import { AlertService } from "./alerts/service.js";
import { sweepsAfter } from "./alerts/sweep-plan.js";
import { ComplaintService } from "./complaints/service.js";
import { ContactService } from "./contacts/service.js";
import { AuditService } from "./audit.js";
import { CustomerService } from "./customers/service.js";
import { DeliveryService } from "./deliveries/service.js";
import { FollowUpService } from "./followups/service.js";
import { ImportService } from "./imports/service.js";
import { ReportService } from "./reports/service.js";
import { SegmentService } from "./segments/service.js";
import { SettingsService } from "./settings-service.js";
import { EntryService } from "./trading/entries.js";
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
  entries: EntryService;
  imports: ImportService;
  segments: SegmentService;
  reports: ReportService;
  alerts: AlertService;
  deliveries: DeliveryService;
  audit: AuditService;
}

export function createServices(base: Omit<ServiceContext, "afterChange">): Services {
  const { db, data, actor, now, logger, observer } = base;
  // The write has been committed when this runs: a failing sweep is logged, never the user's error.
  const afterChange: AfterChange = async (changed) => {
    try {
      for (const scope of await sweepsAfter(changed, () => db.customer.count())) {
        const started = performance.now();
        await sweepAlerts(db, actor.workspaceId, data, now(), scope);
        observer.swept(scope.customerIds ? "customers" : "full", secondsSince(started));
      }
    } catch (err) {
      logger.error({ err }, "sweep after a change failed");
    }
  };
  const context: ServiceContext = { ...base, afterChange };
  const users = new UserService(context);
  return {
    users,
    customers: new CustomerService(context, users),
    contacts: new ContactService(context),
    visits: new VisitService(context),
    visitPlans: new VisitPlanService(context),
    followUps: new FollowUpService(context, users),
    settings: new SettingsService(context),
    complaints: new ComplaintService(context, users),
    trading: new TradingService(context),
    entries: new EntryService(context),
    imports: new ImportService(context),
    segments: new SegmentService(context),
    reports: new ReportService(context),
    alerts: new AlertService(context, users),
    deliveries: new DeliveryService(context),
    audit: new AuditService(context),
  };
}
