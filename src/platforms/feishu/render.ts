import type { Block, Button, Reply } from "../../core/reply.js";
import { cut, pack } from "../text-fit.js";

/**
 * Feishu's limits on a message card (open.feishu.cn, im-v1 message create and card JSON 1.0): the
 * card's JSON may be at most 30 KB, and a card holds at most 50 elements. Texts and button labels
 * have no documented cap of their own; ours keep a card readable on a phone.
 */
export const FEISHU_MAX_CARD_BYTES = 30 * 1024;
export const FEISHU_MAX_ELEMENTS = 50;
export const FEISHU_MAX_TEXT = 2000;
export const FEISHU_MAX_HEADER = 100;
export const FEISHU_MAX_BUTTON_TEXT = 40;
/** Buttons per action row: rows of five read best on a phone. */
export const FEISHU_BUTTONS_PER_ROW = 5;

/** What a button carries back in its callback: the command line it runs. */
export interface ButtonValue {
  cmd: string;
}

type Text = { tag: "plain_text"; content: string };
export type CardElement = Record<string, unknown>;
export interface Card {
  config: { wide_screen_mode: true; update_multi: true };
  header?: { title: Text; template: "blue" | "red" | "green" };
  elements: CardElement[];
}

export const plain = (content: string): Text => ({ tag: "plain_text", content });

// Every text is plain_text: a customer named "**大客户**" or "<at id=all>" is shown as typed.
const div = (text: string): CardElement => ({ tag: "div", text: plain(text) });
const texts = (text: string) => pack(text.split("\n"), FEISHU_MAX_TEXT).map(div);

export const buttonRow = (buttons: readonly Button[]): CardElement => ({
  tag: "action",
  actions: buttons.map((b) => ({
    tag: "button",
    text: plain(cut(b.label, FEISHU_MAX_BUTTON_TEXT)),
    type: b.style ?? "default",
    value: { cmd: b.command } satisfies ButtonValue,
  })),
});

function renderBlock(block: Block, warn: boolean): CardElement[] {
  switch (block.type) {
    case "heading":
      // A second heading in one reply: a rule, then the heading as a line of its own.
      return [{ tag: "hr" }, ...texts(`【${block.text}】`)];
    case "text":
      return texts(`${warn ? "⚠️ " : ""}${block.text}`);
    case "note":
      return pack(block.text.split("\n"), FEISHU_MAX_TEXT).map((text) => ({ tag: "note", elements: [plain(text)] }));
    case "fields": {
      const out = block.title ? texts(block.title) : [];
      if (block.fields.length > 0)
        out.push({
          tag: "div",
          fields: block.fields.map((f) => ({
            is_short: true,
            text: plain(cut(`${f.label}\n${f.value || "-"}`, FEISHU_MAX_TEXT)),
          })),
        });
      return out;
    }
    case "list": {
      const lines =
        block.items.length === 0
          ? [block.empty ?? "-"]
          : block.items.map((i) => `• ${i.title}${i.detail ? `  ${i.detail}` : ""}`);
      return [...(block.title ? texts(block.title) : []), ...pack(lines, FEISHU_MAX_TEXT).map(div)];
    }
    case "buttons": {
      const rows: CardElement[] = [];
      for (let i = 0; i < block.buttons.length; i += FEISHU_BUTTONS_PER_ROW)
        rows.push(buttonRow(block.buttons.slice(i, i + FEISHU_BUTTONS_PER_ROW)));
      return rows;
    }
  }
}

export const cardBytes = (card: Card) => Buffer.byteLength(JSON.stringify(card));

/**
 * A reply as a Feishu message card: its first heading is the card's header (red on an error),
 * texts, fields and lists its elements, notes small print, buttons action rows that run their
 * command as the presser. What does not fit the card's limits is dropped from the end with
 * `truncatedNote` in its place, its buttons kept.
 */
export function renderFeishu(reply: Reply, truncatedNote: string): Card {
  const error = reply.tone === "error";
  const first = reply.blocks.findIndex((b) => b.type === "heading");
  const heading = first >= 0 ? (reply.blocks[first] as { text: string }).text : undefined;
  const body: CardElement[] = [];
  const actions: CardElement[] = [];
  reply.blocks.forEach((block, i) => {
    if (i === first) return;
    (block.type === "buttons" ? actions : body).push(...renderBlock(block, error && !heading));
  });
  const card: Card = {
    config: { wide_screen_mode: true, update_multi: true },
    ...(heading ? { header: { title: plain(cut(heading, FEISHU_MAX_HEADER)), template: error ? "red" : "blue" } } : {}),
    elements: [...body, ...actions],
  };
  if (card.elements.length <= FEISHU_MAX_ELEMENTS && cardBytes(card) <= FEISHU_MAX_CARD_BYTES) return card;
  // Too much: as many of the body's elements as fit beside the note and the buttons.
  const note: CardElement = { tag: "note", elements: [plain(truncatedNote)] };
  const kept = actions.slice(0, FEISHU_MAX_ELEMENTS - 1);
  card.elements = [note, ...kept];
  for (const element of body) {
    const next = [...card.elements.slice(0, -1 - kept.length), element, note, ...kept];
    if (next.length > FEISHU_MAX_ELEMENTS || cardBytes({ ...card, elements: next }) > FEISHU_MAX_CARD_BYTES) break;
    card.elements = next;
  }
  return card;
}
