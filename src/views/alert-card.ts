import { line } from "./command-line.js";
import { type Translate, phrase } from "../core/messages.js";
import type { Field, Reply } from "../core/reply.js";
import { reply } from "../core/reply.js";
import { formatId } from "../domain/ids.js";
import type { AlertView } from "../domain/notifications.js";
import type { Formatter } from "../i18n/format.js";

type Facts = Record<string, string | number | null>;

const SEVERITY_MARK: Record<string, string> = { critical: "🔴", warning: "🟠", info: "🔵" };

/** The numbers that triggered an alert, as a sentence in the reader's language. */
export function describeFacts(t: Translate, fmt: Formatter, rule: string, facts: Facts): string {
  const money = (key: string) => fmt.formatMoney(BigInt(String(facts[key] ?? "0")));
  const date = (key: string) => (facts[key] ? fmt.formatDate(new Date(String(facts[key]))) : t("common.none"));
  const params: Record<string, string | number> = {
    ...Object.fromEntries(Object.entries(facts).map(([k, v]) => [k, v ?? ""])),
  };
  switch (rule) {
    case "receivables":
      // A limit of 0 allows no credit at all: "Infinity%" says nothing.
      if (BigInt(String(facts.limit ?? "0")) === 0n)
        return t("alert.facts.receivablesNoCredit", { outstanding: money("outstanding") });
      return t("alert.facts.receivables", {
        outstanding: money("outstanding"),
        limit: money("limit"),
        ratio: Math.round((Number(facts.outstanding) / Number(facts.limit)) * 100),
      });
    case "sales_behind_plan":
      return t("alert.facts.sales_behind_plan", {
        ...params,
        sales: money("sales"),
        plan: money("plan"),
        expected: money("expected"),
      });
    case "sales_below_last_year":
      return t("alert.facts.sales_below_last_year", { ...params, sales: money("sales"), lastYear: money("lastYear") });
    case "expenses_over_budget":
      return t("alert.facts.expenses_over_budget", { ...params, spent: money("spent"), budget: money("budget") });
    case "expenses_rising":
      return t("alert.facts.expenses_rising", { spent: money("spent"), monthlyAverage: money("monthlyAverage") });
    case "churn":
      return t(facts.cycle === null ? "alert.facts.churnNoCycle" : "alert.facts.churn", {
        ...params,
        lastOrderAt: date("lastOrderAt"),
      });
    case "incident":
      return t("alert.facts.incident", {
        ...params,
        type: phrase(t, "vocab.incidentType", facts.type ?? "other"),
        occurredAt: date("occurredAt"),
      });
    case "no_visit":
      return t("alert.facts.no_visit", { ...params, dueAt: date("dueAt"), lastVisitAt: date("lastVisitAt") });
    case "complaint_overdue":
      return t("alert.facts.complaint_overdue", {
        id: formatId("complaint", Number(facts.number)),
        status: phrase(t, "vocab.complaintStatus", String(facts.status)),
        dueAt: fmt.formatDateTime(new Date(String(facts.dueAt))),
      });
    case "stale_profile":
      return t("alert.facts.stale_profile", { ...params, updatedAt: date("updatedAt") });
    default:
      return phrase(t, "alert.facts", rule, params);
  }
}

/** An alert as a card: what it is about, the numbers, where it stands, and buttons to act on it. */
export function alertCard(t: Translate, fmt: Formatter, a: AlertView, options: { owner?: string | null } = {}): Reply {
  const id = formatId("alert", a.number);
  const status =
    a.status === "snoozed" && a.snoozedUntil
      ? t("alert.snoozedUntil", { date: fmt.formatDate(a.snoozedUntil) })
      : phrase(t, "vocab.alertStatus", a.status);
  const fields: Field[] = [
    {
      label: t("alert.field.severity"),
      value: `${SEVERITY_MARK[a.severity] ?? ""} ${phrase(t, "vocab.severity", a.severity)}`.trim(),
    },
    { label: t("alert.field.status"), value: status },
    { label: t("alert.field.opened"), value: fmt.formatDateTime(a.openedAt) },
  ];
  if (options.owner !== undefined)
    fields.push({ label: t("alert.field.owner"), value: options.owner ?? t("common.nobody") });
  if (a.assignee) fields.push({ label: t("alert.field.assignee"), value: a.assignee.name });
  const blocks: Reply["blocks"] = [
    {
      type: "heading",
      text: `${id} · ${phrase(t, "vocab.alertRule", a.rule)}${a.customer ? ` · ${fmt.aside(a.customer.name, a.customer.code)}` : ""}`,
    },
    { type: "text", text: describeFacts(t, fmt, a.rule, JSON.parse(a.facts) as Facts) },
    { type: "fields", fields },
  ];
  if (a.status !== "resolved") {
    blocks.push({
      type: "buttons",
      buttons: [
        ...(a.status === "open"
          ? [{ label: t("alert.buttons.ack"), command: line("alert ack", { id }), style: "primary" as const }]
          : []),
        { label: t("alert.buttons.assignMe"), command: line("alert assign", { id }) },
        { label: t("alert.buttons.snooze"), command: line("alert snooze", { id }) },
        { label: t("alert.buttons.resolve"), command: line("alert resolve", { id }) },
      ],
    });
  }
  return reply(...blocks);
}

/** One post for a storm of new alerts to one person or channel: counts by rule, the most serious few, a way to all. */
export function alertStormNotice(
  t: Translate,
  fmt: Formatter,
  n: { total: number; byRule: { rule: string; count: number }[]; top: AlertView[] },
): Reply {
  return reply(
    { type: "heading", text: t("alert.storm.heading", { count: n.total }) },
    {
      type: "fields",
      fields: n.byRule.map((r) => ({ label: phrase(t, "vocab.alertRule", r.rule), value: String(r.count) })),
    },
    {
      type: "list",
      title: t("alert.storm.mostSerious"),
      items: n.top.map((a) => ({
        title:
          `${SEVERITY_MARK[a.severity] ?? ""} ${formatId("alert", a.number)} · ${phrase(t, "vocab.alertRule", a.rule)}${a.customer ? ` · ${a.customer.name}` : ""}`.trim(),
        detail: describeFacts(t, fmt, a.rule, JSON.parse(a.facts) as Facts),
      })),
    },
    { type: "note", text: t("alert.storm.note") },
    {
      type: "buttons",
      buttons: [
        { label: t("alert.storm.listAll"), command: line("alert list", {}), style: "primary" },
        ...n.top.slice(0, 3).map((a) => ({
          label: formatId("alert", a.number),
          command: line("alert show", { id: formatId("alert", a.number) }),
        })),
      ],
    },
  );
}
