import { defineCommand } from "../src/application/command.js";
import { phrase } from "../src/core/messages.js";
import { pageArg, pageBlocks, paging } from "../src/core/paging.js";
import { reply } from "../src/core/reply.js";
import { auditDetail } from "../src/views/audit-detail.js";

/** 访问日志: who installed, changed roles, deactivated, exported or read sensitive notes, and when. */
export default defineCommand({
  path: ["audit"],
  role: "admin",
  args: { page: pageArg() },
  examples: ["", "page:2"],
  async handle({ args, services, t, fmt, lineWith }) {
    const at = paging(args.page);
    const { total, rows } = await services.audit.trail(at);
    return reply(
      {
        type: "list",
        title: t("audit.title", { count: total }),
        empty: t("audit.empty"),
        items: rows.map((r) => ({
          title: `${fmt.formatDateTime(r.at)} · ${r.by ?? t("common.bot")} · ${phrase(t, "vocab.auditAction", r.action)}`,
          detail: [r.target, auditDetail(t, r.action, r.detail)].filter(Boolean).join(" · "),
        })),
      },
      ...pageBlocks(t, at, total, lineWith),
    );
  },
});
