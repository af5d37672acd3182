import { StringDecoder } from "node:string_decoder";
import { setImmediate as turnOfTheLoop } from "node:timers/promises";
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

/** Bytes checked between turns of the event loop: a 50 MB file is checked in 50 turns, not in one 200 ms stretch. */
const CHECKED_PER_TURN = 1024 * 1024;

/** Where strict UTF-8 decoding first fails, or -1 when the bytes are valid UTF-8. */
async function firstInvalidUtf8(data: Uint8Array): Promise<number> {
  let i = 0;
  let turnAt = CHECKED_PER_TURN;
  while (i < data.length) {
    if (i >= turnAt) {
      turnAt += CHECKED_PER_TURN;
      await turnOfTheLoop();
    }
    const b = data[i]!;
    const extra =
      b < 0x80 ? 0 : b >= 0xc2 && b <= 0xdf ? 1 : b >= 0xe0 && b <= 0xef ? 2 : b >= 0xf0 && b <= 0xf4 ? 3 : -1;
    if (extra < 0) return i;
    for (let k = 1; k <= extra; k++) if (i + k >= data.length || (data[i + k]! & 0xc0) !== 0x80) return i;
    i += extra + 1;
  }
  return -1;
}

/** Bytes decoded at a time: the file's text is never held whole beside its bytes. */
const SLICE_BYTES = 64 * 1024;

export interface DecodedCsv {
  encoding: "utf8" | "gbk";
  /** The text, a slice at a time; each call reads the file again from its start. */
  slices(): Generator<string>;
}

/**
 * The text of a CSV file as Excel in China saves it: UTF-8 with or without a BOM, or GB18030
 * (a superset of GBK). `auto` takes valid UTF-8 as UTF-8 and anything else as GB18030; a file
 * that is neither, or not what the user said it is, is refused with the line where it breaks
 * (GB18030's as it is read).
 */
export async function decodeCsv(data: Uint8Array, encoding: Encoding): Promise<DecodedCsv> {
  const hasBom = BOM.every((b, i) => data[i] === b);
  const body = hasBom ? data.subarray(3) : data;
  if (hasBom || encoding !== "gbk") {
    const invalid = await firstInvalidUtf8(body);
    if (invalid < 0) return { encoding: "utf8", slices: () => decodedSlices(body, new StringDecoder("utf8")) };
    if (encoding === "utf8" || hasBom) throw new UserError("import.notUtf8", { line: lineAt(body, invalid) });
  }
  return { encoding: "gbk", slices: () => decodedSlices(body, iconv.getDecoder("gb18030")) };
}

function* decodedSlices(body: Uint8Array, decoder: { write(b: Buffer): string; end(): string | undefined }) {
  let lines = 1;
  const checked = (text: string) => {
    const bad = text.indexOf("\uFFFD");
    if (bad >= 0) throw new UserError("import.undecodable", { line: lines + countLines(text.slice(0, bad)) });
    lines += countLines(text);
    // A NUL cannot be stored in PostgreSQL text, and no spreadsheet cell means one.
    return text.replaceAll("\u0000", "");
  };
  for (let at = 0; at < body.length; at += SLICE_BYTES)
    yield checked(
      decoder.write(Buffer.from(body.buffer, body.byteOffset + at, Math.min(SLICE_BYTES, body.length - at))),
    );
  const rest = decoder.end();
  if (rest) yield checked(rest);
}

function countLines(text: string): number {
  let n = 0;
  for (let i = text.indexOf("\n"); i >= 0; i = text.indexOf("\n", i + 1)) n++;
  return n;
}

/** CSV bytes for Excel: UTF-8 with a BOM (so Excel does not guess GBK), or GBK for older tools. */
export function encodeCsv(text: string, encoding: "utf8" | "gbk"): Uint8Array {
  return encoding === "gbk"
    ? iconv.encode(text, "gb18030")
    : Buffer.concat([Buffer.from(BOM), Buffer.from(text, "utf8")]);
}
