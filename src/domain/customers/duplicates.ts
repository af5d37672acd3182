import { digitsOf } from "./search-terms.js";

/** Endings that name the same business written shorter or longer: 张三商行 is 张三 is 张三有限公司. */
const LEGAL_ENDINGS = /(?:股份有限公司|有限责任公司|有限公司|公司|商行|商店|店)$/u;

/**
 * A customer's name as compared for duplicates: full-width forms, case, spaces and punctuation
 * set aside, and one trailing 有限公司 / 公司 / 商行 / 店 dropped. A name that is only such an
 * ending keeps it.
 */
export function nameKey(name: string): string {
  const plain = name
    .normalize("NFKC")
    .toLowerCase()
    .replace(/[\s\p{P}\p{S}]/gu, "");
  return plain.replace(LEGAL_ENDINGS, "") || plain;
}

/** The name without its legal ending, as typed: what a search for the same business looks for. */
export function nameCore(name: string): string {
  const trimmed = name.normalize("NFKC").trim();
  return trimmed.replace(LEGAL_ENDINGS, "") || trimmed;
}

/** Phone numbers compare by their digits; fewer than seven digits (an extension) say nothing. */
export function phoneKey(phone: string | null | undefined): string | null {
  const digits = digitsOf((phone ?? "").normalize("NFKC"));
  return digits.length >= 7 ? digits : null;
}

/** Why two customers look like one: the same name once normalized, or the same phone. */
export type DuplicateReason = "name" | "phone";

export function duplicateReason(
  candidate: { name: string; phone?: string | null },
  existing: { name: string; phone: string | null },
): DuplicateReason | null {
  if (nameKey(candidate.name) === nameKey(existing.name)) return "name";
  const phone = phoneKey(candidate.phone);
  return phone !== null && phone === phoneKey(existing.phone) ? "phone" : null;
}
