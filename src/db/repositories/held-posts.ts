import { decode, sql, sqlText, type DirectReads } from "../direct-reads.js";

/** The outbox status of a post held until its sweep ends (see src/outbound/outbox.ts). */
export const HELD = "held";

/** The posts held for one recipient (see settleHeldAlerts). */
export interface HeldForTarget {
  target: string;
  total: number;
  /** The first held post's id: it names the summary that may replace them. */
  firstId: number;
  /** How many of them are about alerts of each rule. */
  byRule: Map<string, number>;
}

/**
 * What the end of a full sweep reads of the posts it held, aggregated by the database: a first
 * sweep holds tens of thousands, and reading each into the bot to count them was a sixth of it.
 * Only posts up to the id `last` are read, so that what is settled is what was counted.
 */
export class HeldPostReads {
  constructor(private readonly reads: DirectReads) {}

  /** The id of the last post held, if any. */
  async lastHeld(workspaceId: number): Promise<number | null> {
    const [row] = await this.reads.rows(sql`SELECT MAX(m."id") AS "last" FROM "OutboxMessage" m
      WHERE m."workspaceId" = ${workspaceId} AND m."status" = ${HELD}`);
    return optionalId(row?.last);
  }

  /** The id of the first post held from `from` up to `last`, if any. */
  async firstHeld(workspaceId: number, from: number, last: number): Promise<number | null> {
    const [row] = await this.reads.rows(sql`SELECT MIN(m."id") AS "first" FROM "OutboxMessage" m
      WHERE m."workspaceId" = ${workspaceId} AND m."status" = ${HELD} AND m."id" >= ${from} AND m."id" <= ${last}`);
    return optionalId(row?.first);
  }

  /** The posts held up to `last`, per recipient. */
  async byTarget(workspaceId: number, last: number): Promise<HeldForTarget[]> {
    const rows = await this.reads.rows(sql`SELECT m."target", a."rule", COUNT(*) AS "n", MIN(m."id") AS "first"
      FROM "OutboxMessage" m LEFT JOIN "Alert" a ON a."id" = m."alertId"
      WHERE m."workspaceId" = ${workspaceId} AND m."status" = ${HELD} AND m."id" <= ${last}
      GROUP BY m."target", a."rule"`);
    const targets = new Map<string, HeldForTarget>();
    for (const row of rows) {
      const target = row.target as string;
      const n = decode.number(row.n);
      const first = decode.number(row.first);
      const held = targets.get(target) ?? { target, total: 0, firstId: first, byRule: new Map() };
      held.total += n;
      held.firstId = Math.min(held.firstId, first);
      if (row.rule !== null) held.byRule.set(row.rule as string, n);
      targets.set(target, held);
    }
    return [...targets.values()];
  }

  /**
   * The ids of the `top` most serious alerts held up to `last` for each of `targets`: by
   * `severities` (most serious first), then the oldest alert first.
   */
  async mostSerious(
    workspaceId: number,
    last: number,
    targets: readonly string[],
    severities: readonly string[],
    top: number,
  ): Promise<Map<string, number[]>> {
    const rank = sqlText(
      `CASE a."severity" ${severities.map((s, i) => `WHEN '${s.replace(/'/g, "''")}' THEN ${i}`).join(" ")} ELSE ${severities.length} END`,
    );
    const rows = await this.reads.rows(sql`SELECT t."target", t."alertId" FROM (
        SELECT m."target", m."alertId", ROW_NUMBER() OVER (PARTITION BY m."target" ORDER BY ${rank}, m."alertId") AS "r"
        FROM "OutboxMessage" m JOIN "Alert" a ON a."id" = m."alertId"
        WHERE m."workspaceId" = ${workspaceId} AND m."status" = ${HELD} AND m."id" <= ${last} AND m."target" IN (${targets})
      ) t WHERE t."r" <= ${top} ORDER BY t."target", t."r"`);
    const serious = new Map<string, number[]>();
    for (const row of rows) {
      const ids = serious.get(row.target as string) ?? [];
      ids.push(decode.number(row.alertId));
      serious.set(row.target as string, ids);
    }
    return serious;
  }
}

/** An id from MIN or MAX, which is null over no rows. */
const optionalId = (value: unknown): number | null =>
  value === null || value === undefined ? null : decode.number(value);
