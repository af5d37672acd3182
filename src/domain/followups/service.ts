import { DomainService, type ServiceContext } from "../context.js";
import { addDays } from "date-fns/addDays";
import { startOfDayIn } from "../../core/dates.js";
import { UserError } from "../../core/errors.js";
import type { Paging } from "../../core/paging.js";
import { FOLLOW_UP_VIEW } from "../../db/repositories/follow-ups.js";
import { canSee } from "../access.js";
import type { UserService } from "../users/service.js";
import { formatId, parseId } from "../ids.js";

export const followUpId = (number: number) => formatId("followUp", number);

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
    const window = { until: tomorrow, upcomingUntil: addDays(tomorrow, UPCOMING_DAYS) };
    const due = await this.data.followUps.due(this.actor.workspaceId, userIds, window, at);
    return { ...due, upcomingDays: UPCOMING_DAYS };
  }

  /** A follow-up the actor may act on: their own, their team's (a manager), any (an admin). */
  async find(ref: string) {
    const number = parseId("followUp", ref);
    if (number === undefined) throw new UserError("followup.badId", { id: ref });
    const row = await this.db.followUp.findFirst({ where: { number }, select: FOLLOW_UP_VIEW });
    // One the actor may not act on reads exactly like one that does not exist (naming its owner would say whose it is).
    if (!row || (row.userId !== this.actor.id && !canSee(await this.users.team(), row.userId)))
      throw new UserError("followup.notFound", { id: followUpId(number) });
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
