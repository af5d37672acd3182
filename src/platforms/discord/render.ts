import {
  escapeMarkdown,
  type APIActionRowComponent,
  type APIAllowedMentions,
  type APIButtonComponent,
  type APIEmbed,
} from "discord.js";
import type { Button, Reply } from "../../core/reply.js";
import { cut } from "../text-fit.js";

/** Discord's limits (discord.com/developers/docs/resources/message#embed-object-embed-limits). */
export const DISCORD_MAX_TITLE = 256;
export const DISCORD_MAX_DESCRIPTION_TEXT = 4096;
export const DISCORD_MAX_FIELDS = 25;
export const DISCORD_MAX_FIELD_NAME = 256;
export const DISCORD_MAX_FIELD_VALUE = 1024;
export const DISCORD_MAX_FOOTER = 2048;
export const DISCORD_MAX_EMBED_TOTAL = 6000;
export const DISCORD_MAX_EMBEDS = 10;
export const DISCORD_MAX_BUTTONS_PER_ROW = 5;
export const DISCORD_MAX_ROWS = 5;
export const DISCORD_MAX_BUTTON_LABEL = 80;
export const DISCORD_MAX_CUSTOM_ID = 100;

const COLOR_OK = 0x1f4e79;
const COLOR_ERROR = 0xc0392b;

/** A button's custom id: the command line, or a key to it when the line is too long. */
export type ButtonIds = (command: string) => string;

/**
 * Custom id prefixes of buttons: the command line itself; the line with the workspace it acts on
 * (`in:<workspace id>:<line>`, in a direct message, which belongs to no server); or a key to a
 * line kept in memory.
 */
export const RUN_BUTTON = "run:";
export const WORKSPACE_BUTTON = "in:";
export const REF_BUTTON = "ref:";

/** The custom id that carries a command line (and, in a DM, its workspace), when it fits in one. */
export function runButtonId(command: string, workspaceId?: number): string | undefined {
  const id = workspaceId === undefined ? `${RUN_BUTTON}${command}` : `${WORKSPACE_BUTTON}${workspaceId}:${command}`;
  return id.length <= DISCORD_MAX_CUSTOM_ID ? id : undefined;
}

/** What a pressed button's custom id asks for: its line and workspace, a kept line's key, or nothing we made. */
export function readButtonId(id: string): { line: string; workspaceId?: number } | { ref: string } | undefined {
  if (id.startsWith(RUN_BUTTON)) return { line: id.slice(RUN_BUTTON.length) };
  if (id.startsWith(REF_BUTTON)) return { ref: id.slice(REF_BUTTON.length) };
  const inWorkspace = id.startsWith(WORKSPACE_BUTTON) ? /^(\d+):(.+)$/s.exec(id.slice(WORKSPACE_BUTTON.length)) : null;
  return inWorkspace ? { line: inWorkspace[2]!, workspaceId: Number(inWorkspace[1]) } : undefined;
}

/** No post pings anyone: a customer named "@everyone" or "<@123>" is text. */
export const NO_MENTIONS: APIAllowedMentions = { parse: [] };

/** Text from users shown as typed: Discord's markdown (bold, links, headings, lists) escaped. */
export function escapeDiscord(text: string): string {
  return escapeMarkdown(text, { heading: true, bulletedList: true, numberedList: true, maskedLink: true });
}

const length = (e: APIEmbed) =>
  (e.title?.length ?? 0) +
  (e.description?.length ?? 0) +
  (e.footer?.text.length ?? 0) +
  (e.fields ?? []).reduce((n, f) => n + f.name.length + f.value.length, 0);

/**
 * A reply as embeds and buttons: the heading is the title, texts and lists the description, fields
 * the fields, notes the footer. What does not fit Discord's limits goes on in further embeds, and
 * past the 6,000 characters of a message the rest is dropped with `truncatedNote` in its place.
 */
