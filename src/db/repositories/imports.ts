import { chunks } from "../../core/chunks.js";
import { sql, type DirectReads, type Sql } from "../direct-reads.js";

/** The ledgers a file imports into. */
export type LedgerTable = "Order" | "Payment" | "Expense";

const TABLES: Record<LedgerTable, Sql> = { Order: sql`"Order"`, Payment: sql`"Payment"`, Expense: sql`"Expense"` };

/** Keys per `IN (…)` list: a full list is one statement text, kept prepared, well inside both databases' limits. */
const KEYS_PER_READ = 500;

/**
 * What an import looks up for each batch of a file, straight on the connection (see DirectReads):
 * a 100,000-row file is 200 batches of keys, and the Prisma client's lookups of them took 1.2 s
 * of its 16 on PostgreSQL.
 */
export class ImportReads {
  constructor(private readonly reads: DirectReads) {}

  /** Which of these natural keys a ledger already holds. */
  async existingKeys(workspaceId: number, table: LedgerTable, keys: readonly string[]): Promise<Set<string>> {
    const found = new Set<string>();
    for (const part of chunks(keys, KEYS_PER_READ))
      for (const row of await this.reads.rows(sql`SELECT "externalId" FROM ${TABLES[table]}
          WHERE "workspaceId" = ${workspaceId} AND "externalId" IN (${part})`))
        found.add(row.externalId as string);
    return found;
  }

  /** The line each of these keys was staged from, by an import's earlier batches. */
  async stagedLines(workspaceId: number, importId: string, keys: readonly string[]): Promise<Map<string, number>> {
    const lines = new Map<string, number>();
    for (const part of chunks(keys, KEYS_PER_READ))
      for (const row of await this.reads.rows(sql`SELECT "externalId", "line" FROM "ImportRow"
          WHERE "workspaceId" = ${workspaceId} AND "importId" = ${importId} AND "externalId" IN (${part})`))
        lines.set(row.externalId as string, Number(row.line));
    return lines;
  }
}
