import { DomainService, type ServiceContext } from "../context.js";
import { addDays } from "date-fns/addDays";
import { startOfDayIn } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { Paging } from "../../core/paging.js";
import { decode, sql, type RawRow, type Sql } from "../../db/direct-reads.js";
import type { Prisma } from "../../generated/sqlite/client.js";
import { canSee } from "../access.js";
import type { UserService } from "../users/service.js";
import { formatId, parseId } from "../ids.js";

export const followUpId = (number: number) => formatId("followUp", number);

const FOLLOW_UP_VIEW = {
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

type FollowUpRow = Prisma.FollowUpGetPayload<{ select: typeof FOLLOW_UP_VIEW }>;

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

/** How far ahead the follow-up list looks when it mentions what is coming. */
const UPCOMING_DAYS = 7;

export class FollowUpService extends DomainService {
  constructor(
    context: ServiceContext,
    private readonly users: UserService,
  ) {
    super(context);
  }

  /**
   * Open follow-ups due today or earlier for these users (null = everyone), the most overdue
   * first, with how many more fall due in the coming week. What every rep opens the day with, so
   * it is read directly (see DirectReads).
   */
  async due(userIds: number[] | null, at: Paging) {
    const tomorrow = addDays(startOfDayIn(this.now(), this.timezone), 1);
    const open = sql`f."workspaceId" = ${this.actor.workspaceId} AND f."doneAt" IS NULL ${userIds === null ? sql`` : sql`AND f."userId" IN (${userIds})`}`;
    const count = async (range: Sql) =>
      decode.number(
        (await this.reads.rows(sql`SELECT COUNT(*) AS "n" FROM "FollowUp" f WHERE ${open} AND ${range}`))[0]!.n,
      );
    const [total, rows, upcoming] = await Promise.all([
      count(sql`f."dueAt" < ${tomorrow}`),
      this.reads.rows(sql`
        SELECT f."id", f."number", f."kind", f."text", f."dueAt", f."doneAt", f."userId", c."name" AS "customerName", c."code" AS "customerCode", u."name" AS "userName", d."name" AS "doneByName"
        FROM "FollowUp" f JOIN "Customer" c ON c."id" = f."customerId" JOIN "User" u ON u."id" = f."userId" LEFT JOIN "User" d ON d."id" = f."doneById"
        WHERE ${open} AND f."dueAt" < ${tomorrow} ORDER BY f."dueAt", f."number" LIMIT ${at.take} OFFSET ${at.skip}`),
      count(sql`f."dueAt" >= ${tomorrow} AND f."dueAt" < ${addDays(tomorrow, UPCOMING_DAYS)}`),
    ]);
    return { total, rows: rows.map(followUpFromRow), upcoming, upcomingDays: UPCOMING_DAYS };
  }

  /** A follow-up the actor may act on: their own, their team's (a manager), any (an admin). */
  async find(ref: string) {
    const number = parseId("followUp", ref);
    if (number === undefined) throw new UserError("followup.badId", { id: ref });
    const row = await this.db.followUp.findFirst({ where: { number }, select: FOLLOW_UP_VIEW });
    if (!row) throw new UserError("followup.notFound", { id: followUpId(number) });
    if (row.userId !== this.actor.id && !canSee(await this.users.team(), row.userId)) {
      throw new UserError("followup.forbidden", { id: followUpId(number), user: row.user.name });
    }
    return row;
  }

  /** Marks a next step done or a promise kept. */
  async done(ref: string, note: string | undefined) {
    const row = await this.open(ref);
    const result = await this.db.followUp.updateMany({
      where: { id: row.id, doneAt: null },
      data: { doneAt: this.now(), doneById: this.actor.id, doneNote: note ?? null },
    });
    // Someone else closed it between the read and the write.
    if (result.count === 0) return this.open(ref);
    return row;
  }

  async move(ref: string, dueAt: Date) {
    const row = await this.open(ref);
    await this.db.followUp.update({ where: { id: row.id }, data: { dueAt } });
    return { ...row, previousDueAt: row.dueAt, dueAt };
  }

  private async open(ref: string) {
    const row = await this.find(ref);
    if (row.doneAt) {
      throw new UserError("followup.alreadyDone", {
        id: followUpId(row.number),
        by: row.doneBy?.name ?? "-",
        date: row.doneAt,
      });
    }
    return row;
  }
}
