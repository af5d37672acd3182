import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { ROLES } from "../src/core/roles.js";
import { ROLE_WORDS } from "../src/domain/vocabulary.js";

export default defineCommand({
  path: ["user", "add"],
  role: "admin",
  args: {
    name: arg.text({ required: true, positional: true, max: 64, aliases: ["姓名", "名字"] }),
    role: arg.choice("role", ROLES, ROLE_WORDS, { aliases: ["角色"] }),
    manager: arg.user({ aliases: ["经理", "上级"] }),
  },
  examples: ["王伟 role:rep manager:李经理"],
  async handle({ args, services, t }) {
    const user = await services.users.add({ name: args.name, role: args.role ?? "rep", managerName: args.manager });
    return reply({
      type: "text",
      text: t("user.added", { name: user.name, role: phrase(t, "vocab.role", user.role) }),
    });
  },
});
