import { pinyin, polyphonic } from "pinyin-pro";

/**
 * Search keys for a customer: lower-case [0-9a-z] strings matched by prefix on an ordinary index.
 * For a name we store, from every syllable on, the full pinyin and the initials ("beijinghuada",
 * "jinghuada", "huada", "bjhd", "hd"...), so "hd", "huada" and "bjhd" all find 北京华达.
 * Polyphones: the reading in context comes first (重庆 → chongqing), other readings of each
 * polyphonic character are stored too with a lower weight (zhongqing), so either spelling works.
 */
export interface SearchTerm {
  term: string;
  weight: number;
}

const MAX_TERM_LENGTH = 64;
const MAX_ALTERNATIVE_READINGS = 6;
const CJK = /\p{Script=Han}/u;

export const WEIGHT = { code: 95, namePrefix: 90, phone: 70, nameInner: 60, alternative: -20 } as const;

interface Syllable {
  /** The reading in context first, then the other readings of a polyphonic character. */
  readings: string[];
  han: boolean;
}

/**
 * Syllables of a text: each Han character's readings (the other readings of a polyphonic character
 * only if `alternatives`: a query is matched by its reading in context), each ASCII letter-or-digit
 * run as one.
 */
function syllables(text: string, alternatives: boolean): Syllable[] {
  const chars = [...text];
  const han = CJK.test(text);
  const inContext = han ? pinyin(text, { toneType: "none", type: "array" }) : [];
  const readings = han && alternatives ? polyphonic(text, { toneType: "none", type: "array" }) : [];
  const result: Syllable[] = [];
  let run = "";
  const flush = () => {
    if (run) result.push({ readings: [run], han: false });
    run = "";
  };
  chars.forEach((ch, i) => {
    if (CJK.test(ch)) {
      flush();
      const first = inContext[i] ?? ch;
      result.push({ readings: [first, ...(readings[i] ?? []).filter((r) => r !== first)], han: true });
    } else if (/[0-9a-z]/i.test(ch)) {
      run += ch.toLowerCase();
    } else {
      flush();
    }
  });
  flush();
  return result;
}

/** The in-context reading, plus one variant per other reading of each polyphonic character. */
function readingVariants(text: string): { parts: string[]; alternative: boolean }[] {
  const syl = syllables(text, true);
  const base = syl.map((s) => s.readings[0]!);
  const variants = [{ parts: base, alternative: false }];
  for (let i = 0; i < syl.length && variants.length <= MAX_ALTERNATIVE_READINGS; i++) {
    for (const other of syl[i]!.readings.slice(1)) {
      if (variants.length > MAX_ALTERNATIVE_READINGS) break;
      variants.push({ parts: base.map((p, j) => (j === i ? other : p)), alternative: true });
    }
  }
  return variants;
}

function add(terms: Map<string, number>, term: string, weight: number): void {
  const t = term.slice(0, MAX_TERM_LENGTH);
  if (t && (terms.get(t) ?? -Infinity) < weight) terms.set(t, weight);
}

/** A one-letter key inside a name ("d" of 华达) would match nearly everything: not worth a row. */
const MIN_INNER_TERM_LENGTH = 2;

export function nameTerms(name: string, terms = new Map<string, number>()): Map<string, number> {
  for (const { parts, alternative } of readingVariants(name)) {
    const penalty = alternative ? WEIGHT.alternative : 0;
    parts.forEach((_, start) => {
      const rest = parts.slice(start);
      const weight = (start === 0 ? WEIGHT.namePrefix : WEIGHT.nameInner - start) + penalty;
      for (const term of [rest.join(""), rest.map((p) => p[0]).join("")]) {
        if (start === 0 || term.length >= MIN_INNER_TERM_LENGTH) add(terms, term, weight);
      }
    });
  }
  return terms;
}

export function digitsOf(text: string): string {
  return text.replace(/\D/g, "");
}

/**
 * A customer's search keys: its names, its code and those of the duplicates merged into it
 * (`mergedCodes`, which go on naming it), and its phone.
 */
export function customerSearchTerms(
  customer: {
    name: string;
    shortName?: string | null;
    code: string;
    phone?: string | null;
  },
  mergedCodes: readonly string[] = [],
): SearchTerm[] {
  const terms = nameTerms(customer.name);
  if (customer.shortName) nameTerms(customer.shortName, terms);
  for (const code of [customer.code, ...mergedCodes])
    add(terms, code.toLowerCase().replace(/[^0-9a-z]/g, ""), WEIGHT.code);
  const phone = digitsOf(customer.phone ?? "");
  // Every tail of four digits or more, so "8888" finds 138-0000-8888.
  for (let start = 0; start <= phone.length - 4; start++) add(terms, phone.slice(start), WEIGHT.phone);
  return [...terms].map(([term, weight]) => ({ term, weight }));
}

/**
 * What a query can mean as a search key: ASCII kept, each Han character as its full pinyin, and,
 * when letters are mixed with characters, as its initial ("bj华达" → "bjhuada", "bjhd"). For
 * characters alone the initials would match far too much (华达 → "hd" → 百货大楼).
 */
export function queryKeys(query: string): string[] {
  const keys = new Set<string>();
  const syl = syllables(query.trim(), false);
  const full = syl.map((s) => s.readings[0]!).join("");
  if (full) keys.add(full.slice(0, MAX_TERM_LENGTH));
  if (syl.some((s) => s.han) && syl.some((s) => !s.han)) {
    keys.add(
      syl
        .map((s) => (s.han ? s.readings[0]![0] : s.readings[0]))
        .join("")
        .slice(0, MAX_TERM_LENGTH),
    );
  }
  return [...keys];
}

export function hasHan(text: string): boolean {
  return CJK.test(text);
}

const ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyz";

/**
 * The smallest key greater than every key starting with `prefix`, for a range query that uses the
 * index on both databases (LIKE 'x%' does not on PostgreSQL with a non-C collation). Keys hold
 * only [0-9a-z], whose order is the same under byte and linguistic collations.
 */
export function prefixUpperBound(prefix: string): string | undefined {
  for (let i = prefix.length - 1; i >= 0; i--) {
    const next = ALPHABET.indexOf(prefix[i]!) + 1;
    if (next < ALPHABET.length) return prefix.slice(0, i) + ALPHABET[next];
  }
  return undefined;
}
