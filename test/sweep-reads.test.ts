import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Database } from "../src/db/client.js";
import { openTestWorkspace, testProviders } from "./support/databases.js";

// The early-warning rules read a ledger over several windows of time at once: PostgreSQL in one
// pass with a FILTER per window, SQLite a window at a time. Both must find the same figures, with
// each window's own ends (from inclusive, up to `lt` exclusive or `lte` inclusive), voided entries
// left out, and a customer absent from a window it has no entry in.
describe.each(testProviders())("a sweep's ledger windows (%s)", (provider) => {
  let db: Database;
  let workspaceId: number;
  let close: () => Promise<void>;
  const ids: number[] = [];
  const at = (day: string) => new Date(`2026-${day}T00:00:00.000Z`);

  beforeAll(async () => {
    ({ db, workspaceId, close } = await openTestWorkspace(provider));
    for (const code of ["A", "B", "C"]) {
      const customer = await db.prisma.customer.create({
        data: { workspaceId, code, name: `客户${code}`, type: "dealer" },
      });
      ids.push(customer.id);
    }
    const [a, b] = ids as [number, number];
    const orders: [customerId: number, day: string, amount: bigint, voided?: true][] = [
      [a, "01-15", 100n],
      [a, "10-01", 20n], // on the window's first instant: in
      [a, "10-31", 3n],
      [a, "11-01", 4_000n], // on `lt`: out of October, in November
      [a, "10-20", 900_000n, true], // voided: nowhere
      [b, "11-30", 7n],
    ];
    await db.prisma.order.createMany({
      data: orders.map(([customerId, day, amount, voided], i) => ({
        workspaceId,
        number: i + 1,
        customerId,
        orderedAt: at(day),
        amount,
        voidedAt: voided ? at("11-02") : null,
      })),
    });
  });
  afterAll(() => close());

  it("sums, counts and spans each window, each customer with entries in it and no other", async () => {
    const [a, b] = ids as [number, number];
    const figures = await db.data.sweep.windows(workspaceId, { gte: 0, lt: 2 ** 31 - 1 }, "order", {
      totals: {
        ever: {},
        october: { gte: at("10-01"), lt: at("11-01") },
        novemberThroughLast: { gte: at("11-01"), lte: at("11-30") },
      },
      counts: { year: { gte: at("01-01"), lt: at("12-01") }, march: { gte: at("03-01"), lt: at("04-01") } },
      spans: { autumn: { gte: at("09-01"), lte: at("11-01") } },
    });
    expect(figures.totals.ever).toEqual(
      new Map([
        [a, 4_123n],
        [b, 7n],
      ]),
    );
    expect(figures.totals.october).toEqual(new Map([[a, 23n]]));
    expect(figures.totals.novemberThroughLast).toEqual(
      new Map([
        [a, 4_000n],
        [b, 7n],
      ]),
    );
    expect(figures.counts.year).toEqual(
      new Map([
        [a, 4],
        [b, 1],
      ]),
    );
    expect(figures.counts.march).toEqual(new Map());
    expect(figures.spans.autumn).toEqual(new Map([[a, { count: 3, first: at("10-01"), last: at("11-01") }]]));
  });

  it("reads nothing of a ledger none of whose windows a running rule needs", async () => {
    const none = { totals: {}, counts: {}, spans: {} };
    expect(await db.data.sweep.windows(workspaceId, { gte: 0, lt: 2 ** 31 - 1 }, "order", none)).toEqual(none);
  });

  it("reads a few customers by id as it reads a slice", async () => {
    const [, b, c] = ids as [number, number, number];
    const figures = await db.data.sweep.windows(workspaceId, { in: [b, c] }, "order", {
      totals: { november: { gte: at("11-01"), lt: at("12-01") } },
      counts: {},
      spans: { ever: {} },
    });
    expect(figures.totals.november).toEqual(new Map([[b, 7n]]));
    expect(figures.spans.ever).toEqual(new Map([[b, { count: 1, first: at("11-30"), last: at("11-30") }]]));
  });

  it("sums exactly past the integers a double holds", async () => {
    const big = await db.prisma.customer.create({ data: { workspaceId, code: "D", name: "客户D", type: "dealer" } });
    const huge = 2n ** 52n + 1n;
    await db.prisma.order.createMany({
      // 2^53 + 3, which a double rounds to 2^53 + 4.
      data: [7, 8].map((number, i) => ({
        workspaceId,
        number,
        customerId: big.id,
        orderedAt: at("06-01"),
        amount: huge + BigInt(i),
      })),
    });
    const figures = await db.data.sweep.windows(workspaceId, { in: [big.id] }, "order", {
      totals: { ever: {}, june: { gte: at("06-01"), lt: at("07-01") } },
      counts: { june: { gte: at("06-01"), lt: at("07-01") } },
      spans: {},
    });
    expect(figures.totals.ever).toEqual(new Map([[big.id, 2n * huge + 1n]]));
    expect(figures.totals.june).toEqual(new Map([[big.id, 2n * huge + 1n]]));
    expect(figures.counts.june).toEqual(new Map([[big.id, 2]]));
  });
});
