/** A text cut to `max` characters, an ellipsis marking the cut (never inside a surrogate pair). */
export function cut(text: string, max: number): string {
  return [...text].length <= max ? text : `${[...text].slice(0, max - 1).join("")}…`;
}

/** Lines packed into texts of at most `max` characters; a single longer line is cut. */
export function pack(lines: string[], max: number): string[] {
  const out: string[] = [];
  let current = "";
  for (const line of lines.map((l) => cut(l, max))) {
    if (current && current.length + 1 + line.length > max) {
      out.push(current);
      current = line;
    } else current = current ? `${current}\n${line}` : line;
  }
  if (current) out.push(current);
  return out;
}
