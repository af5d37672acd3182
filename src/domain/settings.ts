import { Cron } from "croner";
import { z } from "zod";
import type { SettingReads } from "../db/repositories/settings.js";
import type { WorkspaceDb, WorkspaceTx } from "../db/scope.js";

const days = z.number().int().min(1).max(3660);
const factor = z.number().min(1, "a factor below 1").max(100);
const percent = z.number().min(1).max(100);
const tierValues = <T extends z.ZodType<number>>(value: T) => z.object({ A: value, B: value, C: value, none: value });
const cron = z.string().refine((pattern) => {
  try {
    new Cron(pattern, { paused: true }).stop();
    return true;
  } catch {
    return false;
  }
}, "not a cron pattern");
const enabled = z.boolean();

/** The early-warning rules' thresholds (预警), and when sweeps and digests run, in the workspace's time zone. */
const alertSettingsSchema = z.object({
  schedule: z.object({ sweep: cron, morning: cron, weekly: cron, monthly: cron, segments: cron }),
  /** More new alerts than this for one person or channel in one sweep become one summary post. */
  storm: z.object({ threshold: z.number().int().min(1).max(10_000) }),
  rules: z.object({
    receivables: z.object({ enabled, factor, criticalFactor: factor }),
    sales_behind_plan: z.object({ enabled, threshold: percent, fromDay: z.number().int().min(1).max(28) }),
    sales_below_last_year: z.object({ enabled, drop: percent, windowDays: days, minAmount: z.number().int().min(0) }),
    order_frequency_drop: z.object({ enabled, drop: percent, windowDays: days, minOrders: z.number().int().min(1) }),
    expenses_over_budget: z.object({ enabled }),
    expenses_rising: z.object({ enabled, factor, minAmount: z.number().int().min(0) }),
    churn: z.object({ enabled, factor: tierValues(factor), minDays: days }),
    incident: z.object({ enabled }),
    no_visit: z.object({ enabled, graceDays: tierValues(z.number().int().min(0).max(3660)) }),
    complaint_overdue: z.object({ enabled }),
    stale_profile: z.object({ enabled, days }),
  }),
});
export type AlertSettings = z.infer<typeof alertSettingsSchema>;

const ALERT_DEFAULTS: AlertSettings = {
  // Hourly sweeps; the morning list at 8 on workdays; the weekly digest on Friday afternoon; the
  // monthly summary on the 1st; ABC tiers at night, when nobody enters orders.
  schedule: {
    sweep: "0 * * * *",
    morning: "0 8 * * 1-5",
    weekly: "0 16 * * 5",
    monthly: "0 9 1 * *",
    segments: "0 3 * * *",
  },
  // A first sweep after an import opens hundreds; one post each would bury the channel for hours.
  storm: { threshold: 20 },
  rules: {
    receivables: { enabled: true, factor: 1, criticalFactor: 1.5 },
    // Behind plan when sales are under 80% of the plan's share for the days gone, from the 7th on.
    sales_behind_plan: { enabled: true, threshold: 80, fromDay: 7 },
    sales_below_last_year: { enabled: true, drop: 30, windowDays: 90, minAmount: 100_000 },
    order_frequency_drop: { enabled: true, drop: 50, windowDays: 90, minOrders: 3 },
    expenses_over_budget: { enabled: true },
    expenses_rising: { enabled: true, factor: 2, minAmount: 100_000 },
    // DOMAIN.md: no order for longer than the usual cycle × 2, at least 30 days, tighter for A.
    churn: { enabled: true, factor: { A: 1.5, B: 2, C: 2, none: 2 }, minDays: 30 },
    incident: { enabled: true },
    no_visit: { enabled: true, graceDays: { A: 0, B: 7, C: 14, none: 14 } },
    complaint_overdue: { enabled: true },
    stale_profile: { enabled: true, days: 180 },
  },
};
const workingDays = z.number().int().min(1).max(365);
const milestoneDays = z.object({ validate: workingDays, propose: workingDays, resolve: workingDays });

/**
 * Workspace settings: one zod schema and its defaults per key, stored as JSON in WorkspaceSetting.
 * A stored value is merged over the defaults, so a setting added later needs no migration.
 */
