// What users send the bot on a chat platform, read the same way everywhere: typed lines and submitted forms.
import type { AnyCommand } from "../application/command.js";
import type { Reply } from "../core/reply.js";

/**
 * Where a form shows a refusal of its values, and in what words: on the argument the refusal names
 * when the form asks for it, else on the form's first field.
 */
export function fieldError(definition: AnyCommand, refusal: Reply): { field: string; message: string } {
  const field =
    refusal.invalidArg && definition.form?.includes(refusal.invalidArg) ? refusal.invalidArg : definition.form![0]!;
  const message = refusal.blocks.map((b) => ("text" in b ? b.text : "")).find(Boolean) ?? "";
  return { field, message };
}

/** A chat message as a command line: the slash added where it was left out; no text (a sticker, a picture) asks for help. */
export function typedLine(text: string): string {
  return (text || "crm help").replace(/^(?![/／])/, "/");
}
