import type { Paging } from "../../core/paging.js";
import { WAITING } from "../../outbound/outbox.js";
import { parseRecipientKey, recipientKey } from "../../outbound/port.js";
import { DomainService } from "../context.js";

/** Which posts `/alert deliveries` lists: those not out yet (waiting or to be retried), those that failed, or both. */
export const DELIVERY_FILTERS = ["problems", "pending", "failed"] as const;
export type DeliveryFilter = (typeof DELIVERY_FILTERS)[number];

const STATUSES: Record<DeliveryFilter, string[]> = {
  problems: ["pending", "sending", WAITING, "failed"],
  pending: ["pending", "sending", WAITING],
  failed: ["failed"],
};

/** Where a post goes, as a person reads it: a channel id, or a user's name. */
export type DeliveryDestination = { kind: "channel"; channelId: string } | { kind: "user"; name: string };

export interface DeliveryRow {
  id: number;
  kind: string;
  to: DeliveryDestination;
  status: string;
  attempts: number;
  reason: string | null;
  createdAt: Date;
  nextAttemptAt: Date;
}

/**
 * The outbox as admins see it: the posts that have not gone out, with why, and sending them
 * again once the cause is fixed (the bot invited, a channel route corrected).
 */
export class DeliveryService extends DomainService {
  async list(filter: DeliveryFilter, at: Paging): Promise<{ total: number; rows: DeliveryRow[] }> {
    this.requireAdmin();
    const where = { status: { in: STATUSES[filter] } };
    const [total, messages] = await Promise.all([
      this.db.outboxMessage.count({ where }),
      this.db.outboxMessage.findMany({
        where,
        select: {
          id: true,
          kind: true,
          target: true,
          status: true,
          attempts: true,
          lastError: true,
          createdAt: true,
          nextAttemptAt: true,
        },
        orderBy: [{ createdAt: "desc" }, { id: "desc" }],
        skip: at.skip,
        take: at.take,
      }),
    ]);
    const userIds = messages.flatMap((m) => {
      const to = parseRecipientKey(m.target);
      return to.kind === "user" ? [to.userId] : [];
    });
    const names = new Map(
      (await this.db.user.findMany({ where: { id: { in: userIds } }, select: { id: true, name: true } })).map((u) => [
        u.id,
        u.name,
      ]),
    );
    return {
      total,
      rows: messages.map(({ target, lastError, ...m }) => {
        const to = parseRecipientKey(target);
        return {
          ...m,
          reason: lastError,
          to: to.kind === "user" ? { kind: "user", name: names.get(to.userId) ?? "?" } : to,
        };
      }),
    };
  }

  /**
   * Posts that failed or wait for the bot to be let in, to every destination or one channel, are
   * sent again from now with their attempts restored. Returns how many.
   */
  async redeliver(channelId: string | undefined): Promise<number> {
    this.requireAdmin();
    const { count } = await this.db.outboxMessage.updateMany({
      where: {
        status: { in: ["failed", WAITING] },
        ...(channelId ? { target: recipientKey({ kind: "channel", channelId }) } : {}),
      },
      data: { status: "pending", attempts: 0, lastError: null, nextAttemptAt: this.now(), version: { increment: 1 } },
    });
    return count;
  }
}
