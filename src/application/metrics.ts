import { collectDefaultMetrics, Counter, Gauge, Histogram, Registry } from "prom-client";
import type { RunObserver } from "../core/observer.js";
import type { PrismaClient } from "../db/client.js";

/** From a few milliseconds (a lookup) to the platforms' 3 s and beyond (an export, a chart). */
const COMMAND_BUCKETS = [0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30];
/** Acknowledgements must come within 3 s; what matters is how far below that they stay. */
const ACK_BUCKETS = [0.001, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2, 3, 5];
/** Sweeps, imports and jobs: a tenth of a second for a few customers to minutes for a million rows. */
const RUN_BUCKETS = [0.1, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300, 600];

export type CommandOutcome = "ok" | "refused" | "failed";
export type DeliveryOutcome = "sent" | "rate_limited" | "waiting_for_access" | "retried" | "failed";

/**
 * The process's Prometheus metrics (`/metrics`). Labels are bounded and carry no workspace data:
 * platform names, command paths from the command definitions (never what a user typed), outcome
 * words, outbox statuses. Each App has its own registry, so that tests can run several.
 */
export class Metrics implements RunObserver {
  readonly registry = new Registry();
  private readonly commands: Histogram<"platform" | "command" | "outcome">;
  private readonly acks: Histogram<"platform">;
  private readonly deliveries: Counter<"platform" | "outcome">;
  private readonly sweeps: Histogram<"scope">;
  private readonly imports: Histogram<"kind">;
  private readonly jobs: Histogram<"job" | "outcome">;

  /** `outboxBacklog` is read at each scrape (see outboxBacklog). */
  constructor(outboxBacklog: () => Promise<{ status: string; count: number }[]>) {
    const registers = [this.registry];
    // Process memory, CPU, garbage collection and the event loop's lag (nodejs_eventloop_lag_*).
    collectDefaultMetrics({ register: this.registry });
    this.commands = new Histogram({
      name: "crm_command_duration_seconds",
      help: "From a command's arrival (after its acknowledgement) to its answer being shown, by platform, command and outcome.",
      labelNames: ["platform", "command", "outcome"],
      buckets: COMMAND_BUCKETS,
      registers,
    });
    this.acks = new Histogram({
      name: "crm_ack_duration_seconds",
      help: "From an event reaching the bot to the platform's acknowledgement being sent (Slack's and Discord's 3-second rule).",
      labelNames: ["platform"],
      buckets: ACK_BUCKETS,
      registers,
    });
    this.deliveries = new Counter({
      name: "crm_deliveries_total",
      help: "Outbox posts tried, by platform and outcome: sent, rate_limited (a 429, waited out), waiting_for_access, retried, failed.",
      labelNames: ["platform", "outcome"],
      registers,
    });
    this.sweeps = new Histogram({
      name: "crm_sweep_duration_seconds",
      help: "Early-warning sweeps: of a whole workspace (full) or of the customers a change touched.",
      labelNames: ["scope"],
      buckets: RUN_BUCKETS,
      registers,
    });
    this.imports = new Histogram({
      name: "crm_import_duration_seconds",
      help: "CSV imports, from the file's arrival to the answer, by kind.",
      labelNames: ["kind"],
      buckets: RUN_BUCKETS,
      registers,
    });
    this.jobs = new Histogram({
      name: "crm_job_duration_seconds",
      help: "Scheduled workspace jobs (sweep, segments, morning, weekly, monthly), by outcome.",
      labelNames: ["job", "outcome"],
      buckets: RUN_BUCKETS,
      registers,
    });
    const backlog = new Gauge({
      name: "crm_outbox_messages",
      help: "Posts in the outbox by status, read at each scrape: pending and sending are the backlog.",
      labelNames: ["status"],
      registers,
      // Read when scraped; a database that does not answer leaves the figures out rather than failing the scrape.
      async collect() {
        try {
          const counts = await outboxBacklog();
          backlog.reset();
          for (const { status, count } of counts) backlog.set({ status }, count);
        } catch {
          backlog.reset();
        }
      },
    });
  }

  commandAnswered(platform: string, command: string, outcome: CommandOutcome, seconds: number): void {
    this.commands.observe({ platform, command, outcome }, seconds);
  }

  acknowledged(platform: string, seconds: number): void {
    this.acks.observe({ platform }, seconds);
  }

  delivered(platform: string, outcome: DeliveryOutcome): void {
    this.deliveries.inc({ platform, outcome });
  }

  swept(scope: "full" | "customers", seconds: number): void {
    this.sweeps.observe({ scope }, seconds);
  }

  imported(kind: string, seconds: number): void {
    this.imports.observe({ kind }, seconds);
  }

  jobRan(job: string, seconds: number, ok: boolean): void {
    this.jobs.observe({ job, outcome: ok ? "ok" : "failed" }, seconds);
  }

  /** The scrape: Prometheus's text format. */
  async scrape(): Promise<{ contentType: string; body: string }> {
    return { contentType: this.registry.contentType, body: await this.registry.metrics() };
  }
}

/** The outbox's posts by status, across workspaces: counts only. */
export async function outboxBacklog(prisma: PrismaClient): Promise<{ status: string; count: number }[]> {
  const counts = await prisma.outboxMessage.groupBy({ by: ["status"], _count: { _all: true } });
  return counts.map(({ status, _count }) => ({ status, count: _count._all }));
}
