import { addDays } from "date-fns/addDays";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { UserError } from "../src/core/errors.js";
import { dayOf, monthOf, monthRange, startOfDayIn } from "../src/core/dates.js";
import { reply } from "../src/core/reply.js";
import { renderTable } from "../src/charts/table.js";
import { encodeCsv } from "../src/domain/imports/decode.js";
import { formatId } from "../src/domain/ids.js";
import { STATEMENT_MAX_LINES, statementOf } from "../src/domain/trading/statement.js";
import { statementCsv, statementPeriod, statementSheet } from "../src/views/statement.js";
import { entryWhat, voidMarkText } from "./shared/entries.js";

/** Lines in the chat reply; the files carry the whole statement. */
const REPLY_LINES = 20;

export default defineCommand({
  path: ["statement"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    from: arg.date({ positional: true, aliases: ["从", "开始"] }),
    to: arg.date({ positional: true, aliases: ["到", "结束"] }),
  },
  examples: ["华达", "C0001 2026-10-01 2026-11-30"],
  async handle({ args, services, t, fmt, now }) {
    const customer = await services.customers.resolve(args.customer);
    // This month so far unless told: the period a customer reconciles most often.
    const from = args.from ?? monthRange(monthOf(now, fmt.timezone), fmt.timezone).start;
    const until = addDays(args.to ?? startOfDayIn(now, fmt.timezone), 1);
    if (until <= from)
      throw new UserError("statement.backwards", {
        from: fmt.formatDate(from),
        to: fmt.formatDate(addDays(until, -1)),
      });
    const { opening, entries } = await services.entries.ofPeriod(customer, { from, until }, STATEMENT_MAX_LINES);
    const statement = statementOf({ from, until }, opening, entries);
    const party = { name: customer.name, code: customer.code };
    const period = statementPeriod(fmt, statement);
    const shown = statement.lines.slice(-REPLY_LINES);
    const answer = reply(
      { type: "heading", text: t("statement.title", { customer: customer.name, code: customer.code }) },
      {
        type: "fields",
        fields: [
          { label: t("statement.csv.period"), value: period },
          { label: t("statement.opening"), value: fmt.formatMoney(statement.opening) },
          { label: t("statement.ordered"), value: fmt.formatMoney(statement.ordered) },
          { label: t("statement.paid"), value: fmt.formatMoney(statement.paid) },
          { label: t("statement.closing"), value: fmt.formatMoney(statement.closing) },
        ],
      },
      {
        type: "list",
        empty: t("statement.none"),
        items: shown.map(({ entry, balance }) => ({
          title: [
            fmt.formatDate(entry.at),
            formatId(entry.kind, entry.number),
            `${t(`entry.kind.${entry.kind}`)} ${fmt.formatMoney(entry.amount)}`,
            t("statement.balanceAfter", { amount: fmt.formatMoney(balance) }),
          ].join(" · "),
          detail: [entryWhat(t, fmt, entry), entry.voided && voidMarkText(t, fmt, entry.voided)]
            .filter(Boolean)
            .join(" · "),
        })),
      },
    );
    if (shown.length < statement.lines.length)
      answer.blocks.push({
        type: "note",
        text: t("statement.earlierInFile", { count: statement.lines.length - shown.length }),
      });
    answer.blocks.push({ type: "note", text: t("statement.filesNote") });
    const base = `${t("statement.fileName")}-${customer.code}-${dayOf(from, fmt.timezone)}`;
    const title = t("statement.title", { customer: customer.name, code: customer.code });
    answer.files = [
      {
        name: `${base}.png`,
        mime: "image/png",
        data: await renderTable(statementSheet(t, fmt, party, statement, now)),
        title: `${title} ${period}`,
      },
      { name: `${base}.csv`, mime: "text/csv", data: encodeCsv(statementCsv(t, fmt, party, statement), "utf8"), title },
    ];
    return answer;
  },
});
