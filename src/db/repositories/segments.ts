import { decode, sql, type DirectReads } from "../direct-reads.js";

/** What a customer's tier and visit cadence are worked out from. */
export interface SegmentCustomer {
  id: number;
  keyAccount: boolean;
  visitDueAt: Date | null;
  status: string;
  tier: string | null;
  /** Its own credit limit, which overrides its tier's. */
  creditLimit: bigint | null;
  visitCadenceDays: number | null;
  relationSince: Date | null;
  createdAt: Date;
  lastVisitAt: Date | null;
}

/**
 * What ABC segmentation reads, straight on the connection (see DirectReads): every customer and a
 * sum per customer over a million orders, which the Prisma client took seconds to map.
 */
export class SegmentReads {
  constructor(private readonly reads: DirectReads) {}

  /** Each customer's orders from `from` to `to` (both included), of these owners' customers or all. */
  async windowSales(
    workspaceId: number,
    from: Date,
    to: Date,
    ownerIds: readonly number[] | null,
  ): Promise<{ customerId: number; sales: bigint }[]> {
    const owned =
      ownerIds === null
        ? sql``
        : sql`AND o."customerId" IN (SELECT c."id" FROM "Customer" c WHERE c."workspaceId" = ${workspaceId} AND c."ownerId" IN (${[...ownerIds]}))`;
    const rows =
      await this.reads.rows(sql`SELECT o."customerId", CAST(SUM(o."amount") AS TEXT) AS "sales" FROM "Order" o
      WHERE o."workspaceId" = ${workspaceId} AND o."orderedAt" >= ${from} AND o."orderedAt" <= ${to} AND o."voidedAt" IS NULL ${owned}
      GROUP BY o."customerId"`);
    return rows.map((r) => ({ customerId: decode.number(r.customerId), sales: decode.bigint(r.sales) }));
  }

  /** Up to `take` customers after the id `afterId`, in the order of their ids. */
  async customers(workspaceId: number, afterId: number, take: number): Promise<SegmentCustomer[]> {
    const rows =
      await this.reads.rows(sql`SELECT c."id", c."keyAccount", c."visitDueAt", c."status", c."tier", c."creditLimit",
        c."visitCadenceDays", c."relationSince", c."createdAt", c."lastVisitAt"
      FROM "Customer" c WHERE c."workspaceId" = ${workspaceId} AND c."id" > ${afterId} ORDER BY c."id" LIMIT ${take}`);
    return rows.map((r) => ({
      id: decode.number(r.id),
      keyAccount: decode.boolean(r.keyAccount),
      visitDueAt: decode.optionalDate(r.visitDueAt),
      status: r.status as string,
      tier: r.tier as string | null,
      creditLimit: decode.optionalBigint(r.creditLimit),
      visitCadenceDays: r.visitCadenceDays === null ? null : decode.number(r.visitCadenceDays),
      relationSince: decode.optionalDate(r.relationSince),
      createdAt: decode.date(r.createdAt),
      lastVisitAt: decode.optionalDate(r.lastVisitAt),
    }));
  }
}
