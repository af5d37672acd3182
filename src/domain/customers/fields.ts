/**
 * The profile fields a user can set, in the order the profile card and the history show them.
 * Money is in minor units; dates are instants.
 */
export const PROFILE_FIELDS = [
  "name",
  "code",
  "shortName",
  "type",
  "status",
  "region",
  "route",
  "phone",
  "address",
  "legalRep",
  "source",
  "relationSince",
  "businessType",
  "marketArea",
  "salesCapacity",
  "growthPotential",
  "businessStyle",
  "salesPerformance",
  "marketShare",
  "competitorRelation",
  "competitorSales",
  "currentProblems",
  "financialStatus",
  "creditStatus",
  "creditRating",
  "creditLimit",
  "keyAccountManual",
  "loyaltyStage",
  "visitCadenceDays",
] as const;

export type ProfileField = (typeof PROFILE_FIELDS)[number];
export type ProfileValue = string | number | bigint | boolean | Date | null;
export type ProfileInput = Partial<Record<ProfileField, ProfileValue>>;

/** A change as the history stores it: values in a JSON-safe form. */
export interface FieldChange {
  field: string;
  from: string | number | boolean | null;
  to: string | number | boolean | null;
}

export function storable(value: ProfileValue | undefined): string | number | boolean | null {
  if (value === undefined || value === null) return null;
  if (typeof value === "bigint") return value.toString();
  if (value instanceof Date) return value.toISOString();
  return value;
}

export function diffProfile(before: Record<string, unknown>, changes: ProfileInput): FieldChange[] {
  const result: FieldChange[] = [];
  for (const field of PROFILE_FIELDS) {
    if (!(field in changes)) continue;
    const from = storable(before[field] as ProfileValue);
    const to = storable(changes[field]);
    if (from !== to) result.push({ field, from, to });
  }
  return result;
}
