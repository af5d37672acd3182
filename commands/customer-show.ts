import { line } from "../src/views/command-line.js";
import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply, type Field } from "../src/core/reply.js";
import { PROFILE_FIELDS } from "../src/domain/customers/fields.js";
import { formatId } from "../src/domain/ids.js";
import { lateness } from "../src/i18n/phrases.js";
import { followUpItem } from "../src/views/follow-up-item.js";

/** Shown in the card's main section; the other profile fields follow when they are filled in. */
const MAIN_FIELDS = new Set([
  "name",
  "code",
  "type",
  "status",
  "region",
  "route",
  "phone",
  "address",
  "creditLimit",
  "keyAccountManual",
  "visitCadenceDays",
  "shortName",
]);

export default defineCommand({
  path: ["customer", "show"],
  role: "rep",
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
  },
  examples: ["C0001", "北京华达", "bjhd"],
  async handle({ args, services, t, fmt, now }) {
    const c = await services.customers.resolve(args.customer);
    const d = await services.customers.cardDetails(c);
    const none = t("common.none");
    const text = (v: unknown) => (v === null || v === undefined || v === "" ? none : String(v));
    const credit =
      d.credit.limit === null
        ? t("customer.card.noLimit")
        : d.credit.fromPolicy
          ? t("customer.card.tierLimit", { tier: c.tier as string, amount: fmt.formatMoney(d.credit.limit) })
          : fmt.formatMoney(d.credit.limit);
    const daysAgo = c.lastVisitAt ? fmt.daysSince(c.lastVisitAt as Date, now) : undefined;
    const lastVisit =
      daysAgo === undefined
        ? t("customer.card.neverVisited")
        : t(daysAgo === 0 ? "customer.card.today" : "customer.card.daysAgo", {
            date: fmt.formatDate(c.lastVisitAt as Date),
            days: daysAgo,
          });
    const main: Field[] = [
      { label: t("field.type"), value: phrase(t, "vocab.customerType", String(c.type)) },
      { label: t("field.status"), value: phrase(t, "vocab.customerStatus", String(c.status)) },
      { label: t("field.owner"), value: text(d.owner) },
      {
        label: t("field.tier"),
        value: c.tier
          ? `${c.tier}${c.keyAccount || c.keyAccountManual ? ` · ${t("customer.card.keyAccount")}` : ""}`
          : t("customer.card.noTier"),
      },
      { label: t("customer.card.regionRoute"), value: [c.region, c.route].filter(Boolean).join(" / ") || none },
      { label: t("field.phone"), value: text(c.phone) },
      { label: t("field.address"), value: text(c.address) },
      { label: t("customer.card.creditVsOutstanding"), value: `${credit} / ${fmt.formatMoney(d.outstanding)}` },
      { label: t("customer.card.lastVisit"), value: lastVisit },
    ];
    if (c.visitDueAt) {
      main.push({
        label: t("customer.card.visitDue"),
        value: `${fmt.formatDate(c.visitDueAt as Date)}${(c.visitDueAt as Date) < now ? ` · ${lateness(t, fmt, c.visitDueAt as Date, now)}` : ""}`,
      });
    }
    if (d.nextFollowUp) {
      const item = followUpItem(t, fmt, d.nextFollowUp, now, false);
      main.push({ label: t("customer.card.nextFollowUp"), value: `${item.title} · ${item.detail}` });
    }
    const more: Field[] = PROFILE_FIELDS.filter(
      (f) => !MAIN_FIELDS.has(f) && c[f] !== null && c[f] !== undefined && c[f] !== false,
    ).map((f) => ({
      label: phrase(t, "field", f),
      value:
        c[f] instanceof Date
          ? fmt.formatDate(c[f] as Date)
          : f === "loyaltyStage"
            ? phrase(t, "vocab.loyaltyStage", String(c[f]))
            : String(c[f]),
    }));
    const blocks: Parameters<typeof reply> = [
      { type: "heading", text: fmt.aside(c.name, c.code) },
      { type: "fields", fields: main },
    ];
    if (more.length > 0) blocks.push({ type: "fields", title: t("customer.card.profile"), fields: more });
    blocks.push(
      {
        type: "list",
        title: t("customer.card.contacts"),
        empty: t("customer.card.noContacts"),
        items: d.contacts.map((k) => ({
          title: [k.name, k.title].filter(Boolean).join(" · "),
          detail: [
            k.phone,
            k.role && phrase(t, "vocab.contactRole", k.role),
            k.stance && phrase(t, "vocab.stance", k.stance),
          ]
            .filter(Boolean)
            .join(" · "),
        })),
      },
      {
        type: "list",
        title: t("customer.card.lastVisits"),
        empty: t("customer.card.noVisits"),
        items: d.lastVisits.map((v) => ({
          title: `${fmt.formatDate(v.visitedAt)} · ${phrase(t, "vocab.visitChannel", v.channel)} · ${v.user.name}`,
          detail: [v.purpose, v.notes, v.outcome].filter(Boolean).join(" · "),
        })),
      },
      {
        type: "list",
        title: t("customer.card.openComplaints"),
        empty: t("common.none"),
        items: d.openComplaints.map((x) => ({
          title: `${formatId("complaint", x.number)} · ${phrase(t, "vocab.complaintCategory", x.category)}`,
          detail: [
            phrase(t, "vocab.complaintStatus", x.status),
            x.stepDueAt &&
              `${t("complaint.field.due")} ${fmt.formatDate(x.stepDueAt)} ${lateness(t, fmt, x.stepDueAt, now)}`,
          ]
            .filter(Boolean)
            .join(" · "),
        })),
      },
      {
        type: "list",
        title: t("customer.card.openAlerts"),
        empty: t("common.none"),
        items: d.openAlerts.map((x) => ({
          title: `${formatId("alert", x.number)} · ${phrase(t, "vocab.alertRule", x.rule)}`,
          detail: phrase(t, "vocab.severity", x.severity),
        })),
      },
      {
        type: "buttons",
        buttons: [
          { label: t("customer.buttons.contacts"), command: line("contact list", { customer: c.code }) },
          { label: t("customer.buttons.visits"), command: line("visit list", { customer: c.code }) },
          { label: t("customer.buttons.history"), command: line("customer history", { customer: c.code }) },
        ],
      },
    );
    return reply(...blocks);
  },
});
