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
  return new ServicesOnDemand({ ...base, afterChange }) as Services & ServicesOnDemand;
}

/** How each service is made, from the command's context and the other services it asks. */
const MAKERS: { [K in keyof Services]: (context: ServiceContext, services: Services) => Services[K] } = {
  users: (context) => new UserService(context),
  customers: (context, { users }) => new CustomerService(context, users),
  contacts: (context) => new ContactService(context),
  visits: (context) => new VisitService(context),
  visitPlans: (context) => new VisitPlanService(context),
  followUps: (context, { users }) => new FollowUpService(context, users),
  settings: (context) => new SettingsService(context),
  complaints: (context, { users }) => new ComplaintService(context, users),
  trading: (context) => new TradingService(context),
  entries: (context) => new EntryService(context),
  imports: (context) => new ImportService(context),
  segments: (context) => new SegmentService(context),
  reports: (context) => new ReportService(context),
  alerts: (context, { users }) => new AlertService(context, users),
  deliveries: (context) => new DeliveryService(context),
  audit: (context) => new AuditService(context),
};

/**
 * One command's services, each made the first time the handler asks for it (a getter per service,
 * below): a command uses one or two of the sixteen, and making them all took some 20 µs of a rep's
 * 0.3 ms name search (in a CPU profile).
 */
class ServicesOnDemand {
  readonly made: Partial<Services> = {};
  constructor(readonly context: ServiceContext) {}
}
for (const key of Object.keys(MAKERS) as (keyof Services)[]) {
  Object.defineProperty(ServicesOnDemand.prototype, key, {
    get(this: ServicesOnDemand & Services) {
      return (this.made[key] ??= MAKERS[key](this.context, this) as never);
    },
  });
}
