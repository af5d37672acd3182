import type { Reply } from "../../src/core/reply.js";

const HAN = /\p{Script=Han}/u;
const HALF_WIDTH = new Set([",", ":", ";", "(", ")", "!", "?"]);

/**
 * ASCII `, : ; ( ) ! ?` standing next to a Chinese character, each with a little of its context:
 * in Chinese text they are full-width (，：；（）！？). Numbers, codes, times and command lines keep
 * their ASCII forms, and stand beside no Chinese character.
 */
export function halfWidthBesideHan(text: string): string[] {
  const chars = [...withoutCommandLines(text)];
  const found: string[] = [];
  chars.forEach((c, i) => {
    if (!HALF_WIDTH.has(c)) return;
    if (HAN.test(chars[i - 1] ?? "") || HAN.test(chars[i + 1] ?? ""))
      found.push(chars.slice(Math.max(0, i - 8), i + 8).join(""));
  });
  return found;
}

/**
 * The text with its command lines blanked out: from a `/command` to the end of its sentence, what
 * is written is what the user types (`/customer add 华达 电话:138…`).
 */
function withoutCommandLines(text: string): string {
  return text.replace(
    /(^|[\s（“：，])\/[a-z][^。\n]*/gu,
    (line, before: string) => before + " ".repeat([...line].length - before.length),
  );
}

/** Every text of a reply a person reads: headings, texts, fields, list items, notes and button labels (not their commands). */
export function readableTexts(reply: Reply): string[] {
  return reply.blocks.flatMap((block) => {
    switch (block.type) {
      case "heading":
      case "text":
      case "note":
        return [block.text];
      case "fields":
        return [block.title ?? "", ...block.fields.flatMap((f) => [f.label, f.value])];
      case "list":
        return [
          block.title ?? "",
          block.empty ?? "",
          ...block.items.flatMap((item) => [item.title, item.detail ?? ""]),
        ];
      case "buttons":
        return block.buttons.map((b) => b.label);
      default:
        return [];
    }
  });
}
