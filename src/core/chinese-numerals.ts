/*
 * Chinese numerals as people say them, not only as they are written out: 一万二 is 12,000 and
 * 三千五 is 3,500 (a last digit without its unit takes the unit below the one before it), 两千 is
 * 2,000, 十五 is 15. nzh and chrono-node read 一万二 as 10,002 and 两千 as 0, so this is by hand.
 */

const DIGITS: Record<string, number> = {
  零: 0,
  〇: 0,
  一: 1,
  壹: 1,
  二: 2,
  两: 2,
  贰: 2,
  三: 3,
  叁: 3,
  四: 4,
  肆: 4,
  五: 5,
  伍: 5,
  六: 6,
  陆: 6,
  七: 7,
  柒: 7,
  八: 8,
  捌: 8,
  九: 9,
  玖: 9,
};
const SMALL_UNITS: Record<string, number> = { 十: 10, 拾: 10, 百: 100, 佰: 100, 千: 1000, 仟: 1000 };
const LARGE_UNITS: Record<string, number> = { 万: 10_000, 萬: 10_000, 亿: 100_000_000 };

/** One run of numeral characters, for finding numbers inside other text (十二月三号). */
export const CHINESE_NUMERAL_RUN = /[零〇一壹二两贰三叁四肆五伍六陆七柒八捌九玖十拾百佰千仟万萬亿]+/gu;

/**
 * The whole number a run of Chinese numerals says, or undefined when it is not one (一二, 万,
 * 十十). Exact: the result is a bigint, so 九千亿 and beyond stay whole.
 */
export function parseChineseInteger(text: string): bigint | undefined {
  if (text.length === 0) return undefined;
  let total = 0n;
  let section = 0n;
  let digit: bigint | undefined;
  let lastUnit = 1n;
  let afterZero = false;
  let lastLarge = Number.POSITIVE_INFINITY;
  for (const ch of text) {
    if (ch in DIGITS) {
      if (digit !== undefined) return undefined;
      if (DIGITS[ch] === 0) {
        afterZero = true;
        continue;
      }
      digit = BigInt(DIGITS[ch]!);
    } else if (ch in SMALL_UNITS) {
      const unit = BigInt(SMALL_UNITS[ch]!);
      // 十五 has no digit before 十; 五十十 or 百十 are not numbers.
      if (digit === undefined && !(unit === 10n && section === 0n && !afterZero)) return undefined;
      if (section % (unit * 10n) !== 0n && unit >= lastUnit) return undefined;
      section += (digit ?? 1n) * unit;
      lastUnit = unit;
      digit = undefined;
      afterZero = false;
    } else if (ch in LARGE_UNITS) {
      const unit = LARGE_UNITS[ch]!;
      if (unit >= lastLarge) return undefined;
      section += digit ?? 0n;
      if (section === 0n) return undefined;
      total += section * BigInt(unit);
      section = 0n;
      digit = undefined;
      lastUnit = BigInt(unit);
      lastLarge = unit;
      afterZero = false;
    } else {
      return undefined;
    }
  }
  if (digit !== undefined) section += !afterZero && lastUnit >= 10n ? (digit * lastUnit) / 10n : digit;
  else if (afterZero && section === 0n && total === 0n) return 0n;
  return total + section;
}

/** The text with every run of Chinese numerals written in digits (十二月三号 → 12月3号); runs that are not numbers stay. */
export function withArabicNumerals(text: string): string {
  return text.replace(CHINESE_NUMERAL_RUN, (run) => parseChineseInteger(run)?.toString() ?? run);
}
