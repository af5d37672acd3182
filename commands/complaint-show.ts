import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply, type Field } from "../src/core/reply.js";
import { complaintFields } from "../src/views/complaint-notices.js";
import { complaintId } from "../src/domain/complaints/service.js";
import type { ComplaintStatus } from "../src/domain/complaints/workflow.js";
import { nextStepBlocks } from "./shared/complaint-step.js";

export default defineCommand({
  path: ["complaint", "show"],
  role: "rep",
  args: {
    id: arg.text({ required: true, positional: true, max: 20, aliases: ["编号"], complete: "complaint" }),
  },
  examples: ["TS-0001", "12"],
  async handle({ args, actor, services, t, fmt, now }) {
    const c = await services.complaints.find(args.id);
    const steps = await services.complaints.steps(c.id);
    const fields: Field[] = complaintFields(t, fmt, c, now);
    const optional: [string, string | null][] = [
      ["complainant", c.complainant],
      ["target", c.target],
      ["demand", c.demand],
      ["responsible", c.responsible],
    ];
    for (const [key, value] of optional) if (value) fields.push({ label: phrase(t, "complaint.field", key), value });
    fields.push({ label: t("complaint.field.received"), value: fmt.formatDateTime(c.receivedAt) });
    if (c.escalationLevel > 0)
      fields.push({
        label: t("complaint.field.escalation"),
        value: phrase(t, "complaint.escalationLevel", c.escalationLevel),
      });
    if (c.resolvedOnTime !== null)
      fields.push({ label: t("complaint.field.onTime"), value: t(c.resolvedOnTime ? "common.yes" : "common.no") });
    return reply(
      {
        type: "heading",
        text: `${complaintId(c.number)} · ${c.customer.name} · ${phrase(t, "vocab.complaintCategory", c.category)}`,
      },
      { type: "text", text: c.description },
      { type: "fields", fields },
      {
        type: "list",
        title: t("complaint.history"),
        items: steps.map((s) => ({
          title: `${fmt.formatDateTime(s.at)} · ${s.user?.name ?? t("common.bot")} · ${phrase(t, "vocab.complaintStep", s.step)}`,
          detail: s.step.startsWith("escalate") ? t("complaint.escalatedTo", { names: s.text ?? "-" }) : (s.text ?? ""),
        })),
      },
      ...nextStepBlocks(t, c.status as ComplaintStatus, c.number, actor.role),
    );
  },
});
