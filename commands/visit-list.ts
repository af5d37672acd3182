import { phrase } from "../src/core/messages.js";
import { addDays } from "date-fns/addDays";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { pageArg, pageBlocks, paging } from "../src/core/paging.js";
import { reply } from "../src/core/reply.js";
import { followUpId } from "../src/domain/followups/service.js";
import { whoArg, whoFrom } from "./shared/visits.js";
import { voidMarkText } from "./shared/entries.js";
import { formatId } from "../src/domain/ids.js";
import { voidMark } from "../src/domain/trading/entries.js";

export default defineCommand({
  path: ["visit", "list"],
  role: "rep",
  args: {
    customer: arg.customer({ positional: true, aliases: ["客户"] }),
    who: whoArg(),
    from: arg.date({ aliases: ["从", "开始"] }),
    to: arg.date({ aliases: ["到", "结束"] }),
    q: arg.text({ max: 100, aliases: ["查找", "关键词", "text"] }),
    page: pageArg(),
  },
  examples: [
    "",
    "北京华达",
    "who:team from:11-01",
    "who:王伟 from:2026-11-01 to:2026-11-30",
    "q:样品",
    "who:team q:张总",
  ],
  async handle({ args, services, t, fmt, lineWith }) {
    const customer = args.customer ? await services.customers.resolve(args.customer) : undefined;
    // A customer's visits are everyone's; otherwise the listing is one person's or a team's.
    const userIds = customer && args.who === undefined ? null : await services.users.scope(whoFrom(args.who, "me"));
    const at = paging(args.page);
    const { total, rows } = await services.visits.list(
      { customerId: customer?.id, userIds, from: args.from, until: args.to && addDays(args.to, 1), text: args.q },
      at,
    );
    const who = whoFrom(args.who, "me");
    const subject = customer
      ? customer.name
      : who === "me"
        ? t("visit.list.mine")
        : who === "team"
          ? t("visit.list.team")
          : who.name;
    const heading = args.q
      ? t("visit.list.matching", { subject, count: total, text: args.q })
      : t("visit.list.title", { subject, count: total });
    const title = fmt.withDates(heading, args.from, args.to);
    return reply(
      {
        type: "list",
        title,
        empty: t("visit.list.none"),
        items: rows.map((v) => ({
          title: [
            formatId("visit", v.number),
            fmt.formatDate(v.visitedAt),
            customer ? null : v.customer.name,
            phrase(t, "vocab.visitChannel", v.channel),
            v.user.name,
          ]
            .filter(Boolean)
            .join(" · "),
          detail: [
            v.purpose && fmt.labelled(t("visit.field.purpose"), v.purpose),
            v.contacts.length > 0 &&
              fmt.labelled(t("visit.field.contacts"), fmt.list(v.contacts.map((c) => c.contact.name))),
            v.notes,
            v.learned && fmt.labelled(t("visit.field.learned"), v.learned),
            v.outcome && fmt.labelled(t("visit.field.outcome"), v.outcome),
            ...v.followUps.map((f) =>
              fmt.labelled(
                `${followUpId(f.number)} ${phrase(t, "vocab.followUpKind", f.kind)}`,
                fmt.aside(f.text ?? t("followup.revisit"), `${fmt.formatDate(f.dueAt)}${f.doneAt ? " ✓" : ""}`),
              ),
            ),
            voidMark(v) && voidMarkText(t, fmt, voidMark(v)!),
          ]
            .filter(Boolean)
            .join(" · "),
        })),
      },
      ...pageBlocks(t, at, total, lineWith),
    );
  },
});
