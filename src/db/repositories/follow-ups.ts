import type { Prisma } from "../../generated/sqlite/client.js";
import { decode, sql, type DirectReads, type RawRow, type Sql } from "../direct-reads.js";

/** What every follow-up list and notice reads of a follow-up. */
export const FOLLOW_UP_VIEW = {
  id: true,
  number: true,
  kind: true,
  text: true,
  dueAt: true,
  doneAt: true,
  userId: true,
  customer: { select: { name: true, code: true } },
  user: { select: { name: true } },
  doneBy: { select: { name: true } },
} as const;

export type FollowUpRow = Prisma.FollowUpGetPayload<{ select: typeof FOLLOW_UP_VIEW }>;

/** A FOLLOW_UP_VIEW read directly, in the shape the client gives it. */
function followUpFromRow(row: RawRow): FollowUpRow {
  return {
    id: row.id as number,
    number: row.number as number,
    kind: row.kind as string,
    text: row.text as string | null,
    dueAt: decode.date(row.dueAt),
    doneAt: decode.optionalDate(row.doneAt),
    userId: row.userId as number,
    customer: { name: row.customerName as string, code: row.customerCode as string },
    user: { name: row.userName as string },
    doneBy: row.doneByName === null ? null : { name: row.doneByName as string },
  };
}

/** The open follow-ups every rep opens the day with, read directly (see DirectReads). */
export class FollowUpReads {
  constructor(private readonly reads: DirectReads) {}

  /**
   * A page of the open follow-ups due before `until` for these users (null = everyone), the most
   * overdue first; how many there are; and how many more fall due from `until` to `upcomingUntil`.
   */
  async due(
    workspaceId: number,
    userIds: readonly number[] | null,
    window: { until: Date; upcomingUntil: Date },
    page: { skip: number; take: number },
  ): Promise<{ total: number; rows: FollowUpRow[]; upcoming: number }> {
    const { until, upcomingUntil } = window;
    const open = sql`f."workspaceId" = ${workspaceId} AND f."doneAt" IS NULL ${userIds === null ? sql`` : sql`AND f."userId" IN (${userIds})`}`;
    const count = (range: Sql) => sql`(SELECT COUNT(*) FROM "FollowUp" f WHERE ${open} AND ${range})`;
    // One statement, the counts beside the page: on PostgreSQL each statement is a round trip of
    // a few tenths of a millisecond, three times what the list itself takes.
    const rows = await this.reads.rows(sql`
      SELECT k."total", k."upcoming", p.* FROM (
        SELECT ${count(sql`f."dueAt" < ${until}`)} AS "total",
          ${count(sql`f."dueAt" >= ${until} AND f."dueAt" < ${upcomingUntil}`)} AS "upcoming"
      ) k LEFT JOIN (
        SELECT f."id", f."number", f."kind", f."text", f."dueAt", f."doneAt", f."userId", c."name" AS "customerName", c."code" AS "customerCode", u."name" AS "userName", d."name" AS "doneByName"
        FROM "FollowUp" f JOIN "Customer" c ON c."id" = f."customerId" JOIN "User" u ON u."id" = f."userId" LEFT JOIN "User" d ON d."id" = f."doneById"
        WHERE ${open} AND f."dueAt" < ${until} ORDER BY f."dueAt", f."number" LIMIT ${page.take} OFFSET ${page.skip}
      ) p ON 1 = 1
      ORDER BY p."dueAt", p."number"`);
    const [first] = rows;
    return {
      total: decode.number(first!.total),
      rows: rows.filter((r) => r.id !== null).map(followUpFromRow),
      upcoming: decode.number(first!.upcoming),
    };
  }
}
