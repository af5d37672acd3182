import { commands } from "../../commands/index.js";
import type { Role } from "../../src/core/roles.js";
import { openDatabase, type Database } from "../../src/db/client.js";
import type { Reply } from "../../src/core/reply.js";
import { AdminClaim } from "../../src/application/admin-claim.js";
import { Router } from "../../src/application/router.js";
import { dispatchOutbox } from "../../src/application/dispatcher.js";
import type { Delivery, OutboundPort } from "../../src/outbound/port.js";
import { ensureUser, ensureWorkspace } from "../../src/domain/workspaces.js";
import { Inbound } from "../../src/application/inbound/handle.js";
import type { Metrics } from "../../src/application/metrics.js";
import type { RunObserver } from "../../src/core/observer.js";
import { createLogger } from "../../src/logger.js";
import { renderText } from "../../src/platforms/console/render.js";
import { createTestDatabase, type TestDatabase } from "./databases.js";

/** The admin claim code the tests' bot "printed" at start (see AdminClaim). */
export const CLAIM_CODE = "TEST-2345";

/** 2026-11-25 10:00 in Shanghai: a Wednesday. */
export const NOW = new Date("2026-11-25T02:00:00Z");

export interface TestUser {
  id: number;
  workspaceId: number;
  name: string;
}

/**
 * A real database (SQLite file or PostgreSQL schema), migrated by the bot's own code, and the real
 * router with every command, with a fixed clock. Users talk to it exactly as the console does.
 */
export class Harness {
  /** The bot's clock: starts at NOW; tests move it instead of sleeping. */
  now = NOW;

  private constructor(
    readonly testDb: TestDatabase,
    readonly db: Database,
    readonly router: Router,
  ) {}

  /** `observer` is told how long sweeps and imports take (the metrics). */
  static async open(provider: TestDatabase["provider"], options: { observer?: RunObserver } = {}): Promise<Harness> {
    const testDb = await createTestDatabase(provider);
    const db = await openDatabase(testDb.url);
    const clock = { read: () => NOW };
    const router = new Router({
      prisma: db.prisma,
      commands,
      logger: createLogger("silent"),
      now: () => clock.read(),
      adminClaim: new AdminClaim(CLAIM_CODE),
      ...options,
    });
    const h = new Harness(testDb, db, router);
    clock.read = () => h.now;
    return h;
  }

  /** Moves the clock by whole days (negative: back), and returns the new time. */
  travel(days: number): Date {
    this.now = new Date(this.now.getTime() + days * 86_400_000);
    return this.now;
  }

  get prisma() {
    return this.db.prisma;
  }

  /** The application's one road in, as platforms reach it, on this harness's router and clock. */
  inbound(options: { metrics?: Metrics } = {}): Inbound {
    return new Inbound({
      router: this.router,
      prisma: this.prisma,
      config: { locale: "zh-CN", timezone: "Asia/Shanghai", currency: "CNY" },
      logger: createLogger("silent"),
      ...options,
    });
  }

  async workspace(externalId = "console", platform: "console" | "slack" | "discord" = "console") {
    return ensureWorkspace(
      this.prisma,
      { platform, externalId, name: externalId },
      { locale: "zh-CN", timezone: "Asia/Shanghai", currency: "CNY" },
    );
  }

  async user(
    workspaceId: number,
    name: string,
    role: Role,
    options: { manager?: TestUser; locale?: "zh-CN" | "en" } = {},
  ): Promise<TestUser> {
    const user = await ensureUser(
      this.prisma,
      workspaceId,
      { externalId: `console:${name}`, name, locale: options.locale },
      { role },
    );
    if (options.manager)
      await this.prisma.user.update({ where: { id: user.id }, data: { managerId: options.manager.id } });
    return { id: user.id, workspaceId, name };
  }

  async reply(user: TestUser, text: string): Promise<Reply> {
    return this.router.run({ workspaceId: user.workspaceId, userId: user.id }, text);
  }

  /** The reply as the console prints it. */
  async say(user: TestUser, text: string): Promise<string> {
    return renderText(await this.reply(user, text)).text;
  }

  /** Row counts of every table, to show that a refused command wrote nothing. */
  async counts(): Promise<Record<string, number>> {
    const p = this.prisma;
    const [
      customers,
      terms,
      contacts,
      changes,
      audit,
      users,
      counters,
      visits,
      visitContacts,
      followUps,
      visitPlans,
      settings,
      complaints,
      complaintSteps,
      outbox,
    ] = await Promise.all([
      p.customer.count(),
      p.customerSearchTerm.count(),
      p.contact.count(),
      p.customerChange.count(),
      p.auditLog.count(),
      p.user.count(),
      p.counter.count(),
      p.visit.count(),
      p.visitContact.count(),
      p.followUp.count(),
      p.visitPlan.count(),
      p.workspaceSetting.count(),
      p.complaint.count(),
      p.complaintStep.count(),
      p.outboxMessage.count(),
    ]);
    return {
      customers,
      terms,
      contacts,
      changes,
      audit,
      users,
      counters,
      visits,
      visitContacts,
      followUps,
      visitPlans,
      settings,
      complaints,
      complaintSteps,
      outbox,
    };
  }

  /** Sends the outbox through `port` as the console's platform, at the harness's time. */
  async deliver(port: OutboundPort): Promise<number> {
    return dispatchOutbox({
      prisma: this.prisma,
      ports: { console: port },
      now: () => this.now,
      logger: createLogger("silent"),
    });
  }

  async close(): Promise<void> {
    await this.db.close();
    await this.testDb.cleanup();
  }
}

/** An outbound port that keeps what it is given, rendered as the console prints it. */
export class RecordingPort implements OutboundPort {
  readonly sent: (Delivery & { text: string })[] = [];

  async send(delivery: Delivery) {
    this.sent.push({ ...delivery, text: renderText(delivery.reply).text });
    return { ref: delivery.ref ?? `msg-${this.sent.length}` };
  }

  /** Who got what: "@李经理 投诉 TS-0001 …" per message. */
  lines(): string[] {
    return this.sent.map(
      (d) => `${d.to.kind === "user" ? `@${d.to.name}` : `#${d.to.channelId}`} ${d.text.split("\n")[0]}`,
    );
  }
}