export function renderDiscord(
  reply: Reply,
  truncatedNote: string,
  buttonId: ButtonIds,
): { embeds: APIEmbed[]; components: APIActionRowComponent<APIButtonComponent>[] } {
  const color = reply.tone === "error" ? COLOR_ERROR : COLOR_OK;
  const embeds: APIEmbed[] = [{ color }];
  const current = () => embeds.at(-1)!;
  const describe = (text: string) => {
    for (const line of text.split("\n")) {
      const piece = cut(line, DISCORD_MAX_DESCRIPTION_TEXT);
      const e = current();
      if ((e.description?.length ?? 0) + piece.length + 1 > DISCORD_MAX_DESCRIPTION_TEXT)
        embeds.push({ color, description: piece });
      else e.description = e.description ? `${e.description}\n${piece}` : piece;
    }
  };
  const buttons: Button[] = [];
  const notes: string[] = [];
  for (const block of reply.blocks) {
    switch (block.type) {
      case "heading":
        if (current().title || current().description) embeds.push({ color });
        current().title = cut(escapeDiscord(block.text), DISCORD_MAX_TITLE);
        break;
      case "text":
        describe(escapeDiscord(block.text));
        break;
      case "list":
        if (block.title) describe(`**${escapeDiscord(block.title)}**`);
        describe(
          block.items.length === 0
            ? escapeDiscord(block.empty ?? "-")
            : block.items
                .map((i) => `• **${escapeDiscord(i.title)}**${i.detail ? `  ${escapeDiscord(i.detail)}` : ""}`)
                .join("\n"),
        );
        break;
      case "fields":
        if (block.title) describe(`**${escapeDiscord(block.title)}**`);
        for (const f of block.fields) {
          if ((current().fields?.length ?? 0) >= DISCORD_MAX_FIELDS) embeds.push({ color });
          (current().fields ??= []).push({
            name: cut(escapeDiscord(f.label), DISCORD_MAX_FIELD_NAME),
            value: cut(escapeDiscord(f.value || "-"), DISCORD_MAX_FIELD_VALUE),
            inline: true,
          });
        }
        break;
      case "note":
        notes.push(escapeDiscord(block.text));
        break;
      case "buttons":
        buttons.push(...block.buttons);
        break;
    }
  }
  if (notes.length > 0) embeds.at(-1)!.footer = { text: cut(notes.join("\n"), DISCORD_MAX_FOOTER) };
  // Within the message's total: whole embeds while they fit, then the note.
  const kept: APIEmbed[] = [];
  let total = 0;
  for (const e of embeds.filter((e) => e.title || e.description || e.fields?.length || e.footer)) {
    if (kept.length < DISCORD_MAX_EMBEDS && total + length(e) <= DISCORD_MAX_EMBED_TOTAL - truncatedNote.length) {
      kept.push(e);
      total += length(e);
    } else {
      // Even the first embed is too long (a wall of fields): keep its head.
      if (kept.length === 0)
        kept.push({
          color,
          ...(e.title ? { title: e.title } : {}),
          description: cut(e.description ?? "", DISCORD_MAX_EMBED_TOTAL / 2),
        });
      kept.at(-1)!.footer = { text: truncatedNote };
      break;
    }
  }
  const rows: APIActionRowComponent<APIButtonComponent>[] = [];
  for (let i = 0; i < buttons.length && rows.length < DISCORD_MAX_ROWS; i += DISCORD_MAX_BUTTONS_PER_ROW) {
    rows.push({
      type: 1,
      components: buttons.slice(i, i + DISCORD_MAX_BUTTONS_PER_ROW).map((b) => ({
        type: 2,
        style: b.style === "danger" ? 4 : b.style === "primary" ? 1 : 2,
        label: cut(b.label, DISCORD_MAX_BUTTON_LABEL),
        custom_id: buttonId(b.command),
      })),
    });
  }
  return { embeds: kept, components: rows };
}
