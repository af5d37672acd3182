import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { UserError } from "../src/core/errors.js";
import { parseMoney } from "../src/core/money.js";
import { reply } from "../src/core/reply.js";

const NO_LIMIT = new Set(["none", "无", "不限", "unlimited", "-"]);

/** A tier's credit limit as typed: an amount, or a word for "no limit". */
function limit(text: string | undefined, arg: string): number | null | undefined {
  if (text === undefined) return undefined;
  if (NO_LIMIT.has(text.trim().toLowerCase())) return null;
  const value = parseMoney(text);
  if (value === undefined || value < 0n) throw new UserError("segment.badLimit", { arg, value: text });
  return Number(value);
}

export default defineCommand({
  path: ["segment", "settings"],
  role: "rep",
  args: {
    window: arg.int({ min: 1, max: 60, aliases: ["窗口", "月数"] }),
    a: arg.int({ min: 1, max: 99, aliases: ["A类"] }),
    b: arg.int({ min: 0, max: 98, aliases: ["B类"] }),
    key: arg.int({ min: 1, max: 100, aliases: ["大客户"] }),
    creditA: arg.text({ max: 30, aliases: ["A类额度"] }),
    creditB: arg.text({ max: 30, aliases: ["B类额度"] }),
    creditC: arg.text({ max: 30, aliases: ["C类额度"] }),
  },
  examples: ["", "a:75 b:20 key:20", "window:6", "creditB:10万 creditC:2万 creditA:不限"],
  async handle({ args, services, t, fmt }) {
    const changes = {
      ...(args.window !== undefined ? { windowMonths: args.window } : {}),
      ...(args.a !== undefined ? { aShare: args.a } : {}),
      ...(args.b !== undefined ? { bShare: args.b } : {}),
      ...(args.key !== undefined ? { keyShare: args.key } : {}),
    };
    const limits = Object.fromEntries(
      (["A", "B", "C"] as const).flatMap((tier) => {
        const value = limit(args[`credit${tier}`], `credit${tier}`);
        return value === undefined ? [] : [[tier, value]];
      }),
    );
    const changed = Object.keys(changes).length > 0 || Object.keys(limits).length > 0;
    const s = changed
      ? await services.segments.update({ ...changes, creditLimits: limits })
      : await services.segments.settings();
    const money = (v: number | null) => (v === null ? t("segment.noLimit") : fmt.formatMoney(BigInt(v)));
    return reply(
      { type: "heading", text: t(changed ? "segment.settingsSaved" : "segment.settingsTitle") },
      {
        type: "fields",
        fields: [
          { label: t("segment.window"), value: t("segment.months", { count: s.windowMonths }) },
          { label: t("segment.shares"), value: `A ${s.aShare}% · B ${s.bShare}% · C ${100 - s.aShare - s.bShare}%` },
          { label: t("segment.keyShare"), value: `${s.keyShare}%` },
          {
            label: t("segment.creditPolicy"),
            value: `A ${money(s.creditLimits.A)} · B ${money(s.creditLimits.B)} · C ${money(s.creditLimits.C)}`,
          },
        ],
      },
      { type: "note", text: t("segment.settingsHint") },
    );
  },
});
