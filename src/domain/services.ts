import type { Actor } from "../core/command.js";
import type { WorkspaceDb } from "../db/scope.js";
import { ContactService } from "./contacts/service.js";
import { CustomerService } from "./customers/service.js";
import { UserService } from "./users/service.js";

/** What a command handler may use. Handlers never touch Prisma or a platform client. */
export interface Services {
  customers: CustomerService;
  contacts: ContactService;
  users: UserService;
}

export function createServices(db: WorkspaceDb, actor: Actor, now: () => Date): Services {
  const users = new UserService(db, actor);
  return {
    users,
    customers: new CustomerService(db, actor, users, now),
    contacts: new ContactService(db, actor, now),
  };
}
