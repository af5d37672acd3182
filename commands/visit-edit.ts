import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { formatId } from "../src/domain/ids.js";
import { VISIT_CHANNELS, VISIT_CHANNEL_WORDS } from "../src/domain/vocabulary.js";
import { line } from "../src/views/command-line.js";
import { describeChange } from "./shared/describe-change.js";

export default defineCommand({
  path: ["visit", "edit"],
  role: "rep",
  args: {
    id: arg.text({ required: true, positional: true, max: 20, aliases: ["编号"] }),
    date: arg.date({ notAfterToday: true, aliases: ["日期", "拜访日期"] }),
    channel: arg.choice("visitChannel", VISIT_CHANNELS, VISIT_CHANNEL_WORDS, { aliases: ["方式", "渠道"] }),
    purpose: arg.text({ max: 200, aliases: ["目的", "拜访目的"] }),
    notes: arg.text({ max: 2000, aliases: ["备注", "记录", "内容"] }),
    learned: arg.text({ max: 1000, aliases: ["了解", "了解到", "情况"] }),
    outcome: arg.text({ max: 500, aliases: ["结果", "成果"] }),
  },
  examples: ["BF-0012 outcome:答应月底付清", "BF-0012 date:11-20 channel:电话"],
  async handle({ args, services, t, fmt }) {
    const { visit, changes } = await services.visits.edit(args.id, {
      visitedOn: args.date,
      channel: args.channel,
      purpose: args.purpose,
      notes: args.notes,
      learned: args.learned,
      outcome: args.outcome,
    });
    return reply(
      {
        type: "list",
        title: t("visit.edited", { id: formatId("visit", visit.number), customer: visit.customer.name }),
        items: changes.map((c) => ({ title: describeChange(t, fmt, c) })),
      },
      {
        type: "buttons",
        buttons: [{ label: t("visit.buttons.visits"), command: line("visit list", { customer: visit.customer.code }) }],
      },
    );
  },
});
