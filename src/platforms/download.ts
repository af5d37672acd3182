import type { Attachment } from "../core/command-shape.js";
import { UserError } from "../core/errors.js";
import { DEFAULT_LIMITS } from "../core/limits.js";

/** Where a platform's files may be fetched from, and how much of one. */
export interface FileSource {
  /**
   * The origins (scheme, host, port) the platform serves files from: Slack's
   * https://files.slack.com, Discord's CDN; a local stand-in's only when configuration says so.
   */
  origins: readonly string[];
  maxBytes: number;
  /** Credentials (Slack's bot token), sent to those origins and nowhere else. */
  headers?: Record<string, string>;
}

export const SLACK_FILES: FileSource = { origins: ["https://files.slack.com"], maxBytes: DEFAULT_LIMITS.uploadBytes };
export const DISCORD_FILES: FileSource = {
  origins: ["https://cdn.discordapp.com", "https://media.discordapp.net"],
  maxBytes: DEFAULT_LIMITS.uploadBytes,
};
const MAX_REDIRECTS = 3;

/**
 * A file sent with a command, fetched from the platform only: a URL on any other host is refused
 * before any request (a forged event must not walk off with the bot token), redirects are followed
 * only within the platform's origins, and the body is read up to `maxBytes`, the declared size
 * checked first, so a huge file is refused without being fetched.
 */
export async function downloadAttachment(
  url: string,
  name: string,
  source: FileSource,
  declaredBytes?: number,
): Promise<Attachment> {
  const limitMb = Math.round(source.maxBytes / 1024 / 1024);
  if (declaredBytes !== undefined && declaredBytes > source.maxBytes)
    throw new UserError("attachment.tooLarge", { name, max: limitMb });
  let location = url;
  for (let hop = 0; ; hop++) {
    if (!isFrom(location, source.origins)) throw new UserError("attachment.foreignHost", { name });
    const response = await fetch(location, { headers: source.headers ?? {}, redirect: "manual" });
    const next = response.headers.get("location");
    if (response.status >= 300 && response.status < 400 && next && hop < MAX_REDIRECTS) {
      await response.body?.cancel();
      location = new URL(next, location).href;
      continue;
    }
    if (!response.ok) throw new Error(`downloading ${name} failed: HTTP ${response.status}`);
    if (Number(response.headers.get("content-length") ?? 0) > source.maxBytes) {
      await response.body?.cancel();
      throw new UserError("attachment.tooLarge", { name, max: limitMb });
    }
    return {
      name,
      // Node's web streams are async iterable, which the DOM typings do not say.
      data: await readUpTo(
        (response.body ?? new ReadableStream()) as unknown as AsyncIterable<Uint8Array>,
        source.maxBytes,
        () => new UserError("attachment.tooLarge", { name, max: limitMb }),
      ),
    };
  }
}

function isFrom(url: string, origins: readonly string[]): boolean {
  try {
    return origins.includes(new URL(url).origin);
  } catch {
    return false;
  }
}

/**
 * A body read to its end, refused as soon as it passes `maxBytes`, whatever its headers said;
 * leaving the loop cancels the rest (a fetch body, or a Node stream from an SDK).
 */
export async function readUpTo(
  body: AsyncIterable<Uint8Array>,
  maxBytes: number,
  tooLarge: () => Error,
): Promise<Uint8Array> {
  const chunks: Uint8Array[] = [];
  let size = 0;
  for await (const chunk of body) {
    size += chunk.byteLength;
    if (size > maxBytes) throw tooLarge();
    chunks.push(chunk);
  }
  return new Uint8Array(Buffer.concat(chunks));
}
