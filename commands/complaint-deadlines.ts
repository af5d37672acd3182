import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply, type Field } from "../src/core/reply.js";
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_WORDS } from "../src/domain/vocabulary.js";
import { MILESTONES } from "../src/domain/complaints/workflow.js";

const workingDays = (aliases: string[]) => arg.int({ min: 1, max: 365, aliases });

/** The working days each step may take, for the workspace or one category; anyone reads, an admin sets. */
export default defineCommand({
  path: ["complaint", "deadlines"],
  role: "rep",
  args: {
    category: arg.choice("complaintCategory", COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_WORDS, {
      positional: true,
      aliases: ["类别"],
    }),
    validate: workingDays(["判定"]),
    propose: workingDays(["方案"]),
    resolve: workingDays(["解决"]),
    adminsAfter: workingDays(["升级管理员"]),
  },
  examples: ["", "validate:1 propose:3 resolve:7", "质量 resolve:10", "adminsAfter:2"],
  async handle({ args, services, t }) {
    const changes = { validate: args.validate, propose: args.propose, resolve: args.resolve };
    const changed = Object.values(changes).some((v) => v !== undefined) || args.adminsAfter !== undefined;
    const settings = changed
      ? await services.settings.setComplaintDeadlines(args.category ?? null, changes, args.adminsAfter)
      : await services.complaints.settings();
    const days = (n: number) => t("complaint.deadline.workingDays", { count: n });
    const fields: Field[] = MILESTONES.map((m) => ({
      label: phrase(t, "complaint.deadline", m),
      value: days(settings.deadlines[m]),
    }));
    fields.push({ label: t("complaint.deadline.adminsAfter"), value: days(settings.adminsAfterDays) });
    const overrides = Object.entries(settings.categories).filter(([, d]) => Object.keys(d).length > 0);
    return reply(
      { type: "heading", text: t(changed ? "complaint.deadline.saved" : "complaint.deadline.title") },
      { type: "fields", fields },
      {
        type: "list",
        title: t("complaint.deadline.byCategory"),
        empty: t("common.none"),
        items: overrides.map(([category, d]) => ({
          title: phrase(t, "vocab.complaintCategory", category),
          detail: MILESTONES.filter((m) => d[m] !== undefined)
            .map((m) => `${phrase(t, "complaint.deadline", m)} ${days(d[m]!)}`)
            .join(" · "),
        })),
      },
      { type: "note", text: t("complaint.deadline.hint") },
    );
  },
});
