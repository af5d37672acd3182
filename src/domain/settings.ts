import { z } from "zod";
import type { WorkspaceDb, WorkspaceTx } from "../db/scope.js";

const days = z.number().int().min(1).max(3660);
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
        creditLimits: z.object({ A: z.number().int().min(0).nullable(), B: z.number().int().min(0).nullable(), C: z.number().int().min(0).nullable() }),
      })
      .refine((s) => s.aShare + s.bShare < 100, { message: "A and B together must leave room for C" }),
    defaults: { windowMonths: 12, aShare: 75, bShare: 20, keyShare: 20, creditLimits: { A: null, B: 10_000_000, C: 2_000_000 } } as {
      windowMonths: number;
      aShare: number;
      bShare: number;
      keyShare: number;
      creditLimits: { A: number | null; B: number | null; C: number | null };
    },
  },
} as const;

export type SettingKey = keyof typeof SETTINGS;
export type SettingValue<K extends SettingKey> = z.infer<(typeof SETTINGS)[K]["schema"]>;
export type VisitSettings = SettingValue<"visits">;
export type ComplaintSettings = SettingValue<"complaints">;
export type SegmentSettings = SettingValue<"segments">;

export async function readSetting<K extends SettingKey>(db: WorkspaceDb | WorkspaceTx, key: K): Promise<SettingValue<K>> {
  const { schema, defaults } = SETTINGS[key];
  const row = await db.workspaceSetting.findFirst({ where: { key }, select: { value: true } });
  if (!row) return structuredClone(defaults) as SettingValue<K>;
  return schema.parse(mergeOver(defaults, JSON.parse(row.value))) as SettingValue<K>;
}

export async function writeSetting<K extends SettingKey>(tx: WorkspaceTx, workspaceId: number, key: K, value: SettingValue<K>): Promise<void> {
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
