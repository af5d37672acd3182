import { choiceLabel } from "../../src/core/command-texts.js";
import type { FieldChange } from "../../src/domain/customers/fields.js";
import type { Formatter } from "../../src/i18n/format.js";
import { type Translate, phrase } from "../../src/core/messages.js";

const VOCABULARY_FIELDS: Record<string, string> = {
  type: "customerType",
  status: "customerStatus",
  loyaltyStage: "loyaltyStage",
  "contact.role": "contactRole",
  "contact.stance": "stance",
  "visit.channel": "visitChannel",
};

function show(t: Translate, fmt: Formatter, field: string, value: FieldChange["from"]): string {
  if (value === null) return t("common.empty");
  if (field === "creditLimit") return fmt.formatMoney(BigInt(value as string));
  if (typeof value === "boolean") return t(value ? "common.yes" : "common.no");
  if (VOCABULARY_FIELDS[field]) return choiceLabel(t, { vocabulary: VOCABULARY_FIELDS[field] }, String(value));
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}T/.test(value)) return fmt.formatDate(new Date(value));
  return String(value);
}

/** "电话：138… → 139…", for edit replies and the history. */
export function describeChange(t: Translate, fmt: Formatter, change: FieldChange): string {
  // The entry a change was made to is named on its own (BF-0003), before its changed fields.
  if (change.field === "entry") return String(change.to);
  // A void names the entry and the reason, not a value that changed.
  if (change.field === "voided") return t("history.voided", { id: String(change.from), reason: String(change.to) });
  if (change.field === "merged")
    return t("history.merged", { duplicate: String(change.from), code: String(change.to) });
  const label = phrase(t, "field", change.field.replace(".", "_"));
  // A reason is given, never changed.
  if (change.field === "reason") return fmt.labelled(label, String(change.to));
  return fmt.labelled(label, `${show(t, fmt, change.field, change.from)} → ${show(t, fmt, change.field, change.to)}`);
}
