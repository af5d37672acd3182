import { sql, type DirectReads } from "../direct-reads.js";

/** An alert a full sweep opened and holds, with what decides who hears of it (see settleHeldAlerts). */
export interface HeldAlert {
  id: number;
  rule: string;
  severity: string;
  assigneeId: number | null;
  customer: { ownerId: number | null; region: string | null } | null;
}

/** A sweep's alerts: those with greater ids than when it began, that it opened. */
interface HeldBy {
  id: number;
  afterAlertId: number;
}

/**
 * What the end of a full sweep reads of the alerts it opened: tens of thousands after a first
 * sweep, so read directly, and only what decides who hears of each; a page at a time, since on
 * SQLite a read holds the event loop until its last row (all 40,000 at once held it 0.18 s).
 */
export class HeldAlertReads {
  constructor(private readonly reads: DirectReads) {}

  /**
   * The highest alert id of any workspace: ids are handed out in order, so every alert opened from
   * now on has a greater one. Read from the end of the primary key, where the highest of one
   * workspace could mean walking back past other workspaces' alerts.
   */
  async lastAlertId(): Promise<number> {
    const [row] = await this.reads.rows(sql`SELECT MAX("id") AS "last" FROM "Alert"`);
    return row?.last === null || row?.last === undefined ? 0 : Number(row.last);
  }

  /** Up to `limit` of the sweep's alerts after the id `from`, in the order of their ids. */
  async page(workspaceId: number, sweep: HeldBy, from: number, limit: number): Promise<HeldAlert[]> {
    const rows =
      await this.reads.rows(sql`SELECT a."id", a."rule", a."severity", a."assigneeId", a."customerId", c."ownerId", c."region"
      FROM "Alert" a LEFT JOIN "Customer" c ON c."id" = a."customerId"
      WHERE a."workspaceId" = ${workspaceId} AND a."id" > ${Math.max(from, sweep.afterAlertId)} AND a."sweepId" = ${sweep.id}
      ORDER BY a."id" LIMIT ${limit}`);
    return rows.map((row) => ({
      id: row.id as number,
      rule: row.rule as string,
      severity: row.severity as string,
      assigneeId: row.assigneeId as number | null,
      customer:
        row.customerId === null ? null : { ownerId: row.ownerId as number | null, region: row.region as string | null },
    }));
  }

  /**
   * Whom the sweep's alerts with ids from `from` (exclusive) to `to` are posted to already, each as
   * `alertId>target`: by a settling that was cut short, or by another instance settling this sweep too.
   */
  async posted(workspaceId: number, sweep: HeldBy, from: number, to: number): Promise<Set<string>> {
    const rows = await this.reads.rows(sql`SELECT m."alertId", m."target"
      FROM "Alert" a JOIN "OutboxMessage" m ON m."alertId" = a."id"
      WHERE a."workspaceId" = ${workspaceId} AND a."id" > ${Math.max(from, sweep.afterAlertId)} AND a."id" <= ${to} AND a."sweepId" = ${sweep.id}`);
    return new Set(rows.map((row) => `${row.alertId as number}>${row.target as string}`));
  }
}
