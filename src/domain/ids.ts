/**
 * The short ids users type and see for numbered records: HF-0012 (回访 follow-ups), TS-0042
 * (投诉 complaints), YJ-0007 (预警 alerts), JH-0001 (进货 orders), HK- (回款 payments), FY- (费用
 * expenses), BF- (拜访 visits). Numbers come from the workspace's counters.
 */
export const ID_PREFIX = {
  followUp: "HF",
  complaint: "TS",
  alert: "YJ",
  order: "JH",
  payment: "HK",
  expense: "FY",
  visit: "BF",
} as const;
export type NumberedKind = keyof typeof ID_PREFIX;

export function formatId(kind: NumberedKind, number: number): string {
  return `${ID_PREFIX[kind]}-${String(number).padStart(4, "0")}`;
}

/** Accepts TS-0042, ts42, #42 and 42; undefined when the text is not such an id. */
export function parseId(kind: NumberedKind, text: string): number | undefined {
  const match = new RegExp(`^(?:${ID_PREFIX[kind]}-?|#)?0*(\\d{1,9})$`, "i").exec(text.trim());
  return match ? Number(match[1]) : undefined;
}

/** The kind whose prefix an id carries (HK-0003: a payment), for telling a user which command takes it. */
export function kindOfId(text: string): NumberedKind | undefined {
  const prefix = /^([a-z]{2})-?\d/i.exec(text.trim())?.[1]?.toUpperCase();
  return (Object.keys(ID_PREFIX) as NumberedKind[]).find((k) => ID_PREFIX[k] === prefix);
}
