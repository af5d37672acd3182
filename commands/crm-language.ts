import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";
import { translator } from "../src/i18n/index.js";

export default defineCommand({
  path: ["crm", "language"],
  role: "rep",
  args: {
    language: arg.choice(
      "language",
      ["zh-CN", "en"] as const,
      { zh: "zh-CN", 中文: "zh-CN", 简体中文: "zh-CN", english: "en", 英文: "en", 英语: "en" },
      { required: true, positional: true, aliases: ["语言"] },
    ),
  },
  examples: ["en", "中文"],
  async handle({ args, services, actor }) {
    await services.users.setLocale(actor.id, args.language);
    return reply({ type: "text", text: translator(args.language)("crm.languageSet") });
  },
});
