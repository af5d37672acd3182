import type { CustomerQuery } from "../../db/repositories/customers.js";
import { digitsOf, hasHan, prefixUpperBound, queryKeys } from "./search-terms.js";

/**
 * What a search for this text looks for: by name, pinyin (full or initials, mixed with
 * characters), code or phone, as prefix ranges of the search-key index.
 */
export function customerQuery(typed: string): CustomerQuery {
  const text = typed.trim();
  const keys = new Set(queryKeys(text));
  const digits = digitsOf(text);
  if (digits.length >= 3 && digits.length === text.replace(/[\s-]/g, "").length) keys.add(digits);
  return {
    text,
    keys: [...keys],
    ranges: [...keys].map((key) => ({ from: key, to: prefixUpperBound(key) ?? null })),
    typedCharacters: hasHan(text),
  };
}
