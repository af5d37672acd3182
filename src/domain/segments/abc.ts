import type { SegmentSettings } from "../settings.js";

export type Tier = "A" | "B" | "C";

export interface Ranked {
  customerId: number;
  sales: bigint;
  tier: Tier;
  keyAccount: boolean;
}

/**
 * ABC分析法 and the 80/20 rule over one window of sales: customers ranked by sales; A are those
 * whose sales make up the first `aShare` percent of the total (the customer that crosses the line
 * included), B the next `bShare` percent, C the rest; the top `keyShare` percent of the customers
 * who bought are key accounts. Customers who bought nothing are not in `sales` and are C.
 */
export function rankCustomers(sales: { customerId: number; sales: bigint }[], settings: SegmentSettings): Ranked[] {
  const buying = sales
    .filter((s) => s.sales > 0n)
    .sort((a, b) => (a.sales === b.sales ? a.customerId - b.customerId : a.sales > b.sales ? -1 : 1));
  const total = buying.reduce((sum, s) => sum + s.sales, 0n);
  const keyCount = Math.ceil((buying.length * settings.keyShare) / 100);
  let before = 0n;
  return buying.map((s, i) => {
    // Percent of the total sold by the customers ranked above this one, in exact integers.
    const share = Number((before * 10_000n) / total) / 100;
    before += s.sales;
    const tier: Tier = share < settings.aShare ? "A" : share < settings.aShare + settings.bShare ? "B" : "C";
    return { customerId: s.customerId, sales: s.sales, tier, keyAccount: i < keyCount };
  });
}

/** The credit limit that applies: the customer's own, else its tier's policy (A: none by default). */
export function effectiveCreditLimit(
  customer: { creditLimit: bigint | null; tier: string | null },
  settings: SegmentSettings,
): { limit: bigint | null; fromPolicy: boolean } {
  if (customer.creditLimit !== null) return { limit: customer.creditLimit, fromPolicy: false };
  const policy =
    customer.tier === "A" || customer.tier === "B" || customer.tier === "C"
      ? settings.creditLimits[customer.tier]
      : null;
  return { limit: policy === null ? null : BigInt(policy), fromPolicy: policy !== null };
}
