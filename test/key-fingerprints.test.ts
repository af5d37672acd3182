import { describe, expect, it } from "vitest";
import { KeyFingerprints } from "../src/domain/imports/key-fingerprints.js";

describe("an import's key fingerprints", () => {
  it("hold every key added through the table's growth, and almost no key never added", () => {
    const prints = new KeyFingerprints();
    for (let i = 0; i < 50_000; i++) prints.add(`SO-${i}`);
    prints.add("SO-7"); // a repeat changes nothing
    for (let i = 0; i < 50_000; i++) expect(prints.mayHold(`SO-${i}`)).toBe(true);
    let chance = 0;
    for (let i = 50_000; i < 100_000; i++) if (prints.mayHold(`SO-${i}`)) chance++;
    expect(chance).toBeLessThan(10);
    expect(new KeyFingerprints().mayHold("SO-1")).toBe(false);
  });
});
