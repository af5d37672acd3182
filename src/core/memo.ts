/**
 * What was worked out for each key, remembered until it holds `limit` entries and then started
 * over: for caches whose keys are few at a time but many over a long run (days, quarter hours),
 * so that a bot that runs for months does not grow them without end.
 */
export class BoundedMemo<K, V> {
  private readonly values = new Map<K, V>();

  constructor(private readonly limit: number) {}

  get(key: K, compute: () => V): V {
    let value = this.values.get(key);
    // `undefined` can be a remembered answer too ("not a date").
    if (value === undefined && !this.values.has(key)) {
      if (this.values.size >= this.limit) this.values.clear();
      this.values.set(key, (value = compute()));
    }
    return value as V;
  }
}
