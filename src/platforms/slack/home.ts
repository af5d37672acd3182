import type { WebClient } from "@slack/web-api";
import type { Answerer } from "../../application/inbound/event.js";
import { truncationNote } from "../locale.js";
import { renderSlack } from "./render.js";

/** What the App Home tab shows: the same reply as /today. */
export const HOME_COMMAND = "/today";

/** How long after opening the tab a user's commands still refresh it: a working day. */
const HOME_WATCHED_MS = 12 * 60 * 60_000;
/** A burst of commands (a form, then its buttons) publishes the tab once, after it settles. */
export const HOME_REFRESH_DELAY_MS = 800;
const MAX_HOMES_WATCHED = 20_000;

/** Publishes a reply as the user's App Home tab (views.publish). */
export function homeAnswerer(client: WebClient, slackUserId: string): Answerer {
  return {
    async reply(reply) {
      const { blocks } = renderSlack(reply, truncationNote(reply));
      await client.views.publish({ user_id: slackUserId, view: { type: "home", blocks } });
    },
  };
}

/**
 * The users who opened the bot's App Home tab, each with how to publish theirs again. After a
 * command of theirs (a visit logged, a follow-up done, an alert acknowledged) the tab is published
 * anew, so it is current when they switch back to it.
 */
export class HomeTabs {
  private readonly watched = new Map<string, { at: number; publish: () => void }>();
  private readonly timers = new Map<string, NodeJS.Timeout>();

  constructor(private readonly delayMs = HOME_REFRESH_DELAY_MS) {}

  /** The user opened the tab: it is published now, and after their commands from here on. */
  opened(teamId: string, userId: string, publish: () => void): void {
    if (this.watched.size >= MAX_HOMES_WATCHED) this.watched.clear();
    this.watched.set(key(teamId, userId), { at: Date.now(), publish });
    publish();
  }

  /** The user ran a command: their tab, if they have one open, is published again shortly. */
  acted(teamId: string, userId: string): void {
    const k = key(teamId, userId);
    const home = this.watched.get(k);
    if (!home) return;
    if (Date.now() - home.at > HOME_WATCHED_MS) return void this.watched.delete(k);
    clearTimeout(this.timers.get(k));
    const timer = setTimeout(() => {
      this.timers.delete(k);
      home.publish();
    }, this.delayMs);
    timer.unref();
    this.timers.set(k, timer);
  }

  stop(): void {
    for (const timer of this.timers.values()) clearTimeout(timer);
    this.timers.clear();
  }
}

const key = (teamId: string, userId: string) => `${teamId}:${userId}`;
