import { line } from "../src/views/command-line.js";
import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { pageArg, pageBlocks, paging } from "../src/core/paging.js";
import { reply } from "../src/core/reply.js";
import { complaintId } from "../src/domain/complaints/service.js";
import { COMPLAINT_STATUSES } from "../src/domain/complaints/workflow.js";
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_WORDS } from "../src/domain/vocabulary.js";
import { deadlineLateness } from "../src/i18n/phrases.js";
import { whoArg, whoFrom } from "./shared/visits.js";

const STATUS_FILTERS = ["open", "closed", ...COMPLAINT_STATUSES] as const;
const STATUS_WORDS: Record<string, (typeof STATUS_FILTERS)[number]> = {
  未结: "open",
  处理中: "open",
  已结: "closed",
  已关闭: "closed",
  已记录: "recorded",
  成立: "validated",
  已判定: "validated",
  不成立: "rejected",
  已驳回: "rejected",
  已定责: "assigned",
  已分析: "analysed",
  已提方案: "proposed",
  已批准: "approved",
  已解决: "resolved",
  已复盘: "reviewed",
};

export default defineCommand({
  path: ["complaint", "list"],
  role: "rep",
  args: {
    status: arg.choice("complaintFilter", STATUS_FILTERS, STATUS_WORDS, { positional: true, aliases: ["状态"] }),
    category: arg.choice("complaintCategory", COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_WORDS, { aliases: ["类别"] }),
    customer: arg.customer({ aliases: ["客户"] }),
    who: whoArg(),
    overdue: arg.bool({ aliases: ["超期", "逾期"] }),
    page: pageArg(),
  },
  examples: ["", "overdue:是", "closed customer:华达", "category:质量 who:王伟"],
  async handle({ args, services, t, fmt, now, lineWith }) {
    const customer = args.customer ? await services.customers.resolve(args.customer) : undefined;
    const ownerIds = args.who === undefined ? null : await services.users.scope(whoFrom(args.who, "team"));
    const at = paging(args.page);
    const status = args.status ?? (args.overdue ? "open" : customer ? undefined : "open");
    const { total, rows } = await services.complaints.list(
      { status, category: args.category, customerId: customer?.id, ownerIds, overdue: args.overdue },
      at,
    );
    return reply(
      {
        type: "list",
        title: t("complaint.listTitle", {
          filter: phrase(t, "vocab.complaintFilter", status ?? "all"),
          count: total,
        }),
        empty: t("complaint.listEmpty"),
        items: rows.map((c) => ({
          title: `${complaintId(c.number)} · ${c.customer.name} · ${phrase(t, "vocab.complaintCategory", c.category)} · ${phrase(t, "vocab.complaintStatus", c.status)}`,
          detail: [
            c.owner?.name,
            c.stepDueAt &&
              `${t("complaint.field.due")} ${fmt.formatDateTime(c.stepDueAt)} ${deadlineLateness(t, fmt, c.stepDueAt, now)}`,
            c.escalationLevel > 0 && phrase(t, "complaint.escalationLevel", c.escalationLevel),
            c.description.length > 40 ? `${c.description.slice(0, 40)}…` : c.description,
          ]
            .filter(Boolean)
            .join(" · "),
        })),
      },
      ...(rows.length > 0
        ? [
            {
              type: "buttons" as const,
              buttons: rows.slice(0, 5).map((c) => ({
                label: complaintId(c.number),
                command: line("complaint show", { id: complaintId(c.number) }),
              })),
            },
          ]
        : []),
      ...pageBlocks(t, at, total, lineWith),
    );
  },
});
