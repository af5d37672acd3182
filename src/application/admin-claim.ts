import { randomInt, timingSafeEqual } from "node:crypto";

/** Letters and digits no one misreads (no 0/O, 1/I/L). */
const ALPHABET = "ABCDEFGHJKMNPQRSTUVWXYZ23456789";

/**
 * The one-time code that makes someone the first admin of a workspace the platform cannot vouch
 * for (a single-token Slack workspace, the console): printed in the bot's log at start, so only
 * whoever runs the bot can hand it out. It works once per workspace, and only while the workspace
 * has no admin; never "whoever comes first".
 */
export class AdminClaim {
  private readonly claimed = new Set<number>();

  constructor(readonly code: string = generate()) {}

  /** Whether `typed` is the code (spaces, dashes and case aside), and so uses it up for the workspace. */
  redeem(typed: string, workspaceId: number): boolean {
    if (this.claimed.has(workspaceId)) return false;
    const given = Buffer.from(normalize(typed));
    const expected = Buffer.from(normalize(this.code));
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return false;
    this.claimed.add(workspaceId);
    return true;
  }
}

const normalize = (code: string) => code.toUpperCase().replace(/[\s\-－]/g, "");

function generate(): string {
  const part = () => Array.from({ length: 4 }, () => ALPHABET[randomInt(ALPHABET.length)]).join("");
  return `${part()}-${part()}`;
}
