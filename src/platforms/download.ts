import type { Attachment } from "../core/command-shape.js";

/** A file sent with a command, fetched from the platform (Slack wants the bot token, Discord nothing). */
export async function downloadAttachment(
  url: string,
  name: string,
  headers: Record<string, string> = {},
): Promise<Attachment> {
  const response = await fetch(url, { headers });
  if (!response.ok) throw new Error(`downloading ${name} failed: HTTP ${response.status}`);
  return { name, data: new Uint8Array(await response.arrayBuffer()) };
}
