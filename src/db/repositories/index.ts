import { BulkWrites, type SqliteWorkerWork } from "../bulk.js";
import type { DirectReads } from "../direct-reads.js";
import type { Provider } from "../provider.js";
import { AlertReads } from "./alerts.js";
import { CustomerReads } from "./customers.js";
import { FollowUpReads } from "./follow-ups.js";
import { HeldAlertReads } from "./held-alerts.js";
import { ImportReads } from "./imports.js";
import { SalesReads } from "./sales.js";
import { SegmentReads } from "./segments.js";
import { SettingReads } from "./settings.js";
import { SweepReads } from "./sweep.js";
import { UserReads } from "./users.js";

/**
 * What the domain reads and writes besides the Prisma client: the hand-written reads of the
 * commands run most, each taking the workspace id and returning named types, and the bulk
 * statements of imports and sweeps. The SQL and the differences between the databases stay here.
 */
export interface Repositories {
  customers: CustomerReads;
  alerts: AlertReads;
  followUps: FollowUpReads;
  users: UserReads;
  settings: SettingReads;
  sales: SalesReads;
  sweep: SweepReads;
  heldAlerts: HeldAlertReads;
  imports: ImportReads;
  segments: SegmentReads;
  bulk: BulkWrites;
}

export function createRepositories(
  reads: DirectReads,
  provider: Provider,
  sqliteWorker?: SqliteWorkerWork,
): Repositories {
  return {
    customers: new CustomerReads(reads, provider),
    alerts: new AlertReads(reads, provider),
    followUps: new FollowUpReads(reads),
    users: new UserReads(reads),
    settings: new SettingReads(reads),
    sales: new SalesReads(reads),
    sweep: new SweepReads(reads, provider),
    heldAlerts: new HeldAlertReads(reads),
    imports: new ImportReads(reads),
    segments: new SegmentReads(reads),
    bulk: new BulkWrites(provider, sqliteWorker),
  };
}
