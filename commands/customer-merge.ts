import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import type { MergeCounts } from "../src/domain/customers/merge.js";
import { line } from "../src/views/command-line.js";
import { describeChange } from "./shared/describe-change.js";

export default defineCommand({
  path: ["customer", "merge"],
  role: "manager",
  args: {
    // Resolved by the service, which finds a duplicate even where the manager cannot see it (撞单).
    duplicate: arg.text({ required: true, positional: true, max: 100, aliases: ["重复", "重复客户"] }),
    into: arg.customer({ required: true, aliases: ["并入", "保留"] }),
  },
  examples: ["C0302 into:C0301", "C0302 并入:成都好又多超市"],
  async handle({ args, services, t, fmt }) {
    const keeper = await services.customers.resolve(args.into, "into");
    const { duplicate, moved, filled } = await services.customers.merge(args.duplicate, keeper);
    const counts = (Object.entries(moved) as [keyof MergeCounts, number][])
      .filter(([, count]) => count > 0)
      .map(([what, count]) => t(`customer.mergedCount.${what}`, { count }));
    const answer = reply(
      {
        type: "text",
        text: t("customer.merged", {
          duplicate: duplicate.name,
          duplicateCode: duplicate.code,
          keeper: keeper.name,
          code: keeper.code,
        }),
      },
      {
        type: "note",
        text: counts.length > 0 ? t("customer.mergedMoved", { moved: fmt.list(counts) }) : t("customer.mergedNothing"),
      },
    );
    if (filled.length > 0)
      answer.blocks.push({
        type: "list",
        title: t("customer.mergedFilled", { keeper: keeper.name }),
        items: filled.map((c) => ({ title: describeChange(t, fmt, c) })),
      });
    answer.blocks.push({
      type: "buttons",
      buttons: [
        { label: t("customer.buttons.show"), command: line("customer show", { customer: keeper.code }) },
        { label: t("customer.buttons.history"), command: line("customer history", { customer: keeper.code }) },
      ],
    });
    return answer;
  },
});
