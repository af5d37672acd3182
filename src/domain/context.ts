import type { Actor } from "../core/roles.js";
import type { DirectReads } from "../db/direct-reads.js";
import type { Provider } from "../db/provider.js";
import type { WorkspaceDb } from "../db/scope.js";
import type { Logger } from "../logger.js";

/**
 * Called after a write that can change a rule's outcome, with the customers it touched ("all"
 * after bulk changes such as an import): their alerts open, change or clear at once instead of at
 * the next scheduled sweep.
 */
export type AfterChange = (customerIds: number[] | "all") => Promise<void>;

/** What every domain service works with: one command's user, workspace, clock and database. */
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
  afterChange: AfterChange;
}

/** A domain service: the context's parts under their own names, so that no service lists them again. */
export abstract class DomainService {
  protected readonly db: WorkspaceDb;
  protected readonly reads: DirectReads;
  protected readonly actor: Actor;
  protected readonly now: () => Date;
  protected readonly timezone: string;
  protected readonly provider: Provider;
  protected readonly afterChange: AfterChange;

  constructor(context: ServiceContext) {
    this.db = context.db;
    this.reads = context.reads;
    this.actor = context.actor;
    this.now = context.now;
    this.timezone = context.timezone;
    this.provider = context.provider;
    this.afterChange = context.afterChange;
  }
}
