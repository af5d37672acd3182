import type { Provider } from "./provider.js";

interface RawExecutor {
  $executeRawUnsafe(query: string, ...values: unknown[]): Promise<number>;
}

const CHUNK = 400;
const PG_TYPES = { timestamp: "timestamp(3)", text: "text", int: "integer", bigint: "bigint" } as const;

/**
 * Sets one column of many rows to a value each, a few hundred rows per statement, where Prisma
 * would need one UPDATE per row: `UPDATE … FROM (VALUES …)` on both providers. The table and
 * column names come from the code, never from users; the values are bound parameters.
 */
export async function setColumn(
  db: RawExecutor,
  provider: Provider,
  table: string,
  column: string,
  type: keyof typeof PG_TYPES,
  rows: readonly (readonly [id: number, value: unknown])[],
): Promise<void> {
  for (let i = 0; i < rows.length; i += CHUNK) {
    const chunk = rows.slice(i, i + CHUNK);
    const values = chunk.flatMap(([id, value]) => [id, value]);
    if (provider === "postgresql") {
      const tuples = chunk.map((_, j) => `($${2 * j + 1}::integer, $${2 * j + 2}::${PG_TYPES[type]})`).join(", ");
      await db.$executeRawUnsafe(`UPDATE "${table}" AS t SET "${column}" = v.value FROM (VALUES ${tuples}) AS v(id, value) WHERE t."id" = v.id`, ...values);
    } else {
      const tuples = chunk.map(() => "(?, ?)").join(", ");
      await db.$executeRawUnsafe(`UPDATE "${table}" SET "${column}" = v.column2 FROM (VALUES ${tuples}) AS v WHERE "${table}"."id" = v.column1`, ...values);
    }
  }
}
