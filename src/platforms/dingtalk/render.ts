import type { Block, Button, Reply } from "../../core/reply.js";
import { replyWords, truncationNote } from "../locale.js";
import { cut } from "../text-fit.js";
import type { RobotMessage } from "./api.js";

/**
 * DingTalk's limits on a robot's markdown and ActionCard messages (open.dingtalk.com, robot
 * message types): a title shown in the notification, a markdown body, and at most five buttons
 * in the sampleActionCard templates. The body's cap is ours, kept under the message's size limit.
 */
export const DINGTALK_MAX_TITLE = 50;
export const DINGTALK_MAX_TEXT = 5000;
export const DINGTALK_MAX_BUTTONS = 5;
export const DINGTALK_MAX_BUTTON_TITLE = 20;

/** A reply as DingTalk shows it: a title, a markdown body, and buttons. */
export interface DingTalkMessage {
  title: string;
  text: string;
  buttons: { title: string; url: string; primary?: boolean }[];
}

/**
 * A button sends its command line as the presser, in the chat it was pressed in: DingTalk's
 * client link that sends a message (dtmd://dingtalkclient/sendMessage).
 */
export function sendMessageLink(command: string): string {
  return `dtmd://dingtalkclient/sendMessage?content=${encodeURIComponent(command)}`;
}

