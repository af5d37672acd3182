import { extname } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The bench script `name` beside the module at `from` (its import.meta.url), as this process runs
 * them: .ts under tsx, .js compiled (`npm run bench`).
 */
export function benchScript(from: string, name: string): string {
  return fileURLToPath(new URL(`${name}${extname(fileURLToPath(from))}`, from));
}
