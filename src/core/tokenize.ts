/**
 * Splits a command line into words and key:value pairs. Accepts what Chinese input methods type:
 * the full-width colon ：, full-width spaces and the quotes “ ” ‘ ’ 「 」 『 』.
 */
export type Token = { kind: "word"; value: string } | { kind: "named"; key: string; value: string };

const QUOTES: Record<string, string> = { '"': '"', "'": "'", "“": "”", "‘": "’", "「": "」", "『": "』", "”": "”" };
const KEY = /^[\p{L}_][\p{L}\p{N}_-]*$/u;

export class UnclosedQuoteError extends Error {}

export function tokenize(input: string): Token[] {
  const text = input.replace(/：/g, ":").replace(/\u3000/g, " ");
  const raw: { text: string; colonAt: number }[] = [];
  let current = "";
  let colonAt = -1;
  let inToken = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i]!;
    if (/\s/.test(ch)) {
      if (inToken) raw.push({ text: current, colonAt });
      current = "";
      colonAt = -1;
      inToken = false;
      continue;
    }
    inToken = true;
    const closer = QUOTES[ch];
    if (closer !== undefined) {
      const end = text.indexOf(closer, i + 1);
      if (end < 0) throw new UnclosedQuoteError(ch);
      current += text.slice(i + 1, end);
      i = end;
      continue;
    }
    if (ch === ":" && colonAt < 0) colonAt = current.length;
    current += ch;
  }
  if (inToken) raw.push({ text: current, colonAt });

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
