import { describe, expect, it } from "vitest";
import { customersMovedByTier, type TierMove } from "../../src/domain/alerts/rules.js";
import { sweepsAfter } from "../../src/domain/alerts/sweep-plan.js";
import { SETTINGS } from "../../src/domain/settings.js";

const alerts = SETTINGS.alerts.defaults;
const segments = SETTINGS.segments.defaults;
const move = (customerId: number, from: string | null, to: string, more: Partial<TierMove> = {}): TierMove => ({
  customerId,
  from,
  to,
  creditLimit: null,
  visitDueMoved: false,
  ...more,
});

describe("which rules a tier change moves", () => {
  it("moves for each customer only the rules whose inputs differ between its old tier and its new", () => {
    const moved = customersMovedByTier(
      [
        // A first tier of C: only C's credit limit is new ("no tier" shares C's churn factor, cadence and grace).
        move(1, null, "C"),
        // Its own credit limit overrides C's: nothing moves.
        move(2, null, "C", { creditLimit: 500_000n }),
        // A is critical, its churn factor and grace its own, its visits closer; its credit limit, none, is no tier's.
        move(3, null, "A", { visitDueMoved: true }),
        // B to C: a lower credit limit and a longer grace; the churn factor is the same.
        move(4, "B", "C"),
        // With a credit limit of its own, A still moves churn and visits.
        move(5, null, "A", { creditLimit: 500_000n }),
      ],
      alerts,
      segments,
    );
    expect(Object.fromEntries(moved)).toEqual({
      receivables: [1, 4],
      churn: [3, 5],
      no_visit: [3, 4, 5],
    });
  });

  it("follows the workspace's own rules: a churn factor for C unlike no tier's moves churn for a first tier of C", () => {
    const own = {
      ...alerts,
      rules: { ...alerts.rules, churn: { ...alerts.rules.churn, factor: { ...alerts.rules.churn.factor, C: 3 } } },
    };
    expect(customersMovedByTier([move(1, null, "C")], own, segments).get("churn")).toEqual([1]);
  });
});

describe("the sweeps after a change", () => {
  const counted = (customers: number) => {
    const count = {
      calls: 0,
      customers: async () => {
        count.calls++;
        return customers;
      },
    };
    return count;
  };

  it("sweeps a write's few customers by every rule, without counting the workspace", async () => {
    const count = counted(100_000);
    expect(await sweepsAfter([7, 8], count.customers)).toEqual([
      { customerIds: [7, 8], rules: expect.arrayContaining(["churn", "no_visit", "stale_profile"]) },
    ]);
    expect(count.calls).toBe(0);
    expect(await sweepsAfter("all", count.customers)).toEqual([{}]);
  });

  it("sweeps every customer by the rules a change moved for more than a quarter of them, and only their own customers by the others", async () => {
    const many = Array.from({ length: 30_000 }, (_, i) => i + 1);
    const byRule = new Map([
      ["receivables", many],
      ["churn", [1, 2]],
      ["no_visit", [2, 3]],
    ] as const);
    expect(await sweepsAfter(byRule, counted(100_000).customers)).toEqual([
      { rules: ["receivables"] },
      { customerIds: [1, 2, 3], rules: ["churn", "no_visit"] },
    ]);
    // In a workspace of 200,000 customers, 30,000 are few enough to sweep by themselves.
    const [only] = await sweepsAfter(byRule, counted(200_000).customers);
    expect(only!.rules).toEqual(["receivables", "churn", "no_visit"]);
    expect(only!.customerIds).toHaveLength(30_000);
  });

  it("sweeps nothing for rules a change moved for nobody", async () => {
    expect(await sweepsAfter(new Map([["churn", []]]), counted(10).customers)).toEqual([]);
  });
});
