import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { phrase } from "../src/core/messages.js";
import { pageArg, pageBlocks, paging } from "../src/core/paging.js";
import { reply } from "../src/core/reply.js";
import { DELIVERY_FILTERS } from "../src/domain/deliveries/service.js";
import { line } from "../src/views/command-line.js";
import { deliveryDestination, deliveryReason } from "../src/views/delivery-notices.js";

export default defineCommand({
  path: ["alert", "deliveries"],
  role: "admin",
  args: {
    status: arg.choice(
      "deliveryFilter",
      DELIVERY_FILTERS,
      { 问题: "problems", 待发: "pending", 未发: "pending", 失败: "failed" },
      { positional: true, aliases: ["状态"] },
    ),
    page: pageArg(),
  },
  examples: ["", "failed", "失败"],
  async handle({ args, services, t, fmt, lineWith }) {
    const at = paging(args.page);
    const filter = args.status ?? "problems";
    const { total, rows } = await services.deliveries.list(filter, at);
    const retryable = rows.some((r) => r.status === "failed" || r.status === "waiting");
    return reply(
      {
        type: "list",
        title: t("delivery.listTitle", { filter: phrase(t, "vocab.deliveryFilter", filter), count: total }),
        empty: t("delivery.listEmpty"),
        items: rows.map((r) => ({
          title: `#${r.id} · ${phrase(t, "vocab.deliveryStatus", r.status)} · ${deliveryDestination(t, r.to)}`,
          detail: [
            phrase(t, "vocab.notificationKind", r.kind),
            deliveryReason(t, r.reason),
            r.attempts > 0 && t("delivery.attempts", { count: r.attempts }),
            r.status === "failed"
              ? t("delivery.queuedAt", { date: fmt.formatDateTime(r.createdAt) })
              : t("delivery.nextAt", { date: fmt.formatDateTime(r.nextAttemptAt) }),
          ]
            .filter(Boolean)
            .join(" · "),
        })),
      },
      ...(retryable
        ? [
            {
              type: "buttons" as const,
              buttons: [{ label: t("delivery.buttons.retryAll"), command: line("alert redeliver", {}) }],
            },
          ]
        : []),
      ...pageBlocks(t, at, total, lineWith),
    );
  },
});
