import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

const days = (aliases: string[]) => arg.int({ min: 1, max: 3660, aliases });

/** The workspace's visit rhythm: anyone may read it, an admin changes it. */
export default defineCommand({
  path: ["visit", "cadence"],
  role: "rep",
  args: {
    a: days(["A类"]),
    b: days(["B类"]),
    c: days(["C类"]),
    untiered: days(["none", "未分级"]),
    newCustomer: days(["new", "新客户"]),
    newPeriod: days(["新客户期"]),
    followUp: days(["跟进天数"]),
  },
  examples: ["", "A:30 B:60 C:90", "new:30 newPeriod:365", "followUp:5"],
  async handle({ args, services, t }) {
    const current = await services.settings.visits();
    const changed = Object.values(args).some((v) => v !== undefined);
    const next = {
      cadence: {
        A: args.a ?? current.cadence.A,
        B: args.b ?? current.cadence.B,
        C: args.c ?? current.cadence.C,
        none: args.untiered ?? current.cadence.none,
      },
      newCustomerDays: args.newCustomer ?? current.newCustomerDays,
      newPeriodDays: args.newPeriod ?? current.newPeriodDays,
      followUpDays: args.followUp ?? current.followUpDays,
    };
    const moved = changed ? (await services.settings.setVisits(next)).customersMoved : undefined;
    return reply(
      { type: "heading", text: t(changed ? "visit.cadence.saved" : "visit.cadence.title") },
      {
        type: "fields",
        fields: [
          { label: t("visit.cadence.tier", { tier: "A" }), value: t("visit.cadence.days", { count: next.cadence.A }) },
          { label: t("visit.cadence.tier", { tier: "B" }), value: t("visit.cadence.days", { count: next.cadence.B }) },
          { label: t("visit.cadence.tier", { tier: "C" }), value: t("visit.cadence.days", { count: next.cadence.C }) },
          { label: t("visit.cadence.untiered"), value: t("visit.cadence.days", { count: next.cadence.none }) },
          {
            label: t("visit.cadence.newCustomer", { period: next.newPeriodDays }),
            value: t("visit.cadence.days", { count: next.newCustomerDays }),
          },
          { label: t("visit.cadence.followUp"), value: t("visit.cadence.within", { count: next.followUpDays }) },
        ],
      },
      {
        type: "note",
        text: moved === undefined ? t("visit.cadence.hint") : t("visit.cadence.moved", { count: moved }),
      },
    );
  },
});
