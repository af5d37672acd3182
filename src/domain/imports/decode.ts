import iconv from "iconv-lite";
import { UserError } from "../../core/errors.js";

export const ENCODINGS = ["auto", "utf8", "gbk"] as const;
export type Encoding = (typeof ENCODINGS)[number];

const BOM = [0xef, 0xbb, 0xbf];

/** The 1-based line of a byte offset. */
function lineAt(data: Uint8Array, offset: number): number {
  let line = 1;
  for (let i = 0; i < offset; i++) if (data[i] === 0x0a) line++;
  return line;
}

/** Where strict UTF-8 decoding first fails, or -1 when the bytes are valid UTF-8. */
function firstInvalidUtf8(data: Uint8Array): number {
  let i = 0;
  while (i < data.length) {
    const b = data[i]!;
    const extra =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (i + k >= data.length || (data[i + k]! & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return -1;
}

/**
 * The text of a CSV file as Excel in China saves it: UTF-8 with or without a BOM, or GB18030
 * (a superset of GBK). `auto` takes valid UTF-8 as UTF-8 and anything else as GB18030; a file
 * that is neither, or not what the user said it is, is refused with the line where it breaks.
 */
export function decodeCsv(data: Uint8Array, encoding: Encoding): { text: string; encoding: "utf8" | "gbk" } {
  const decoded = decode(data, encoding);
  // A NUL cannot be stored in PostgreSQL text, and no spreadsheet cell means one.
  return { ...decoded, text: decoded.text.replaceAll("\u0000", "") };
}

function decode(data: Uint8Array, encoding: Encoding): { text: string; encoding: "utf8" | "gbk" } {
  const hasBom = BOM.every((b, i) => data[i] === b);
  const body = hasBom ? data.subarray(3) : data;
  if (hasBom || encoding !== "gbk") {
    const invalid = firstInvalidUtf8(body);
    if (invalid < 0) return { text: Buffer.from(body).toString("utf8"), encoding: "utf8" };
    if (encoding === "utf8" || hasBom) throw new UserError("import.notUtf8", { line: lineAt(body, invalid) });
  }
  const text = iconv.decode(Buffer.from(body), "gb18030");
  const bad = text.indexOf("\uFFFD");
  if (bad >= 0) throw new UserError("import.undecodable", { line: text.slice(0, bad).split("\n").length });
  return { text, encoding: "gbk" };
}

/** CSV bytes for Excel: UTF-8 with a BOM (so Excel does not guess GBK), or GBK for older tools. */
export function encodeCsv(text: string, encoding: "utf8" | "gbk"): Uint8Array {
  return encoding === "gbk"
    ? iconv.encode(text, "gb18030")
    : Buffer.concat([Buffer.from(BOM), Buffer.from(text, "utf8")]);
}
