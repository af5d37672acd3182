import type { Actor } from "../core/command.js";
import type { WorkspaceDb } from "../db/scope.js";
import { ComplaintService } from "./complaints/service.js";
import { ContactService } from "./contacts/service.js";
import { CustomerService } from "./customers/service.js";
import { FollowUpService } from "./followups/service.js";
import { SettingsService } from "./settings-service.js";
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
}

/** `timezone` is the workspace's: it decides where "today" and "this month" begin. */
export function createServices(db: WorkspaceDb, actor: Actor, now: () => Date, timezone: string): Services {
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
  };
}
