/**
 * The keys an import has staged, as fingerprints: a key whose fingerprint was never seen was never
 * staged, so only the rare key whose fingerprint was (a row repeated in the file, or a chance
 * match) is looked up among the staged rows. Looking up every key was two statements per batch,
 * and PostgreSQL, whose statistics knew the staging table only as it was before the import, read
 * the whole of it for each until autovacuum analyzed it: a growing share of a large import's
 * reading.
 *
 * An open-addressed table of 32-bit fingerprints rather than a Set: a million keys take 8 MB here,
 * where a Set of numbers took some 40 MB more at the peak, and the import's memory has a budget.
 */
export class KeyFingerprints {
  /** Zero marks an empty slot; fingerprints are never zero. Half full at most, so probes stay short. */
  private slots = new Uint32Array(1 << 10);
  private size = 0;

  /** False only for a key never added. */
  mayHold(key: string): boolean {
    return this.slots[this.slotOf(fingerprint(key), this.slots)] !== 0;
  }

  add(key: string): void {
    const print = fingerprint(key);
    const slot = this.slotOf(print, this.slots);
    if (this.slots[slot] !== 0) return;
    this.slots[slot] = print;
    if (++this.size * 2 > this.slots.length) this.grow();
  }

  /** The slot holding the fingerprint, or the empty one where it would go. */
  private slotOf(print: number, slots: Uint32Array): number {
    const mask = slots.length - 1;
    let slot = print & mask;
    while (slots[slot] !== 0 && slots[slot] !== print) slot = (slot + 1) & mask;
    return slot;
  }

  private grow(): void {
    const slots = new Uint32Array(this.slots.length * 2);
    for (const print of this.slots) if (print !== 0) slots[this.slotOf(print, slots)] = print;
    this.slots = slots;
  }
}

/**
 * FNV-1a over the key's UTF-16 code units, never zero. A million keys then share a fingerprint by
 * chance some 120 times, each costing a lookup.
 */
export function fingerprint(key: string): number {
  let hash = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) hash = Math.imul(hash ^ key.charCodeAt(i), 0x01000193);
  return hash >>> 0 || 1;
}
