import type { Translate } from "./messages.js";
import { arg } from "./args.js";
import type { Block } from "./reply.js";

export const PAGE_SIZE = 10;

/** The `page` argument every paged list takes. */
export const pageArg = () => arg.int({ min: 1, max: 100_000, aliases: ["页", "页码"] });

export interface Paging {
  page: number;
  skip: number;
  take: number;
}

export function paging(page: number | undefined, size = PAGE_SIZE): Paging {
  const p = page ?? 1;
  return { page: p, skip: (p - 1) * size, take: size };
}

export function pageCount(total: number, size = PAGE_SIZE): number {
  return Math.max(1, Math.ceil(total / size));
}

/**
 * "Page 2 of 5" and the previous / next buttons, which rerun the same command line with another
 * page; past the last page, how many there are and a button to the last. Nothing when everything
 * fits on one page.
 */
export function pageBlocks(
  t: Translate,
  at: Paging,
  total: number,
  lineWith: (changes: Record<string, string | undefined>) => string,
): Block[] {
  const pages = pageCount(total, at.take);
  if (pages <= 1 && at.page === 1) return [];
  if (at.page > pages)
    return [
      { type: "note", text: t("paging.pastEnd", { page: at.page, count: pages, total }) },
      {
        type: "buttons",
        buttons: [{ label: t("paging.last"), command: lineWith({ page: pages === 1 ? undefined : String(pages) }) }],
      },
    ];
  const buttons = [];
  if (at.page > 1)
    buttons.push({
      label: t("paging.previous"),
      command: lineWith({ page: at.page === 2 ? undefined : String(at.page - 1) }),
    });
  if (at.page < pages) buttons.push({ label: t("paging.next"), command: lineWith({ page: String(at.page + 1) }) });
  const blocks: Block[] = [{ type: "note", text: t("paging.position", { page: at.page, pages, total }) }];
  if (buttons.length > 0) blocks.push({ type: "buttons", buttons });
  return blocks;
}
