import type { RunObserver } from "../core/observer.js";
import { UserError } from "../core/errors.js";
import type { Limits } from "../core/limits.js";
import type { MessageKey } from "../core/messages.js";
import type { Actor } from "../core/roles.js";
import type { Repositories } from "../db/repositories/index.js";
import type { WorkspaceDb } from "../db/scope.js";
import type { Logger } from "../logger.js";
import type { Changed } from "./alerts/sweep-plan.js";

/**
 * Called after a write that can change a rule's outcome, with the customers it touched ("all"
 * after bulk changes such as an import, or per rule where the write moves only some rules' inputs):
 * their alerts open, change or clear at once instead of at the next scheduled sweep.
 */
export type AfterChange = (changed: Changed) => Promise<void>;

/** What every domain service works with: one command's user, workspace, clock and database. */
export interface ServiceContext {
  db: WorkspaceDb;
  /** The reads every command repeats and the bulk statements; they take the workspace id themselves. */
  data: Repositories;
  actor: Actor;
  /** The clock, injectable so that tests control "today". */
  now: () => Date;
  /** The workspace's: it decides where "today" and "this month" begin. */
  timezone: string;
  logger: Logger;
  afterChange: AfterChange;
  /** How much one user may put in at once (CRM_MAX_IMPORT_ROWS, CRM_MAX_UPLOAD_MB, CRM_MAX_AMOUNT). */
  limits: Limits;
  /** Told how long sweeps and imports took (the metrics). */
  observer: RunObserver;
}

/** A domain service: the context's parts under their own names, so that no service lists them again. */
export abstract class DomainService {
  protected readonly db: WorkspaceDb;
  protected readonly data: Repositories;
  protected readonly actor: Actor;
  protected readonly now: () => Date;
  protected readonly timezone: string;
  protected readonly afterChange: AfterChange;
  protected readonly observer: RunObserver;

  constructor(context: ServiceContext) {
    this.db = context.db;
    this.data = context.data;
    this.actor = context.actor;
    this.now = context.now;
    this.timezone = context.timezone;
    this.afterChange = context.afterChange;
    this.observer = context.observer;
  }

  /** Settings, roles, imports and the workspace-wide views are for admins; `refusal` says which. */
  protected requireAdmin(refusal: MessageKey = "settings.adminOnly"): void {
    if (this.actor.role !== "admin") throw new UserError(refusal);
  }
}
