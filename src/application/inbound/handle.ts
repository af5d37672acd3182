import type { Config } from "../../config.js";
import type { Locale } from "../../core/locale.js";
import type { AnyCommand } from "../command.js";
import { UserError } from "../../core/errors.js";
import type { Reply } from "../../core/reply.js";
import type { Caller, Router } from "../router.js";
import { insertedFirst } from "../../db/claim.js";
import type { PrismaClient } from "../../db/client.js";
import type { Logger } from "../../logger.js";
import type { InboundAction, InboundEvent, Platform, PlatformUser } from "./event.js";
import { secondsSince } from "../../core/observer.js";
import type { Metrics } from "../metrics.js";
import { releaseChannel } from "../delivery-problems.js";
import { PlatformIdentities } from "./identity.js";

/** Users whose language is remembered; past this many the memory starts again (a form then opens in the default). */
const MAX_LANGUAGES_KEPT = 50_000;

/** How long a suggestion list may take: Discord drops an autocomplete not answered within 3 s. */
const SUGGESTION_BUDGET_MS = 2_000;

/**
 * The one road in. Every receiver verifies and acknowledges an event, then hands it here; this
 * owns the rest: who the user is and their role, a retried delivery run once, the user's language,
 * running the command, and always answering, with an error id when something broke.
 */
export class Inbound {
  private readonly identities: PlatformIdentities;
  /** Each user's language as last answered, for forms that must open before any database read. */
  private readonly languages = new Map<string, Locale>();
  /** Commands being handled, so that stopping waits for them before the database closes. */
  private readonly inFlight = new Set<Promise<void>>();

  constructor(
    private readonly deps: {
      router: Router;
      prisma: PrismaClient;
      config: Pick<Config, "locale" | "timezone" | "currency">;
      logger: Logger;
      /** How long acknowledgements and answers took (the metrics). */
      metrics?: Pick<Metrics, "acknowledged" | "commandAnswered">;
    },
  ) {
    this.identities = new PlatformIdentities(deps.prisma, deps.config);
  }

  get router(): Router {
    return this.deps.router;
  }

  handle(event: InboundEvent): Promise<void> {
    const work = this.answer(event);
    this.inFlight.add(work);
    return work.finally(() => this.inFlight.delete(work));
  }

  /**
   * A receiver acknowledged an event that reached it at `receivedAt` (`performance.now()`): how
   * far below the platforms' 3 seconds acknowledgements stay is what operators watch first.
   */
  acknowledged(platform: Platform, receivedAt: number): void {
    this.deps.metrics?.acknowledged(platform, secondsSince(receivedAt));
  }

  /** Resolves once every command already received has been answered. */
  async drain(): Promise<void> {
    while (this.inFlight.size > 0) await Promise.allSettled([...this.inFlight]);
  }

  private async answer(event: InboundEvent): Promise<void> {
    const started = performance.now();
    let caller: Caller | undefined;
    let reply: Reply;
    try {
      caller = await this.identities.caller(event.platform, event.place, event.user);
      if (event.deliveryId && !(await this.firstDelivery(caller.workspaceId, `${event.platform}:${event.deliveryId}`)))
        return;
      if (event.action.kind === "stale") throw new UserError("platform.stale");
      // Fetched by the router once the user may run the command: never for a refused one.
      const attachments = event.attachments ?? [];
      const progress = event.answer.progress?.bind(event.answer) ?? (() => {});
      reply = await this.deps.router.run(
        { ...caller, attachments, progress, channel: event.channelId },
        event.action.line,
        event.visibility ? { visibility: event.visibility } : {},
      );
    } catch (error) {
      reply = await this.deps.router.explain(caller, error, this.languageOf(event.platform, event.user));
    }
    if (reply.locale) {
      if (this.languages.size >= MAX_LANGUAGES_KEPT) this.languages.clear();
      this.languages.set(userKey(event.platform, event.user), reply.locale);
    }
    try {
      await event.answer.reply(reply, { workspaceId: caller?.workspaceId });
    } catch (err) {
      this.deps.logger.error({ err, platform: event.platform }, "the answer could not be delivered by any means");
    }
    this.deps.metrics?.commandAnswered(
      event.platform,
      this.commandName(event.action),
      reply.tone === "ok" ? "ok" : reply.errorId ? "failed" : "refused",
      secondsSince(started),
    );
  }

  /** The command's path as its definition names it (never the user's words, which may hold anything), for the metrics. */
  private commandName(action: InboundAction): string {
    if (action.kind === "stale") return "stale";
    return this.deps.router.find(action.line)?.definition.path.join(" ") ?? "other";
  }

  /**
   * The platform says the bot was let into a channel (Slack's member_joined_channel): posts that
   * waited for it go out with the next delivery run.
   */
  async channelOpened(platform: Platform, workspaceExternalId: string, channelId: string): Promise<void> {
    try {
      const released = await releaseChannel(this.deps.prisma, { platform, externalId: workspaceExternalId }, channelId);
      if (released > 0) this.deps.logger.info({ platform, channelId, released }, "posts released: the bot was invited");
    } catch (err) {
      this.deps.logger.error({ err, platform, channelId }, "waiting posts could not be released");
    }
  }

  /**
   * Suggestions as the user types (Discord's autocomplete), within the time the platform waits;
   * none when the database is too busy to answer in time.
   */
  async suggest(
    event: Omit<InboundEvent, "action" | "answer">,
    definition: AnyCommand,
    argName: string,
    query: string,
  ) {
    const work = (async () => {
      const caller = await this.identities.caller(event.platform, event.place, event.user);
      return this.deps.router.complete(caller, definition, argName, query);
    })().catch((err: unknown) => {
      this.deps.logger.warn({ err, platform: event.platform }, "suggestions failed");
      return [];
    });
    let timer: NodeJS.Timeout | undefined;
    const late = new Promise<{ name: string; value: string }[]>(
      (resolve) => (timer = setTimeout(() => resolve([]), SUGGESTION_BUDGET_MS)),
    );
    try {
      return await Promise.race([work, late]);
    } finally {
      clearTimeout(timer);
    }
  }

  /** The language to open a form in without reading the database: the last answer's, else the platform's, else the default. */
  languageOf(platform: Platform, user: Pick<PlatformUser, "externalId" | "locale">): Locale {
    return this.languages.get(userKey(platform, user)) ?? user.locale ?? this.deps.config.locale;
  }

  /** A form's values checked before it closes (no database): the refusal to show on it, if any. */
  check(platform: Platform, user: Pick<PlatformUser, "externalId" | "locale">, line: string): Reply | undefined {
    return this.deps.router.check(line, {
      timezone: this.deps.config.timezone,
      locale: this.languageOf(platform, user),
    });
  }

  /** Platforms retry what they think went unanswered; each delivery is handled once, however often it comes. */
  private firstDelivery(workspaceId: number, key: string): Promise<boolean> {
    return insertedFirst(() => this.deps.prisma.processedEvent.create({ data: { workspaceId, key } }));
  }
}

const userKey = (platform: Platform, user: Pick<PlatformUser, "externalId">) => `${platform}:${user.externalId}`;
