/** How fast a platform takes posts to one destination: `burst` at once, then one per `intervalMs`. */
export interface Pacing {
  intervalMs: number;
  burst: number;
}

/**
 * Paces posts per destination (a channel, a user's DM) with a token bucket, and holds a
 * destination back after the platform answered 429 until its Retry-After has passed. It lives as
 * long as the process, across dispatcher runs; each destination is paced on its own, so one slow
 * channel never holds back the others.
 */
export class Pacer {
  private readonly buckets = new Map<string, { tokens: number; at: number; pacing: Pacing }>();
  private readonly pausedUntil = new Map<string, number>();

  constructor(private readonly clock: () => number = () => Date.now()) {}

  /** Takes a turn for `key`: 0 when it may post now (the turn is used), else how many ms until it may. */
  take(key: string, pacing: Pacing | undefined): number {
    const now = this.clock();
    const paused = (this.pausedUntil.get(key) ?? 0) - now;
    if (paused > 0) return paused;
    this.pausedUntil.delete(key);
    if (!pacing) return 0;
    const bucket = this.buckets.get(key) ?? { tokens: pacing.burst, at: now, pacing };
    const tokens = Math.min(pacing.burst, bucket.tokens + (now - bucket.at) / pacing.intervalMs);
    if (tokens < 1) {
      this.buckets.set(key, { tokens, at: now, pacing });
      return Math.ceil((1 - tokens) * pacing.intervalMs);
    }
    this.buckets.set(key, { tokens: tokens - 1, at: now, pacing });
    if (this.buckets.size > MAX_DESTINATIONS) this.forgetFull(now);
    return 0;
  }

  /** The platform said to wait (429 Retry-After): nothing goes to `key` before then. */
  pause(key: string, ms: number): void {
    this.pausedUntil.set(key, this.clock() + ms);
  }

  /** Buckets that have refilled, each at its own platform's pace, hold nothing worth keeping. */
  private forgetFull(now: number): void {
    for (const [key, { tokens, at, pacing }] of this.buckets) {
      if (tokens + (now - at) / pacing.intervalMs >= pacing.burst) this.buckets.delete(key);
    }
  }
}

/** Beyond this many destinations, refilled buckets are dropped. */
const MAX_DESTINATIONS = 10_000;
