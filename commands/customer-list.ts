import { line } from "../src/views/command-line.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { phrase } from "../src/core/messages.js";
import { pageArg, pageBlocks, paging } from "../src/core/paging.js";
import { reply } from "../src/core/reply.js";
import { CUSTOMER_SORTS } from "../src/domain/customers/listing.js";
import { CUSTOMER_STATUS_WORDS, CUSTOMER_STATUSES } from "../src/domain/vocabulary.js";
import { lastVisit, lateness } from "../src/i18n/phrases.js";
import { whoArg, whoFrom } from "./shared/visits.js";

const TIERS = ["A", "B", "C", "none"] as const;

/** My customers (a manager: the team's), narrowed and ordered as a rep plans the day. */
export default defineCommand({
  path: ["customer", "list"],
  role: "rep",
  args: {
    who: whoArg(),
    tier: arg.choice("tier", TIERS, { 未分级: "none", a: "A", b: "B", c: "C" }, { aliases: ["分级"] }),
    region: arg.text({ max: 50, aliases: ["区域", "地区"] }),
    status: arg.choice("customerStatus", CUSTOMER_STATUSES, CUSTOMER_STATUS_WORDS, { aliases: ["状态"] }),
    due: arg.bool({ aliases: ["待拜访", "该拜访"] }),
    owes: arg.bool({ aliases: ["欠款", "有欠款"] }),
    sort: arg.choice(
      "customerSort",
      CUSTOMER_SORTS,
      { 名称: "name", 到期: "due", 拜访到期: "due", 最近拜访: "recent", 外欠款: "owed", 欠款: "owed" },
      { aliases: ["排序"] },
    ),
    page: pageArg(),
  },
  examples: ["", "tier:A", "due:是", "owes:是 sort:owed", "who:王伟 region:华北"],
  async handle({ args, services, t, fmt, now, actor, lineWith }) {
    const who = whoFrom(args.who, actor.role === "rep" ? "me" : "team");
    const at = paging(args.page);
    const { total, rows } = await services.customers.list(
      {
        ownerIds: await services.users.scope(who),
        tier: args.tier,
        region: args.region,
        status: args.status,
        due: args.due,
        owes: args.owes,
      },
      args.sort ?? "name",
      at,
    );
    return reply(
      {
        type: "list",
        title: t("customer.list.title", { count: total, sort: phrase(t, "vocab.customerSort", args.sort ?? "name") }),
        empty: t("customer.list.empty"),
        items: rows.map((c) => ({
          title: [
            fmt.aside(c.name, c.code),
            c.tier ? phrase(t, "vocab.tier", c.tier) : t("customer.card.noTier"),
            phrase(t, "vocab.customerType", c.type),
            ...(c.status === "active" ? [] : [phrase(t, "vocab.customerStatus", c.status)]),
          ].join(" · "),
          detail: [
            lastVisit(t, fmt, c.lastVisitAt, now),
            c.visitDueAt && c.visitDueAt < now ? lateness(t, fmt, c.visitDueAt, now) : undefined,
            c.outstanding > 0n ? t("customer.list.owes", { amount: fmt.formatMoney(c.outstanding) }) : undefined,
            who === "me" ? undefined : (c.owner ?? t("common.nobody")),
          ]
            .filter(Boolean)
            .join(" · "),
        })),
      },
      ...(rows.length > 0
        ? [
            {
              type: "buttons" as const,
              buttons: rows
                .slice(0, 5)
                .map((c) => ({ label: c.name, command: line("customer show", { customer: c.code }, fmt.locale) })),
            },
          ]
        : []),
      ...pageBlocks(t, at, total, lineWith),
    );
  },
});
