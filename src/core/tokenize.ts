/**
 * Splits a command line into words and key:value pairs. Accepts what Chinese input methods type:
 * the full-width colon ：, full-width spaces and the quotes “ ” ‘ ’ 「 」 『 』.
 */
export type Token = { kind: "word"; value: string } | { kind: "named"; key: string; value: string };

const QUOTES: Record<string, string> = { '"': '"', "'": "'", "“": "”", "‘": "’", "「": "」", "『": "』", "”": "”" };
/** The closing quote of each opening one, by character code. */
const CLOSERS = new Map(Object.entries(QUOTES).map(([open, close]) => [open.charCodeAt(0), close]));
const KEY = /^[\p{L}_][\p{L}\p{N}_-]*$/u;
const COLON = 0x3a;

export class UnclosedQuoteError extends Error {}

/** What `\s` matches, by character code: the scan then makes no string per character. */
function isSpace(code: number): boolean {
  return (
    code === 0x20 ||
    (code >= 0x09 && code <= 0x0d) ||
    (code >= 0x2000 && code <= 0x200a) ||
    code === 0xa0 ||
    code === 0x1680 ||
    code === 0x2028 ||
    code === 0x2029 ||
    code === 0x202f ||
    code === 0x205f ||
    code === 0x3000 ||
    code === 0xfeff
  );
}

/**
 * Splits a line into tokens, each taken as slices of the line: building them a character at a time
 * made a string per character, and a command's parsing (its line and each button's) was a fifth
 * of what it allocated.
 */
export function tokenize(input: string): Token[] {
  const text = input.replace(/：/g, ":");
  const raw: { text: string; colonAt: number }[] = [];
  /** The token so far, up to `from`; undefined between tokens. */
  let token: string | undefined;
  let from = 0;
  let colonAt = -1;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (isSpace(code)) {
      if (token !== undefined) raw.push({ text: token + text.slice(from, i), colonAt });
      token = undefined;
      colonAt = -1;
      continue;
    }
    if (token === undefined) {
      token = "";
      from = i;
    }
    const closer = CLOSERS.get(code);
    if (closer !== undefined) {
      const end = text.indexOf(closer, i + 1);
      if (end < 0) throw new UnclosedQuoteError(text[i]);
      token += text.slice(from, i) + text.slice(i + 1, end);
      i = end;
      from = end + 1;
      continue;
    }
    if (code === COLON && colonAt < 0) colonAt = token.length + i - from;
  }
  if (token !== undefined) raw.push({ text: token + text.slice(from), colonAt });

  const tokens: Token[] = [];
  for (let i = 0; i < raw.length; i++) {
    const { text: t, colonAt: at } = raw[i]!;
    const key = at > 0 ? t.slice(0, at) : "";
    if (at > 0 && KEY.test(key)) {
      let value = t.slice(at + 1);
      // "phone: 138..." — a space after the colon is a common slip; the next word is the value.
      if (value === "" && i + 1 < raw.length && raw[i + 1]!.colonAt < 0) value = raw[++i]!.text;
      tokens.push({ kind: "named", key, value });
    } else {
      tokens.push({ kind: "word", value: t });
    }
  }
  return tokens;
}

/** Quotes a value so that tokenize() reads it back as one word. */
export function quoteIfNeeded(value: string): string {
  return /[\s"'“”:：]/.test(value) || value === "" ? `“${value}”` : value;
}
