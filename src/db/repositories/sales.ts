import { decode, sql, type DirectReads } from "../direct-reads.js";

/** Amounts in minor units per customer owner (null = customers without one). */
export type TotalsByOwner = Map<number | null, bigint>;

/**
 * Sales and plans summed by the rep who owns the customer: a join Prisma's groupBy cannot express.
 * Sums are read as text, then exact bigints: both databases agree on that form.
 */
export class SalesReads {
  constructor(private readonly reads: DirectReads) {}

  async ordersByOwner(workspaceId: number, from: Date, until: Date): Promise<TotalsByOwner> {
    return totals(
      await this.reads.rows(sql`SELECT c."ownerId" AS "owner", CAST(SUM(o."amount") AS TEXT) AS "total"
        FROM "Order" o JOIN "Customer" c ON c."id" = o."customerId"
        WHERE o."workspaceId" = ${workspaceId} AND o."orderedAt" >= ${from} AND o."orderedAt" < ${until} AND o."voidedAt" IS NULL GROUP BY c."ownerId"`),
    );
  }

  async plansByOwner(workspaceId: number, month: string): Promise<TotalsByOwner> {
    return totals(
      await this.reads.rows(sql`SELECT c."ownerId" AS "owner", CAST(SUM(p."amount") AS TEXT) AS "total"
        FROM "SalesPlan" p JOIN "Customer" c ON c."id" = p."customerId"
        WHERE p."workspaceId" = ${workspaceId} AND p."month" = ${month} GROUP BY c."ownerId"`),
    );
  }
}

function totals(rows: Record<string, unknown>[]): TotalsByOwner {
  return new Map(rows.map((r) => [r.owner === null ? null : Number(r.owner), decode.bigint(r.total)]));
}
