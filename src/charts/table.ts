import { CHART_FONT, rasterize } from "./render.js";

/** A printable sheet: a title, a few lines under it, a table, and closing lines. */
export interface TableSheet {
  title: string;
  subtitle: string[];
  columns: { header: string; width: number; align?: "left" | "right" }[];
  rows: { cells: string[]; struck?: boolean }[];
  footer: string[];
}

const MARGIN = 48;
const ROW_HEIGHT = 30;
const TITLE_SIZE = 30;
const TEXT_SIZE = 16;
/** About A4's proportions at 150 dpi across, so that it prints on one page width. */
export const SHEET_WIDTH = 1240;

const xmlText = (text: string) =>
  text.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;");

/** What fits in a cell: Han characters take about twice the width of Latin ones. */
function clipToWidth(text: string, width: number): string {
  let used = 0;
  let out = "";
  for (const ch of text) {
    used += /[\u2e80-\uffff]/.test(ch) ? TEXT_SIZE : TEXT_SIZE * 0.55;
    if (used > width - 12) return `${out}…`;
    out += ch;
  }
  return out;
}

function textAt(x: number, y: number, text: string, options: { size?: number; anchor?: string; fill?: string } = {}) {
  return `<text x="${x}" y="${y}" font-size="${options.size ?? TEXT_SIZE}" text-anchor="${options.anchor ?? "start"}" fill="${options.fill ?? "#222"}">${xmlText(text)}</text>`;
}

/** The sheet as SVG; kept apart from rasterizing so its layout can be read in a test. */
export function tableSvg(sheet: TableSheet): string {
  const parts: string[] = [];
  let y = MARGIN + TITLE_SIZE;
  parts.push(textAt(SHEET_WIDTH / 2, y, sheet.title, { size: TITLE_SIZE, anchor: "middle" }));
  y += 16;
  for (const line of sheet.subtitle) parts.push(textAt(MARGIN, (y += ROW_HEIGHT), line));
  y += ROW_HEIGHT / 2;
  const right = SHEET_WIDTH - MARGIN;
  const edges = [MARGIN];
  for (const column of sheet.columns) edges.push(edges.at(-1)! + column.width);
  const cellX = (i: number) => (sheet.columns[i]!.align === "right" ? edges[i + 1]! - 8 : edges[i]! + 8);
  const anchor = (i: number) => (sheet.columns[i]!.align === "right" ? "end" : "start");
  parts.push(`<rect x="${MARGIN}" y="${y}" width="${right - MARGIN}" height="${ROW_HEIGHT}" fill="#eef1f5"/>`);
  for (const [i, column] of sheet.columns.entries())
    parts.push(textAt(cellX(i), y + 21, column.header, { anchor: anchor(i) }));
  y += ROW_HEIGHT;
  for (const row of sheet.rows) {
    const fill = row.struck ? "#999" : "#222";
    for (const [i, cell] of row.cells.entries())
      parts.push(textAt(cellX(i), y + 21, clipToWidth(cell, sheet.columns[i]!.width), { anchor: anchor(i), fill }));
    y += ROW_HEIGHT;
    parts.push(`<line x1="${MARGIN}" y1="${y}" x2="${right}" y2="${y}" stroke="#ddd"/>`);
  }
  y += ROW_HEIGHT / 2;
  for (const line of sheet.footer) parts.push(textAt(MARGIN, (y += ROW_HEIGHT), line));
  const height = y + MARGIN;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="${SHEET_WIDTH}" height="${height}" viewBox="0 0 ${SHEET_WIDTH} ${height}" font-family="${CHART_FONT}"><rect width="100%" height="100%" fill="#fff"/>${parts.join("")}</svg>`;
}

export function renderTable(sheet: TableSheet): Promise<Uint8Array> {
  return rasterize(tableSvg(sheet));
}
