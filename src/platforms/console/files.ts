import { mkdir, writeFile } from "node:fs/promises";
import { join, relative, resolve } from "node:path";
import type { ReplyFile } from "../../core/reply.js";

/**
 * The console has no chat to attach a file to, so a reply's files are saved to a folder and their
 * paths printed. A name already taken gets a number, so nothing earlier is overwritten.
 */
export async function saveFiles(files: readonly ReplyFile[], dir: string): Promise<string[]> {
  if (files.length === 0) return [];
  await mkdir(dir, { recursive: true });
  const paths: string[] = [];
  for (const file of files) {
    const dot = file.name.lastIndexOf(".");
    const [stem, ext] = dot > 0 ? [file.name.slice(0, dot), file.name.slice(dot)] : [file.name, ""];
    for (let n = 1; ; n++) {
      const path = join(dir, n === 1 ? file.name : `${stem}-${n}${ext}`);
      try {
        await writeFile(path, file.data, { flag: "wx" });
        const shown = relative(process.cwd(), path);
        paths.push(shown.startsWith("..") ? resolve(path) : shown);
        break;
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
      }
    }
  }
  return paths;
}
