import { addDays } from "date-fns/addDays";
import { arg } from "../../src/core/args.js";
import { defineCommand, type CommandDefinition } from "../../src/application/command.js";
import type { Translate } from "../../src/core/messages.js";
import { pageArg, pageBlocks, paging } from "../../src/core/paging.js";
import { reply, type Block } from "../../src/core/reply.js";
import { formatId } from "../../src/domain/ids.js";
import type { EntryKind, LedgerEntry, LedgerEntryKind, VoidMark } from "../../src/domain/trading/entries.js";
import type { Formatter } from "../../src/i18n/format.js";
import { line } from "../../src/views/command-line.js";
import { goodsText } from "../../src/views/goods.js";

/** 〔作废〕孙经理 2026/11/21：录错金额 */
export function voidMarkText(t: Translate, fmt: Formatter, mark: VoidMark): string {
  return t("entry.mark", { by: mark.by ?? t("common.nobody"), date: fmt.formatDate(mark.at), reason: mark.reason });
}

/** What an entry was for: the goods of an order, the note of a payment, the category of an expense. */
export function entryWhat(t: Translate, fmt: Formatter, e: LedgerEntry): string {
  return [goodsText(fmt, e), e.category, e.note, e.settled && t("entry.list.settled")].filter(Boolean).join(" · ");
}

/** A list item of an entry: its id, day and amount; what it was for; its void, if voided. */
function entryItem(t: Translate, fmt: Formatter, e: LedgerEntry) {
  return {
    title: [formatId(e.kind, e.number), fmt.formatDate(e.at), fmt.formatMoney(e.amount)].join(" · "),
    detail: [entryWhat(t, fmt, e), e.voided && voidMarkText(t, fmt, e.voided)].filter(Boolean).join(" · "),
  };
}

/** `/order list <customer> [from:] [to:] [page:]`, and the same for payments and expenses. */
export function entryListCommand(kind: LedgerEntryKind): CommandDefinition {
  return defineCommand({
    path: [kind, "list"],
    role: "rep",
    args: {
      customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
      from: arg.date({ aliases: ["从", "开始"] }),
      to: arg.date({ aliases: ["到", "结束"] }),
      page: pageArg(),
    },
    examples: ["华达", "C0001 from:2026-11-01 to:2026-11-30"],
    async handle({ args, services, t, fmt, lineWith }) {
      const customer = await services.customers.resolve(args.customer);
      const at = paging(args.page);
      const { total, rows, sum } = await services.entries.list(
        kind,
        customer,
        { from: args.from, until: args.to && addDays(args.to, 1) },
        at,
      );
      const heading = t("entry.list.title", { customer: customer.name, kind: t(`entry.kind.${kind}`), count: total });
      const blocks: Block[] = [
        {
          type: "list",
          title: fmt.withDates(heading, args.from, args.to),
          empty: t("entry.list.none"),
          items: rows.map((e) => entryItem(t, fmt, e)),
        },
      ];
      if (total > 0) blocks.push({ type: "note", text: t("entry.list.sum", { amount: fmt.formatMoney(sum) }) });
      blocks.push(...pageBlocks(t, at, total, lineWith));
      if (total > 0) blocks.push({ type: "note", text: t("entry.list.voidHint", { command: `/${kind} void` }) });
      return reply(...blocks);
    },
  });
}

/** The reply to a void: what was voided and why, and what a void does. */
export function voidedReply(
  t: Translate,
  kind: EntryKind,
  number: number,
  customer: { name: string; code: string },
  what: string,
  reason: string,
) {
  return reply(
    {
      type: "text",
      text: t("entry.voided", { id: formatId(kind, number), customer: customer.name, what, reason }),
    },
    { type: "note", text: t("entry.voidedNote") },
    {
      type: "buttons",
      buttons: [
        {
          label: t(`entry.buttons.${kind}`),
          command: line(`${kind} list`, { customer: customer.code }),
        },
      ],
    },
  );
}

/** `/order void <id> <reason>`, and the same for payments and expenses. */
export function entryVoidCommand(kind: LedgerEntryKind): CommandDefinition {
  return defineCommand({
    path: [kind, "void"],
    role: "rep",
    args: {
      id: arg.text({ required: true, positional: true, max: 20, aliases: ["编号"] }),
      reason: arg.text({ required: true, rest: true, max: 200, aliases: ["原因", "理由"] }),
    },
    examples: [`${formatId(kind, 12)} 金额录错，应为 1200`],
    async handle({ args, services, t, fmt }) {
      const { entry, customer } = await services.entries.void(kind, args.id, args.reason);
      const what = [fmt.formatMoney(entry.amount), entryWhat(t, fmt, entry), fmt.formatDate(entry.at)]
        .filter(Boolean)
        .join(" · ");
      return voidedReply(t, kind, entry.number, customer, what, args.reason);
    },
  });
}
