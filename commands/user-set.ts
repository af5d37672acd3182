import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { UserError } from "../src/core/errors.js";
import { reply } from "../src/core/reply.js";
import { ROLES } from "../src/core/roles.js";
import { ROLE_WORDS } from "../src/domain/vocabulary.js";

export default defineCommand({
  path: ["user", "set"],
  role: "admin",
  args: {
    user: arg.user({ required: true, positional: true, aliases: ["用户"] }),
    role: arg.choice("role", ROLES, ROLE_WORDS, { aliases: ["角色"] }),
    manager: arg.text({ max: 64, aliases: ["经理", "上级"] }),
  },
  examples: ["王伟 role:manager", "张敏 manager:王伟", "张敏 manager:-"],
  async handle({ args, services, t }) {
    if (!args.role && !args.manager) throw new UserError("user.nothingToChange");
    const user = await services.users.update(args.user, { role: args.role, managerName: args.manager });
    return reply({
      type: "text",
      text: t("user.updated", { name: user.name, role: phrase(t, "vocab.role", user.role) }),
    });
  },
});
