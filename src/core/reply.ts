import type { Locale } from "./locale.js";

/**
 * The platform-neutral reply every handler returns. Text in it is already translated; only the
 * renderers under src/platforms know how a platform shows it.
 */
export interface Field {
  label: string;
  value: string;
}

export interface ListItem {
  title: string;
  detail?: string;
}

/** A button runs a command line as the user who presses it. */
export interface Button {
  label: string;
  command: string;
  style?: "primary" | "danger";
}

export type Block =
  | { type: "heading"; text: string }
  | { type: "text"; text: string }
  | { type: "fields"; title?: string; fields: Field[] }
  | { type: "list"; title?: string; items: ListItem[]; empty?: string }
  | { type: "buttons"; buttons: Button[] }
  | { type: "note"; text: string };

/** A file that goes with a reply: a chart image, an export. Platforms attach it; the console saves it. */
export interface ReplyFile {
  name: string;
  mime: "image/png" | "text/csv";
  data: Uint8Array;
  /** Shown with the file, e.g. what the chart shows. */
  title?: string;
}

export interface Reply {
  blocks: Block[];
  files?: ReplyFile[];
  /** Private replies are seen by the caller only (the default); public ones by the channel. */
  visibility: "private" | "public";
  tone: "ok" | "error";
  /** The language the reply is in (set by the router), for the few words a platform adds to it. */
  locale?: Locale;
  /** On a refusal: the argument that was wrong, so that a form can show the error on its field. */
  invalidArg?: string;
  /** On a failure that was not the user's: the id it was logged under, which the reply quotes. */
  errorId?: string;
}

export function reply(...blocks: Block[]): Reply {
  return { blocks, visibility: "private", tone: "ok" };
}

export function errorReply(...blocks: Block[]): Reply {
  return { blocks, visibility: "private", tone: "error" };
}
