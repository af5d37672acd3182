import { arg } from "../../src/core/args.js";
import type { Who } from "../../src/domain/users/service.js";

const TEAM_WORDS = new Set(["team", "团队", "全组", "全部", "all"]);
const ME_WORDS = new Set(["me", "我", "mine", "自己"]);

/** The `who` argument of listings: me, my team, or a colleague's name. */
export const whoArg = () => arg.user({ aliases: ["谁", "人员", "user", "by"] });

export function whoFrom(text: string | undefined, fallback: "me" | "team"): Who {
  if (text === undefined) return fallback;
  const word = text.trim().toLowerCase();
  if (TEAM_WORDS.has(word)) return "team";
  if (ME_WORDS.has(word)) return "me";
  return { name: text.trim() };
}
