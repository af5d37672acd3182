import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { UserError } from "../src/core/errors.js";
import { reply } from "../src/core/reply.js";
import { complaintId } from "../src/domain/complaints/service.js";
import { COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_WORDS, type ComplaintCategory } from "../src/domain/vocabulary.js";
import { complaintFields } from "../src/views/complaint-notices.js";
import { nextStepBlocks } from "./shared/complaint-step.js";

/** "/complaint file 华达 质量 外箱破损": a category word leading the description is the category. */
function leadingCategory(description: string): { category?: ComplaintCategory; description: string } {
  const [first = "", ...rest] = description.split(/\s+/);
  const category = COMPLAINT_CATEGORY_WORDS[first] ?? COMPLAINT_CATEGORIES.find((c) => c === first.toLowerCase());
  return category && rest.length > 0 ? { category, description: rest.join(" ") } : { description };
}

export default defineCommand({
  path: ["complaint", "file"],
  role: "rep",
  form: ["customer", "category", "description", "complainant", "demand"],
  args: {
    customer: arg.customer({ required: true, positional: true, aliases: ["客户"] }),
    description: arg.text({ required: true, rest: true, max: 2000, aliases: ["内容", "描述"] }),
    category: arg.choice("complaintCategory", COMPLAINT_CATEGORIES, COMPLAINT_CATEGORY_WORDS, {
      aliases: ["类别", "类型"],
    }),
    complainant: arg.text({ max: 50, aliases: ["投诉人"] }),
    target: arg.text({ max: 100, aliases: ["投诉对象", "对象"] }),
    demand: arg.text({ max: 500, aliases: ["要求", "投诉要求"] }),
  },
  examples: [
    "华达 质量 外箱破损 20 箱 投诉人:张总 要求:补发",
    "C0001 category:late_delivery 订货 5 天未到 target:物流部",
  ],
  async handle({ args, actor, services, t, fmt, now }) {
    const customer = await services.customers.resolve(args.customer);
    const lead = args.category
      ? { category: args.category, description: args.description }
      : leadingCategory(args.description);
    if (!lead.category) {
      const choices = COMPLAINT_CATEGORIES.map((c) => phrase(t, "vocab.complaintCategory", c)).join("、");
      throw new UserError("complaint.categoryMissing", { choices });
    }
    const complaint = await services.complaints.file(customer, {
      category: lead.category,
      description: lead.description,
      complainant: args.complainant,
      target: args.target,
      demand: args.demand,
    });
    return reply(
      { type: "heading", text: t("complaint.filed", { id: complaintId(complaint.number), customer: customer.name }) },
      { type: "text", text: complaint.description },
      { type: "fields", fields: complaintFields(t, fmt, complaint, now) },
      { type: "note", text: t("complaint.ownerNote") },
      ...nextStepBlocks(t, "recorded", complaint.number, actor.role),
    );
  },
});
