import { DomainService } from "../context.js";
import { UserError } from "../../core/errors.js";
import { customersMovedByTier } from "../alerts/rules.js";
import { readSetting, SETTINGS, writeSetting, type SegmentSettings } from "../settings.js";
import { recomputeSegments } from "./recompute.js";

/** ABC tiers and key accounts: recomputed nightly and on an admin's demand, by the admin's rules. */
export class SegmentService extends DomainService {
  /**
   * Tiers move credit limits, churn thresholds and visit cadences, so after a run each rule that
   * reads a tier sweeps the customers whose change moved its inputs: a run that moves a handful
   * of customers sweeps those, and a first run, which gives most customers C, sweeps their
   * credit limits but not their visits.
   */
  async run() {
    this.requireAdmin();
    const { run, moves } = await recomputeSegments(this.db, this.actor.workspaceId, this.data, this.now());
    if (moves.length > 0) {
      const [alerts, segments] = await Promise.all([readSetting(this.db, "alerts"), this.settings()]);
      await this.afterChange(customersMovedByTier(moves, alerts, segments));
    }
    return run;
  }

  settings(): Promise<SegmentSettings> {
    return readSetting(this.db, "segments");
  }

  /** Changes the rules; shares that leave no room for C are refused, and nothing is recomputed until asked. */
  async update(
    changes: Partial<Omit<SegmentSettings, "creditLimits">> & {
      creditLimits?: Partial<SegmentSettings["creditLimits"]>;
    },
  ): Promise<SegmentSettings> {
    this.requireAdmin();
    const current = await this.settings();
    const next = { ...current, ...changes, creditLimits: { ...current.creditLimits, ...changes.creditLimits } };
    if (!SETTINGS.segments.schema.safeParse(next).success)
      throw new UserError("segment.badShares", { a: next.aShare, b: next.bShare });
    await this.db.$transaction((tx) => writeSetting(tx, this.actor.workspaceId, "segments", next));
    return next;
  }
}
