import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { ROLES } from "../src/core/roles.js";
import { ROLE_WORDS } from "../src/domain/vocabulary.js";

/** Gives a Discord server role the bot's manager or admin role (rep removes the mapping). */
export default defineCommand({
  path: ["crm", "role"],
  role: "admin",
  args: {
    platformRole: arg.role({ required: true, positional: true, aliases: ["身份组"] }),
    role: arg.choice("role", ROLES, ROLE_WORDS, { required: true, positional: true, aliases: ["角色"] }),
  },
  examples: ["<@&123456789012345678> manager"],
  async handle({ args, services, t, platform }) {
    await services.users.mapPlatformRole(platform, args.platformRole, args.role);
    return reply({
      type: "text",
      text: t(args.role === "rep" ? "user.roleUnmapped" : "user.roleMapped", {
        platformRole: `<@&${args.platformRole}>`,
        role: t(`vocab.role.${args.role}`),
      }),
    });
  },
});
