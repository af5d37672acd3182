import { existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The folder of the project's package.json: where prisma/, data/ and dist/ are. Modules run from
 * src/ under tsx and from dist/src/ compiled (scripts/build.mjs), so a path counted in `../` from
 * a module would be right in one of the two only.
 */
export const PROJECT_ROOT = findRoot(dirname(fileURLToPath(import.meta.url)));

function findRoot(from: string): string {
  for (let dir = from; dir !== dirname(dir); dir = dirname(dir)) {
    if (existsSync(join(dir, "package.json"))) return dir;
  }
  throw new Error(`no package.json above ${from}`);
}