/** Text from users shown as typed: the markdown DingTalk reads (emphasis, links, headings, quotes) escaped. */
export function escapeMarkdown(text: string): string {
  return text.replace(/[\\`*_[\]#>|~<]/g, (c) => `\\${c}`);
}

// A markdown line break in DingTalk is a blank line between paragraphs.
const lines = (text: string) => text.split("\n").map(escapeMarkdown).join("\n\n");

function renderBlock(block: Exclude<Block, { type: "buttons" }>, warn: boolean): string {
  switch (block.type) {
    case "heading":
      return `### ${escapeMarkdown(block.text)}`;
    case "text":
      return `${warn ? "⚠️ " : ""}${lines(block.text)}`;
    case "note":
      return block.text
        .split("\n")
        .map((l) => `> ${escapeMarkdown(l)}`)
        .join("\n\n");
    case "fields":
      return [
        ...(block.title ? [`**${escapeMarkdown(block.title)}**`] : []),
        ...block.fields.map((f) => `**${escapeMarkdown(f.label)}**：${escapeMarkdown(f.value || "-")}`),
      ].join("\n\n");
    case "list":
      return [
        ...(block.title ? [`**${escapeMarkdown(block.title)}**`] : []),
        ...(block.items.length === 0
          ? [escapeMarkdown(block.empty ?? "-")]
          : block.items.map(
              (i) => `- **${escapeMarkdown(i.title)}**${i.detail ? `  ${escapeMarkdown(i.detail)}` : ""}`,
            )),
      ].join("\n\n");
  }
}

/** The line a notification shows for the message: the reply's first words, whatever block they are in. */
function titleOf(reply: Reply): string {
  const wordsOf = (b: Block): string | undefined => {
    if (b.type === "heading" || b.type === "text" || b.type === "note") return b.text;
    if (b.type === "list") return b.title ?? b.items[0]?.title ?? b.empty;
    if (b.type === "fields") return b.title ?? (b.fields[0] ? `${b.fields[0].label}：${b.fields[0].value}` : undefined);
    return undefined;
  };
  const words = reply.blocks.map(wordsOf).find((w) => w?.trim());
  return (words ?? "…").trim().split("\n")[0]!;
}

const asLine = (b: Button) => `> ${escapeMarkdown(`${b.label}：${b.command}`)}`;

/**
 * A reply as a DingTalk message: its first heading (or first line) the title, the rest markdown,
 * buttons links that send their command. Past the body's limit the rest is dropped with
 * `truncatedNote` in its place; buttons past five are named in the text, as lines to send. In a
 * group (`groupHint` given) a link's message would go out without the @ that brings it to the
 * robot, so every button is such a line, after the hint that says to @ the robot with it.
 */
export function renderDingTalk(reply: Reply, truncatedNote: string, groupHint?: string): DingTalkMessage {
  const error = reply.tone === "error";
  const all: Button[] = reply.blocks.flatMap((b) => (b.type === "buttons" ? b.buttons : []));
  const buttons = groupHint === undefined ? all.slice(0, DINGTALK_MAX_BUTTONS) : [];
  const parts = reply.blocks.flatMap((b) => (b.type === "buttons" ? [] : [renderBlock(b, error)]));
  const named = all.slice(buttons.length).map(asLine);
  const extra = groupHint !== undefined && named.length > 0 ? [escapeMarkdown(groupHint), ...named] : named;
  let text = [...parts, ...extra].join("\n\n");
  if ([...text].length > DINGTALK_MAX_TEXT) {
    const room = DINGTALK_MAX_TEXT - [...truncatedNote].length - 4;
    text = `${[...text].slice(0, room).join("")}\n\n> ${escapeMarkdown(truncatedNote)}`;
  }
  return {
    title: cut(titleOf(reply), DINGTALK_MAX_TITLE),
    text,
    buttons: buttons.map((b) => ({
      title: cut(b.label, DINGTALK_MAX_BUTTON_TITLE),
      url: sendMessageLink(b.command),
      ...(b.style === "primary" ? { primary: true } : {}),
    })),
  };
}

/** A reply as DingTalk shows it where it goes, with its notes in the reply's language; `inGroup`: its buttons as lines. */
export function messageFor(reply: Reply, inGroup: boolean): DingTalkMessage {
  return renderDingTalk(reply, truncationNote(reply), inGroup ? replyWords(reply, "dingtalk.groupButtons") : undefined);
}

/** The message as a session webhook takes it: markdown, or an ActionCard with its buttons. */
export function webhookBody(message: DingTalkMessage): object {
  if (message.buttons.length === 0)
    return { msgtype: "markdown", markdown: { title: message.title, text: message.text } };
  return {
    msgtype: "actionCard",
    actionCard: {
      title: message.title,
      text: message.text,
      btnOrientation: "0",
      btns: message.buttons.map((b) => ({ title: b.title, actionURL: b.url })),
    },
  };
}

/**
 * The message as the robot OpenAPI takes it: the sampleMarkdown template, sampleActionCard for one
 * button, sampleActionCard2 to 5 for two to five.
 */
export function robotMessage(message: DingTalkMessage): RobotMessage {
  const { title, text, buttons } = message;
  if (buttons.length === 0) return { msgKey: "sampleMarkdown", msgParam: { title, text } };
  if (buttons.length === 1)
    return {
      msgKey: "sampleActionCard",
      msgParam: { title, text, singleTitle: buttons[0]!.title, singleURL: buttons[0]!.url },
    };
  const params: Record<string, string> = { title, text };
  buttons.forEach((b, i) => {
    params[`actionTitle${i + 1}`] = b.title;
    params[`actionURL${i + 1}`] = b.url;
  });
  return { msgKey: `sampleActionCard${buttons.length}`, msgParam: params };
}

/**
 * The message as the card template's variables: a title, markdown, and the buttons as the
 * template's `msgButtons` (text, the link for each client, a colour), passed as
 * `sys_full_json_obj` the way DingTalk's own Stream SDK fills its markdown-and-buttons card.
 */
export function cardParams(message: DingTalkMessage): Record<string, string> {
  const msgButtons = message.buttons.map((b) => ({
    text: b.title,
    url: b.url,
    iosUrl: b.url,
    color: b.primary ? "blue" : "gray",
  }));
  return {
    title: message.title,
    markdown: message.text,
    sys_full_json_obj: JSON.stringify({ msgButtons }),
  };
}
