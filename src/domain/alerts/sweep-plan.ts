import type { AlertRuleId } from "../settings.js";
import { RULE_IDS } from "./rules.js";

/** The customers a change touched: every one, some (for every rule), or some for each rule it moves. */
export type Changed = "all" | readonly number[] | ReadonlyMap<AlertRuleId, readonly number[]>;

/** One sweep: of every customer unless narrowed to some, by every rule unless narrowed to some. */
export interface SweepScope {
  customerIds?: number[];
  rules?: readonly AlertRuleId[];
}

/** Up to this many customers, a rule always sweeps just them. */
const ALWAYS_NARROWED = 1_000;
/**
 * Beyond that, while they are at most this share of the workspace: a narrowed sweep costs about
 * twice a full one per customer. At 100,000 customers the tier rules swept 20,000 of them in
 * 1.1 s on PostgreSQL and 0.75 s on SQLite, and all of them in 2.5 and 1.6 s.
 */
const NARROWED_SHARE = 0.25;

/**
 * The sweeps a change needs: one of every customer by the rules it moved for many, and one of the
 * others' customers by the rules it moved for few. Customers are counted only for a large change.
 */
export async function sweepsAfter(changed: Changed, countCustomers: () => Promise<number>): Promise<SweepScope[]> {
  if (changed === "all") return [{}];
  const byRule: ReadonlyMap<AlertRuleId, readonly number[]> = Array.isArray(changed)
    ? new Map(RULE_IDS.map((rule) => [rule, changed]))
    : // Array.isArray narrows a readonly array in, but not out.
      (changed as ReadonlyMap<AlertRuleId, readonly number[]>);
  const most = Math.max(0, ...[...byRule.values()].map((ids) => ids.length));
  const limit =
    most <= ALWAYS_NARROWED ? ALWAYS_NARROWED : Math.max(ALWAYS_NARROWED, (await countCustomers()) * NARROWED_SHARE);
  const full: AlertRuleId[] = [];
  const narrowed: AlertRuleId[] = [];
  const customers = new Set<number>();
  for (const [rule, ids] of byRule) {
    if (ids.length === 0) continue;
    if (ids.length > limit) full.push(rule);
    else {
      narrowed.push(rule);
      for (const id of ids) customers.add(id);
    }
  }
  return [
    ...(full.length > 0 ? [{ rules: full }] : []),
    ...(narrowed.length > 0 ? [{ customerIds: [...customers], rules: narrowed }] : []),
  ];
}