export const SETTINGS = {
  visits: {
    schema: z.object({
      /** Days between visits per tier once a customer is past its first year; `none` = no tier yet. */
      cadence: z.object({ A: days, B: days, C: days, none: days }),
      /** "一年内每月回访一次": the cadence in a customer's first period, and that period's length. */
      newCustomerDays: days,
      newPeriodDays: days,
      /** When a next step or promise is given without a date, it falls due this many days out. */
      followUpDays: days,
    }),
    defaults: { cadence: { A: 30, B: 60, C: 90, none: 90 }, newCustomerDays: 30, newPeriodDays: 365, followUpDays: 7 },
  },
  complaints: {
    schema: z.object({
      /** Working days from receipt to each milestone: validated, a solution proposed, resolved. */
      deadlines: milestoneDays,
      /** A category's own deadlines, where they differ (e.g. quality takes longer to resolve). */
      categories: z.record(z.string(), milestoneDays.partial()),
      /** Working days after the escalation to the owner's manager before admins are told as well. */
      adminsAfterDays: workingDays,
    }),
    defaults: { deadlines: { validate: 1, propose: 3, resolve: 7 }, categories: {}, adminsAfterDays: 2 } as {
      deadlines: { validate: number; propose: number; resolve: number };
      categories: Record<string, Partial<{ validate: number; propose: number; resolve: number }>>;
      adminsAfterDays: number;
    },
  },
  calendar: {
    schema: z.object({
      /** The country whose holidays and make-up days (调休) count: "CN", "US"…, "none" for weekdays only, null to follow the time zone. */
      country: z
        .string()
        .regex(/^([A-Z]{2}|none)$/)
        .nullable(),
    }),
    defaults: { country: null } as { country: string | null },
  },
  segments: {
    schema: z
      .object({
        /** Months of orders the ranking looks back over. */
        windowMonths: z.number().int().min(1).max(60),
        /** A = the customers making up the first `aShare` percent of sales, B the next `bShare`. */
        aShare: z.number().min(1).max(99),
        bShare: z.number().min(0).max(98),
        /** The top `keyShare` percent of buying customers are key accounts (80/20). */
        keyShare: z.number().min(1).max(100),
        /** Credit limit per tier in minor units when a customer has none of its own; null = no limit. */
        creditLimits: z.object({
          A: z.number().int().min(0).nullable(),
          B: z.number().int().min(0).nullable(),
          C: z.number().int().min(0).nullable(),
        }),
      })
      .refine((s) => s.aShare + s.bShare < 100, { message: "A and B together must leave room for C" }),
    defaults: {
      windowMonths: 12,
      aShare: 75,
      bShare: 20,
      keyShare: 20,
      creditLimits: { A: null, B: 10_000_000, C: 2_000_000 },
    } as {
      windowMonths: number;
      aShare: number;
      bShare: number;
      keyShare: number;
      creditLimits: { A: number | null; B: number | null; C: number | null };
    },
  },
  alerts: { schema: alertSettingsSchema, defaults: ALERT_DEFAULTS },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]["schema"]>;
export type VisitSettings = SettingValue<"visits">;
export type ComplaintSettings = SettingValue<"complaints">;
export type SegmentSettings = SettingValue<"segments">;
export type AlertRuleId = keyof AlertSettings["rules"];

export async function readSetting<K extends SettingKey>(
  db: WorkspaceDb | WorkspaceTx,
  key: K,
): Promise<SettingValue<K>> {
  const row = await db.workspaceSetting.findFirst({ where: { key }, select: { value: true } });
  return settingFrom(key, row?.value);
}

/** The same as `readSetting`, read directly (see DirectReads), for the commands every rep runs. */
export async function readSettingDirectly<K extends SettingKey>(
  settings: SettingReads,
  workspaceId: number,
  key: K,
): Promise<SettingValue<K>> {
  return settingFrom(key, await settings.stored(workspaceId, key));
}

/** A stored setting over the defaults, which fill in what it leaves out; the defaults alone when none is stored. */
function settingFrom<K extends SettingKey>(key: K, stored: string | undefined): SettingValue<K> {
  const { schema, defaults } = SETTINGS[key];
  if (stored === undefined) return structuredClone(defaults) as SettingValue<K>;
  return schema.parse(mergeOver(defaults, JSON.parse(stored))) as SettingValue<K>;
}

export async function writeSetting<K extends SettingKey>(
  tx: WorkspaceTx,
  workspaceId: number,
  key: K,
  value: SettingValue<K>,
): Promise<void> {
  const json = JSON.stringify(SETTINGS[key].schema.parse(value));
  await tx.workspaceSetting.upsert({
    where: { workspaceId_key: { workspaceId, key } },
    create: { workspaceId, key, value: json },
    update: { value: json },
  });
}

function mergeOver(base: unknown, over: unknown): unknown {
  if (typeof base !== "object" || base === null || typeof over !== "object" || over === null) return over ?? base;
  const out: Record<string, unknown> = { ...(base as Record<string, unknown>) };
  for (const [k, v] of Object.entries(over)) out[k] = mergeOver(out[k], v);
  return out;
}
