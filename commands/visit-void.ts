import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { phrase } from "../src/core/messages.js";
import { followUpId } from "../src/domain/followups/service.js";
import { voidedReply } from "./shared/entries.js";

export default defineCommand({
  path: ["visit", "void"],
  role: "rep",
  args: {
    id: arg.text({ required: true, positional: true, max: 20, aliases: ["编号"] }),
    reason: arg.text({ required: true, rest: true, max: 200, aliases: ["原因", "理由"] }),
  },
  examples: ["BF-0012 客户记错了，应是好又多"],
  async handle({ args, services, t, fmt }) {
    const { visit, closed, reopened } = await services.visits.void(args.id, args.reason);
    const what = [
      fmt.formatDate(visit.visitedAt),
      phrase(t, "vocab.visitChannel", visit.channel),
      visit.user.name,
    ].join(" · ");
    const answer = voidedReply(t, "visit", visit.number, visit.customer, what, args.reason);
    const notes = [
      closed.length > 0 && t("visit.followUpsVoided", { ids: fmt.list(closed.map(followUpId)) }),
      reopened.length > 0 && t("visit.followUpsReopened", { ids: fmt.list(reopened.map(followUpId)) }),
    ].filter((text): text is string => Boolean(text));
    answer.blocks.splice(1, 0, ...notes.map((text) => ({ type: "note" as const, text })));
    return answer;
  },
});
