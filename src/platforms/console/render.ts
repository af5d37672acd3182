import type { Block, Button, Reply } from "../../core/reply.js";

/**
 * Buttons are numbered so that typing the number runs the button's command; a notification's are
 * not, since the number would press the last reply's button instead.
 */
export function renderText(
  reply: Reply,
  options: { numberButtons?: boolean } = {},
): { text: string; buttons: Button[] } {
  const numbered = options.numberButtons ?? true;
  const lines: string[] = [];
  const buttons: Button[] = [];
  const colon = reply.locale === "zh-CN" ? "：" : ": ";
  reply.blocks.forEach((block: Block, index) => {
    switch (block.type) {
      case "heading":
        lines.push(`== ${block.text} ==`);
        break;
      case "text":
        lines.push(reply.tone === "error" && index === 0 ? `✗ ${block.text}` : block.text);
        break;
      case "fields":
        if (block.title) lines.push(`-- ${block.title} --`);
        for (const field of block.fields) lines.push(`  ${field.label}${colon}${field.value}`);
        break;
      case "list":
        if (block.title) lines.push(block.title);
        if (block.items.length === 0) lines.push(`  ${block.empty ?? "-"}`);
        for (const item of block.items)
          lines.push(item.detail ? `  • ${item.title}  ${item.detail}` : `  • ${item.title}`);
        break;
      case "buttons":
        for (const button of block.buttons) {
          buttons.push(button);
          lines.push(
            numbered
              ? `  [${buttons.length}] ${button.label}  → ${button.command}`
              : `  [${button.label}]  → ${button.command}`,
          );
        }
        break;
      case "note":
        lines.push(`  ※ ${block.text}`);
        break;
    }
  });
  return { text: lines.join("\n"), buttons };
}
