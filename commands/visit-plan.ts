import { line } from "../src/views/command-line.js";
import { phrase } from "../src/core/messages.js";
import { arg } from "../src/core/args.js";
import { defineCommand } from "../src/application/command.js";
import { monthOf, parseDate } from "../src/core/dates.js";
import { UserError } from "../src/core/errors.js";
import { reply } from "../src/core/reply.js";
import type { PlanEntry } from "../src/domain/visits/plans.js";
import { whoArg, whoFrom } from "./shared/visits.js";

export default defineCommand({
  path: ["visit", "plan"],
  role: "rep",
  args: {
    entries: arg.text({ rest: true, max: 2000, aliases: ["计划"] }),
    who: whoArg(),
    month: arg.month({ aliases: ["月份", "月"] }),
    replace: arg.bool({ aliases: ["替换", "重订"] }),
  },
  examples: ["", "华达 12-03 重庆百货 鑫源 12-10", "who:王伟 month:2026-12 张三商行 12-05", "华达 12-01 replace:是"],
  async handle({ args, services, t, fmt, now }) {
    const { timezone } = fmt;
    const who = whoFrom(args.who, "me");
    if (who === "team") throw new UserError("visit.plan.oneRep");
    const [userId] = (await services.users.scope(who))!;
    const userName = typeof who === "object" ? who.name : undefined;
    let month = args.month;
    if (args.entries) {
      const entries = await planEntries(args.entries, (ref) => services.customers.resolve(ref), now, timezone);
      month ??= monthOf(entries[0]!.date, timezone);
      const result = await services.visitPlans.set(userId!, month, entries, args.replace ?? false);
      const head = userName
        ? t("visit.plan.saved", { user: userName, month, count: result.added })
        : t("visit.plan.savedMine", { month, count: result.added });
      const notes = [
        result.alreadyPlanned > 0 && t("visit.plan.alreadyPlanned", { count: result.alreadyPlanned }),
        result.removed > 0 && t("visit.plan.replaced", { count: result.removed }),
      ];
      return withPlan(await services.visitPlans.show(userId!, month), head, notes.filter(Boolean) as string[]);
    }
    month ??= monthOf(now, timezone);
    return withPlan(
      await services.visitPlans.show(userId!, month),
      userName ? t("visit.plan.title", { user: userName, month }) : t("visit.plan.titleMine", { month }),
      [],
    );

    function withPlan(plan: Awaited<ReturnType<typeof services.visitPlans.show>>, heading: string, notes: string[]) {
      return reply(
        { type: "heading", text: heading },
        {
          type: "list",
          empty: t("visit.plan.empty"),
          items: plan.map((p) => ({
            title: `${fmt.formatDate(p.plannedOn)} · ${fmt.aside(p.customer.name, p.customer.code)}`,
            detail: [phrase(t, "vocab.planState", p.state), ...p.visitedOn.map((d) => fmt.formatDate(d))].join(" · "),
          })),
        },
        ...notes.map((text) => ({ type: "note" as const, text })),
        {
          type: "buttons",
          buttons: [{ label: t("visit.plan.statusButton"), command: line("visit plan status", { month }) }],
        },
      );
    }
  },
});

/**
 * "华达 12-03 重庆百货 鑫源 12-10": customers followed by the date they are planned for; a date
 * applies to every customer named since the previous date.
 */
async function planEntries(
  text: string,
  resolve: (ref: string) => Promise<PlanEntry["customer"]>,
  now: Date,
  timezone: string,
): Promise<PlanEntry[]> {
  const entries: PlanEntry[] = [];
  let pending: PlanEntry["customer"][] = [];
  for (const word of text.split(/[\s,，、]+/).filter(Boolean)) {
    const date = parseDate(word, now, timezone, "future");
    if (date) {
      if (pending.length === 0) throw new UserError("visit.plan.dateWithoutCustomer", { date: word });
      entries.push(...pending.map((customer) => ({ customer, date })));
      pending = [];
    } else {
      pending.push(await resolveOne(resolve, word));
    }
  }
  if (pending.length > 0)
    throw new UserError("visit.plan.customerWithoutDate", { customers: pending.map((c) => c.name).join("、") });
  return entries;
}

/** A plan names many customers at once, so an ambiguous one is refused with its candidates spelled out. */
async function resolveOne(resolve: (ref: string) => Promise<PlanEntry["customer"]>, ref: string) {
  try {
    return await resolve(ref);
  } catch (error) {
    if (error instanceof UserError && error.choices.length > 0) {
      throw new UserError("visit.plan.ambiguous", {
        query: ref,
        candidates: error.choices.map((c) => c.label).join("、"),
      });
    }
    throw error;
  }
}
