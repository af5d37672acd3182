import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

/** 认领管理员: the first admin of a workspace, with the one-time code the bot printed in its log. */
export default defineCommand({
  path: ["crm", "claim"],
  role: "rep",
  args: {
    code: arg.text({ required: true, positional: true, max: 20, aliases: ["认领码"] }),
  },
  examples: ["ABCD-2345"],
  async handle({ args, services, t, redeemAdminClaim }) {
    await services.users.claimAdmin(() => redeemAdminClaim(args.code));
    return reply({ type: "text", text: t("crm.claim.done") });
  },
});
