/** Splits a list into runs of at most `size`, e.g. ids for `IN (…)` lists a database accepts. */
export function chunks<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += size) out.push(items.slice(i, i + size));
  return out;
}
