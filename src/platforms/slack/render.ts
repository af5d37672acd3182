import type { types } from "@slack/bolt";
import type { Block, Button, Reply } from "../../core/reply.js";
import { cut, pack } from "../text-fit.js";

/** Block Kit's limits (api.slack.com/reference/block-kit): breaking one gets a message refused. */
export const SLACK_MAX_BLOCKS = 50;
export const SLACK_MAX_TEXT = 3000;
export const SLACK_MAX_FIELDS = 10;
export const SLACK_MAX_FIELD_TEXT = 2000;
export const SLACK_MAX_HEADER = 150;
export const SLACK_MAX_BUTTON_TEXT = 75;
export const SLACK_MAX_BUTTON_VALUE = 2000;
/** Buttons per actions block: Slack allows 25; rows of five read better on a phone. */
export const SLACK_BUTTONS_PER_ROW = 5;

export type SlackBlock = types.KnownBlock;

/** The action id of a button that runs a command line; its value is the line. */
export const RUN_ACTION_PREFIX = "run:";

/** Text Slack treats as markup (&, <, >) made literal. */
export function escapeMrkdwn(text: string): string {
  return text.replaceAll("&", "&amp;").replaceAll("<", "&lt;").replaceAll(">", "&gt;");
}

const section = (text: string): SlackBlock => ({ type: "section", text: { type: "mrkdwn", text } });
const context = (text: string): SlackBlock => ({ type: "context", elements: [{ type: "mrkdwn", text }] });

function renderBlock(block: Block, error: boolean, nextButton: () => number): SlackBlock[] {
  switch (block.type) {
    case "heading":
      return [{ type: "header", text: { type: "plain_text", text: cut(block.text, SLACK_MAX_HEADER), emoji: true } }];
    case "text":
      return pack(escapeMrkdwn(`${error ? ":warning: " : ""}${block.text}`).split("\n"), SLACK_MAX_TEXT).map(section);
    case "note":
      return pack(escapeMrkdwn(block.text).split("\n"), SLACK_MAX_TEXT).map(context);
    case "fields": {
      const out: SlackBlock[] = block.title ? [section(`*${escapeMrkdwn(block.title)}*`)] : [];
      for (let i = 0; i < block.fields.length; i += SLACK_MAX_FIELDS) {
        out.push({
          type: "section",
          fields: block.fields.slice(i, i + SLACK_MAX_FIELDS).map((f) => ({
            type: "mrkdwn",
            text: cut(`*${escapeMrkdwn(f.label)}*\n${escapeMrkdwn(f.value)}`, SLACK_MAX_FIELD_TEXT),
          })),
        });
      }
      return out;
    }
    case "list": {
      const lines = block.items.map(
        (item) => `• *${escapeMrkdwn(item.title)}*${item.detail ? `  ${escapeMrkdwn(item.detail)}` : ""}`,
      );
      const out: SlackBlock[] = block.title ? [section(`*${escapeMrkdwn(block.title)}*`)] : [];
      if (lines.length === 0) return [...out, context(escapeMrkdwn(block.empty ?? "-"))];
      return [...out, ...pack(lines, SLACK_MAX_TEXT).map(section)];
    }
    case "buttons": {
      const rows: SlackBlock[] = [];
      for (let i = 0; i < block.buttons.length; i += SLACK_BUTTONS_PER_ROW) {
        rows.push({
          type: "actions",
          elements: block.buttons.slice(i, i + SLACK_BUTTONS_PER_ROW).map((b) => button(b, nextButton())),
        });
      }
      return rows;
    }
  }
}

function button(b: Button, n: number): types.Button {
  return {
    type: "button",
    action_id: `${RUN_ACTION_PREFIX}${n}`,
    text: { type: "plain_text", text: cut(b.label, SLACK_MAX_BUTTON_TEXT), emoji: true },
    value: cut(b.command, SLACK_MAX_BUTTON_VALUE),
    ...(b.style ? { style: b.style } : {}),
  };
}

/**
 * A reply as Block Kit, within Block Kit's limits: long texts are split over several sections,
 * more than ten fields over several sections, and past fifty blocks the rest is dropped with
 * `truncatedNote` (in the reader's language) in their place. `text` is the notification fallback.
 */
export function renderSlack(reply: Reply, truncatedNote: string): { blocks: SlackBlock[]; text: string } {
  let n = 0;
  const blocks = reply.blocks.flatMap((block, i) => renderBlock(block, reply.tone === "error" && i === 0, () => ++n));
  const fitted =
    blocks.length <= SLACK_MAX_BLOCKS
      ? blocks
      : [...blocks.slice(0, SLACK_MAX_BLOCKS - 1), context(escapeMrkdwn(truncatedNote))];
  const first = reply.blocks.find((b) => b.type === "heading" || b.type === "text" || (b.type === "list" && b.title));
  const text = first ? ("text" in first ? first.text : ((first as { title?: string }).title ?? "")) : "";
  // The fallback is mrkdwn too (notifications, screen readers): "<!channel>" in a name must stay text.
  return { blocks: fitted, text: cut(escapeMrkdwn(text), SLACK_MAX_TEXT) };
}
