import { line } from "../src/views/command-line.js";
import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { pageArg, pageBlocks, paging } from "../src/core/paging.js";
import { reply } from "../src/core/reply.js";
import { alertId } from "../src/domain/alerts/service.js";
import { ALERT_STATUSES, ALERT_STATUS_WORDS, SEVERITIES, SEVERITY_WORDS } from "../src/domain/vocabulary.js";
import { alertItem, ruleArg } from "./shared/alerts.js";
import { whoArg, whoFrom } from "./shared/visits.js";

export default defineCommand({
  path: ["alert", "list"],
  role: "rep",
  args: {
    rule: ruleArg({ positional: true }),
    who: whoArg(),
    severity: arg.choice("severity", SEVERITIES, SEVERITY_WORDS, { aliases: ["级别", "严重程度"] }),
    status: arg.choice("alertFilter", ALERT_STATUSES, ALERT_STATUS_WORDS, { aliases: ["状态"] }),
    page: pageArg(),
  },
  examples: ["", "流失", "who:team severity:critical", "receivables status:all"],
  async handle({ args, services, t, fmt, actor, lineWith }) {
    const ownerIds = await services.users.scope(whoFrom(args.who, actor.role === "rep" ? "me" : "team"));
    const at = paging(args.page);
    const { total, rows } = await services.alerts.list(
      { ownerIds, rule: args.rule, severity: args.severity, status: args.status ?? "active" },
      at,
    );
    return reply(
      {
        type: "list",
        title: t("alert.listTitle", {
          status: phrase(t, "vocab.alertFilter", args.status ?? "active"),
          count: total,
        }),
        empty: t("alert.listEmpty"),
        items: rows.map((a) => alertItem(t, fmt, a)),
      },
      ...(rows.length > 0
        ? [
            {
              type: "buttons" as const,
              buttons: rows
                .slice(0, 5)
                .map((a) => ({ label: alertId(a.number), command: line("alert show", { id: alertId(a.number) }) })),
            },
          ]
        : []),
      ...pageBlocks(t, at, total, lineWith),
    );
  },
});
