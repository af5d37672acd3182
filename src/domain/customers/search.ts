import type { WorkspaceDb } from "../../db/scope.js";
import { digitsOf, hasHan, prefixUpperBound, queryKeys } from "./search-terms.js";

export interface SearchHit {
  id: number;
  code: string;
  name: string;
  type: string;
  region: string | null;
  ownerId: number | null;
  score: number;
}

/** How many matching keys to rank before cutting to the limit. */
const CANDIDATE_KEYS = 300;

/**
 * Customers matching a query by name, pinyin (full or initials, mixed with characters), code or
 * phone, best first. Matching uses prefix ranges on the search-key index; ranking then favours
 * exact names and codes, matches at the start of the name, and characters the user typed as such.
 */
export async function searchCustomers(db: WorkspaceDb, query: string, limit: number, ownerIds: number[] | null): Promise<SearchHit[]> {
  const q = query.trim();
  const keys = new Set(queryKeys(q));
  const digits = digitsOf(q);
  if (digits.length >= 3 && digits.length === q.replace(/[\s-]/g, "").length) keys.add(digits);
  if (keys.size === 0) return [];

  const ownerFilter = ownerIds === null ? {} : { customer: { ownerId: { in: ownerIds } } };
  const rows = await db.customerSearchTerm.findMany({
    where: {
      OR: [...keys].map((key) => {
        const upper = prefixUpperBound(key);
        return { term: upper ? { gte: key, lt: upper } : { gte: key } };
      }),
      ...ownerFilter,
    },
    select: { customerId: true, weight: true, term: true },
    orderBy: { weight: "desc" },
    take: CANDIDATE_KEYS,
  });

  const best = new Map<number, number>();
  for (const row of rows) {
    // A key that is exactly what was typed beats one that merely starts with it.
    const score = row.weight + (keys.has(row.term) ? 5 : 0);
    if ((best.get(row.customerId) ?? -Infinity) < score) best.set(row.customerId, score);
  }
  if (best.size === 0) return [];

  const customers = await db.customer.findMany({
    where: { id: { in: [...best.keys()] } },
    select: { id: true, code: true, name: true, type: true, region: true, ownerId: true },
  });
  const typedHan = hasHan(q);
  return customers
    .map((c) => {
      let score = best.get(c.id)!;
      if (c.name === q) score += 200;
      else if (typedHan && c.name.includes(q)) score += c.name.startsWith(q) ? 60 : 40;
      if (c.code.toLowerCase() === q.toLowerCase()) score += 150;
      return { ...c, score };
    })
    .sort((a, b) => b.score - a.score || a.name.length - b.name.length || a.code.localeCompare(b.code))
    .slice(0, limit);
}
