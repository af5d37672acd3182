import { line } from "../src/views/command-line.js";
import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply, type Field } from "../src/core/reply.js";
import { formatId } from "../src/domain/ids.js";
import { VISIT_CHANNELS, VISIT_CHANNEL_WORDS } from "../src/domain/vocabulary.js";
import { followUpId } from "../src/domain/followups/service.js";
import { followUpItem } from "../src/views/follow-up-item.js";

/** Names and promises are listed with any of these separators. */
const LIST_SEPARATORS = /[,，、;；]+/;
const PROMISE_SEPARATORS = /[;；]+/;

/** "/visit log 华达 电话 催款": a channel word leading the notes is the channel. */
function leadingChannel(notes: string | undefined): { channel?: (typeof VISIT_CHANNELS)[number]; notes?: string } {
  const [first = "", ...rest] = (notes ?? "").split(/\s+/);
  const channel = VISIT_CHANNEL_WORDS[first] ?? VISIT_CHANNELS.find((c) => c === first.toLowerCase());
  if (!channel) return notes === undefined ? {} : { notes };
  return rest.length > 0 ? { channel, notes: rest.join(" ") } : { channel };
}

function split(text: string | undefined, separators: RegExp): string[] {
  return (text ?? "")
    .split(separators)
    .map((s) => s.trim())
    .filter(Boolean);
}

export default defineCommand({
  path: ["visit", "log"],
  role: "rep",
  form: ["customer", "notes", "channel", "promise", "followUp"],
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    notes: arg.text({ rest: true, max: 2000, aliases: ["备注", "记录", "内容"] }),
    channel: arg.choice("visitChannel", VISIT_CHANNELS, VISIT_CHANNEL_WORDS, { aliases: ["方式", "渠道"] }),
    purpose: arg.text({ max: 200, aliases: ["目的", "拜访目的"] }),
    contacts: arg.text({ max: 200, aliases: ["联系人", "见了"] }),
    learned: arg.text({ max: 1000, aliases: ["了解", "了解到", "情况"] }),
    outcome: arg.text({ max: 500, aliases: ["结果", "成果"] }),
    promise: arg.text({ max: 500, aliases: ["承诺"] }),
    promiseBy: arg.date({ notBeforeToday: true, aliases: ["承诺期限", "兑现日期"] }),
    next: arg.text({ max: 500, aliases: ["下一步", "nextStep"] }),
    followUp: arg.date({ notBeforeToday: true, aliases: ["回访", "回访日期", "跟进"] }),
    date: arg.date({ notAfterToday: true, aliases: ["日期", "拜访日期"] }),
  },
  examples: [
    "华达 谈了新品，下周三再去",
    "C0001 channel:电话 purpose:催款 contacts:张总 outcome:答应月底付清 承诺:月底前寄对账单 回访:12-01",
    "重庆百货 上门 目的:新品推介 下一步:送样品 回访:+7d",
  ],
  async handle({ args, services, t, fmt, now }) {
    const customer = await services.customers.resolve(args.customer);
    const lead = args.channel ? { channel: args.channel, notes: args.notes } : leadingChannel(args.notes);
    const logged = await services.visits.log(customer, {
      visitedOn: args.date,
      channel: lead.channel,
      purpose: args.purpose,
      contactNames: split(args.contacts, LIST_SEPARATORS),
      learned: args.learned,
      notes: lead.notes,
      outcome: args.outcome,
      nextStep: args.next,
      followUpOn: args.followUp,
      promises: split(args.promise, PROMISE_SEPARATORS),
      promiseBy: args.promiseBy,
    });
    const v = logged.visit;
    const fields: Field[] = [
      { label: t("visit.field.id"), value: formatId("visit", v.number) },
      { label: t("visit.field.date"), value: fmt.formatDate(v.visitedAt) },
      { label: t("visit.field.channel"), value: phrase(t, "vocab.visitChannel", v.channel) },
    ];
    if (v.purpose) fields.push({ label: t("visit.field.purpose"), value: v.purpose });
    if (logged.contacts.length > 0)
      fields.push({ label: t("visit.field.contacts"), value: logged.contacts.join("、") });
    if (v.learned) fields.push({ label: t("visit.field.learned"), value: v.learned });
    if (v.notes) fields.push({ label: t("visit.field.notes"), value: v.notes });
    if (v.outcome) fields.push({ label: t("visit.field.outcome"), value: v.outcome });
    const blocks: Parameters<typeof reply> = [
      { type: "heading", text: t("visit.logged", { customer: customer.name }) },
      { type: "fields", fields },
    ];
    if (logged.followUps.length > 0) {
      blocks.push({
        type: "list",
        title: t("visit.followUpsCreated"),
        items: logged.followUps.map((f) => followUpItem(t, fmt, f, now, false)),
      });
    }
    if (logged.visitDueAt)
      blocks.push({ type: "note", text: t("visit.nextDue", { date: fmt.formatDate(logged.visitDueAt) }) });
    if (logged.closed.length > 0)
      blocks.push({
        type: "note",
        text: t("visit.followUpsClosed", { ids: fmt.list(logged.closed.map(followUpId)) }),
      });
    blocks.push({
      type: "buttons",
      buttons: [
        { label: t("visit.buttons.customer"), command: line("customer show", { customer: customer.code }) },
        { label: t("visit.buttons.visits"), command: line("visit list", { customer: customer.code }) },
        { label: t("visit.buttons.followUps"), command: line("followups") },
      ],
    });
    return reply(...blocks);
  },
});
