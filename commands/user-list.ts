import { phrase } from "../src/core/messages.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["user", "list"],
  role: "rep",
  args: {},
  async handle({ services, t, fmt }) {
    const users = await services.users.list();
    return reply({
      type: "list",
      title: t("user.listTitle", { count: users.length }),
      items: users.map((u) => ({
        title: `${u.name} · ${phrase(t, "vocab.role", u.role)}`,
        detail: [
          u.managerName && t("user.reportsTo", { name: u.managerName }),
          t("user.customers", { count: fmt.formatNumber(u.customerCount) }),
        ]
          .filter(Boolean)
          .join(" · "),
      })),
    });
  },
});
