import { distance } from "fastest-levenshtein";
import { pinyin } from "pinyin-pro";

/** Something that may be meant, under each name it goes by (English, Chinese, pinyin). */
export interface Candidate<T> {
  names: readonly string[];
  value: T;
}

/** Most suggestions offered at once: more is a list to read, not a correction. */
const MOST = 3;

/** A Chinese name also as its toneless pinyin, so that `kehu` finds 客户. */
export function withPinyin(names: readonly string[]): string[] {
  return names.flatMap((name) =>
    /\p{Script=Han}/u.test(name) ? [name, pinyin(name, { toneType: "none", separator: "" })] : [name],
  );
}

/** Two neighbouring letters typed the wrong way round (fnid), the commonest typo, which Levenshtein counts twice. */
function swapped(a: string, b: string): boolean {
  if (a.length !== b.length) return false;
  const diff = [...a].flatMap((c, i) => (c === b[i] ? [] : [i]));
  return diff.length === 2 && diff[1] === diff[0]! + 1 && a[diff[0]!] === b[diff[1]!] && a[diff[1]!] === b[diff[0]!];
}

const normal = (s: string) =>
  s
    .toLowerCase()
    .replace(/[\s_-]+/g, " ")
    .trim();

/**
 * How far a typed word is from a name, as a share of the name's length: one typo in three letters
 * of an English word, one character in two of a Chinese word (信用额度 for 授信额度), nothing
 * further.
 */
function closeness(typed: string, name: string): number | undefined {
  const a = normal(typed);
  const b = normal(name);
  if (a === "" || b === "") return undefined;
  const d = swapped(a, b) ? 1 : distance(a, b);
  const length = Math.max([...a].length, [...b].length);
  const allowed = /\p{Script=Han}/u.test(b) ? Math.ceil(length / 2) : Math.max(1, Math.floor(length / 3));
  if (d > allowed || d > 3) return undefined;
  return d / length;
}

/**
 * The candidates nearest to what was typed, nearest first, each once. `typed` may depend on the
 * candidate: a two-word command is held to the first two words typed.
 */
export function nearest<T>(
  typed: string | ((candidate: Candidate<T>) => string),
  candidates: readonly Candidate<T>[],
): T[] {
  const scored: { value: T; score: number }[] = [];
  for (const candidate of candidates) {
    const text = typeof typed === "string" ? typed : typed(candidate);
    const scores = candidate.names.map((n) => closeness(text, n)).filter((s) => s !== undefined);
    if (scores.length > 0) scored.push({ value: candidate.value, score: Math.min(...scores) });
  }
  scored.sort((x, y) => x.score - y.score);
  return [...new Set(scored.map((s) => s.value))].slice(0, MOST);
}
