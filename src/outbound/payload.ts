/**
 * The outbox stores a notification's data as text: JSON that keeps its dates and amounts
 * (`{ "$date": "…" }`, `{ "$bigint": "…" }`), so that the view written at delivery gets them back
 * as they were.
 */
export function encodePayload(value: unknown): string {
  return JSON.stringify(value, function (this: Record<string, unknown>, key, json) {
    // The holder's own value: a Date has already been turned into a string by toJSON.
    const raw = this[key];
    if (raw instanceof Date) return { $date: raw.toISOString() };
    if (typeof raw === "bigint") return { $bigint: raw.toString() };
    return json;
  });
}

export function decodePayload(text: string): unknown {
  return JSON.parse(text, (_key, value) => {
    if (value === null || typeof value !== "object" || Array.isArray(value)) return value;
    const keys = Object.keys(value);
    if (keys.length !== 1) return value;
    if (typeof value.$date === "string") return new Date(value.$date);
    if (typeof value.$bigint === "string") return BigInt(value.$bigint);
    return value;
  });
}
