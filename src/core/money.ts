import { parseChineseInteger } from "./chinese-numerals.js";

/**
 * Money is kept as an exact integer of minor units (fen for CNY). Parses what users type:
 * 12000, 12,000.50, ¥12000, 1.2万, 1.5万元, 3k, ￥5,000 元, 12，000 (a Chinese input method's
 * comma), 五万, 一万二, 三千五, 两千块.
 */
export const MINOR_UNITS = 100n;

/**
 * A unit typed as a word of its own after the amount ("￥5,000 元", "1.5 万"): part of the amount,
 * not the next argument.
 */
export const MONEY_UNIT_WORD = /^(?:元|块钱|块|圆|万|万元|千|千元)$/u;

/** Full-width digits, commas and ￥ as their ASCII forms, and the words for yuan dropped. */
function plainAmount(text: string): string {
  return text
    .normalize("NFKC")
    .trim()
    .replace(/\s*(?:元|块钱|块|圆)$/u, "");
}

export function parseMoney(text: string): bigint | undefined {
  const plain = plainAmount(text);
  const m = /^([+-])?[¥$]?\s*(\d{1,15}(?:,\d{3})*|\d+)(?:\.(\d{1,2}))?\s*(万|w|k|千)?$/i.exec(plain);
  if (!m) {
    const spoken = parseChineseInteger(plain.replace(/^[¥$]/, ""));
    return spoken === undefined ? undefined : spoken * MINOR_UNITS;
  }
  const sign = m[1] === "-" ? -1n : 1n;
  const whole = BigInt(m[2]!.replaceAll(",", ""));
  const fraction = BigInt((m[3] ?? "").padEnd(2, "0"));
  const unit = (m[4] ?? "").toLowerCase();
  const multiplier = unit === "万" || unit === "w" ? 10_000n : unit === "k" || unit === "千" ? 1_000n : 1n;
  // 1.5万 = 15000.00: the fraction scales with the multiplier.
  const minor = (whole * MINOR_UNITS + fraction) * multiplier;
  return sign * minor;
}

/**
 * The largest amount one order, payment, expense, budget or plan may carry: ¥10,000,000,000 in
 * fen. Above it is a typing mistake, not a sale; and it keeps every sum the reports take (millions
 * of rows) far inside a 64-bit integer on both databases.
 */
export const MAX_AMOUNT = 10_000_000_000n * MINOR_UNITS;

/** Minor units as an exact decimal string of major units ("-12345.07"), for formatting and CSV. */
export function toDecimal(minor: bigint): string {
  const sign = minor < 0n ? "-" : "";
  const abs = minor < 0n ? -minor : minor;
  return `${sign}${abs / MINOR_UNITS}.${String(abs % MINOR_UNITS).padStart(2, "0")}`;
}

/** Whole major units with thousands separators ("10,000,000,000"), for limits named in messages. */
export function wholeAmount(minor: bigint): string {
  return (minor / MINOR_UNITS).toLocaleString("en-US");
}

/** Minor units as a number of major units: for chart axes only, where a float is close enough. */
export function toMajor(minor: bigint): number {
  return Number(minor) / Number(MINOR_UNITS);
}
