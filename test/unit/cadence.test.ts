import { describe, expect, it } from "vitest";
import { SETTINGS } from "../../src/domain/settings.js";
import { visitDueAt, type CadenceFacts } from "../../src/domain/visits/cadence.js";

const settings = SETTINGS.visits.defaults;
const day = (s: string) => new Date(`${s}T00:00:00Z`);
const customer = (facts: Partial<CadenceFacts>): CadenceFacts => ({
  status: "active",
  tier: null,
  visitCadenceDays: null,
  relationSince: day("2020-01-01"),
  createdAt: day("2026-01-01"),
  lastVisitAt: day("2026-11-01"),
  ...facts,
});

describe("visit cadence", () => {
  it.each([
    ["A", "2026-12-01"],
    ["B", "2026-12-31"],
    ["C", "2027-01-30"],
    [null, "2027-01-30"],
  ])("an established tier %s customer is due a month, two months or a quarter after the last visit", (tier, due) => {
    expect(visitDueAt(customer({ tier }), settings)).toEqual(day(due));
  });

  it("visits a customer monthly in its first year, whatever its tier", () => {
    expect(visitDueAt(customer({ tier: "C", relationSince: day("2026-06-01") }), settings)).toEqual(day("2026-12-01"));
  });

  it("switches to the tier's cadence when the first year ends before the next monthly visit", () => {
    // The first year ends 2026-11-20, before the monthly visit would fall due (11-24).
    expect(
      visitDueAt(customer({ tier: "C", relationSince: day("2025-11-20"), lastVisitAt: day("2026-10-25") }), settings),
    ).toEqual(day("2027-01-23"));
    // The monthly visit falls due within the first year: it stands.
    expect(
      visitDueAt(customer({ tier: "C", relationSince: day("2025-11-20"), lastVisitAt: day("2026-10-01") }), settings),
    ).toEqual(day("2026-10-31"));
  });

  it("counts from when the customer was entered if it was never visited", () => {
    expect(visitDueAt(customer({ tier: "B", lastVisitAt: null, createdAt: day("2026-10-01") }), settings)).toEqual(
      day("2026-11-30"),
    );
  });

  it("lets a per-customer cadence override the tier and the first year", () => {
    expect(
      visitDueAt(customer({ tier: "C", visitCadenceDays: 14, relationSince: day("2026-06-01") }), settings),
    ).toEqual(day("2026-11-15"));
  });

  it("expects no visits to churned or blacklisted customers", () => {
    expect(visitDueAt(customer({ status: "churned" }), settings)).toBeNull();
    expect(visitDueAt(customer({ status: "blacklisted" }), settings)).toBeNull();
  });

  it("follows the workspace's settings", () => {
    const weekly = { ...settings, cadence: { ...settings.cadence, A: 7 } };
    expect(visitDueAt(customer({ tier: "A" }), weekly)).toEqual(day("2026-11-08"));
  });
});
