import { line } from "../src/views/command-line.js";
import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["customer", "find"],
  role: "rep",
  args: {
    query: arg.text({ required: true, rest: true, max: 100, aliases: ["关键词", "查询"] }),
    limit: arg.int({ min: 1, max: 50, aliases: ["数量"] }),
  },
  form: ["query"],
  examples: ["zs", "bjhd", "chongqing", "华达", "8888"],
  async handle({ args, services, t, fmt }) {
    const hits = await services.customers.search(args.query, args.limit ?? 10);
    if (hits.length === 0) return reply({ type: "text", text: t("customer.noMatch", { query: args.query }) });
    return reply(
      {
        type: "list",
        title: t("customer.found", { count: hits.length, query: args.query }),
        items: hits.map((h) => ({
          title: fmt.aside(h.name, h.code),
          detail: [phrase(t, "vocab.customerType", h.type), h.region].filter(Boolean).join(" · "),
        })),
      },
      {
        type: "buttons",
        buttons: hits.slice(0, 5).map((h) => ({ label: h.name, command: line("customer show", { customer: h.code }) })),
      },
    );
  },
});
