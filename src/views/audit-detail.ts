import { phrase, type Translate } from "../core/messages.js";

/** Platforms by their own names, the same in every language. */
const PLATFORM_NAMES: Record<string, string> = { discord: "Discord", slack: "Slack", console: "Console" };

/**
 * An audit entry's detail in the reader's language: what a role became, what a leaver handed on,
 * what an export held. Details are stored as JSON; one that is not (an older entry) is shown as stored.
 */
export function auditDetail(t: Translate, action: string, detail: string | null): string | null {
  if (detail === null) return null;
  let facts: Record<string, unknown>;
  try {
    facts = JSON.parse(detail) as Record<string, unknown>;
  } catch {
    return detail;
  }
  const role = (value: unknown) => phrase(t, "vocab.role", String(value));
  switch (action) {
    case "role":
      return facts.claim
        ? t("audit.detail.claim", { to: role(facts.to) })
        : t("audit.detail.role", { from: role(facts.from), to: role(facts.to) });
    case "role_mapping":
      return t("audit.detail.roleMapping", {
        platform: PLATFORM_NAMES[String(facts.platform)] ?? facts.platform,
        platformRole: facts.platformRole,
        to: role(facts.to),
      });
    case "deactivate":
      return t("audit.detail.deactivate", { ...facts, heir: facts.to });
    case "export":
      return t("audit.detail.export", { kind: phrase(t, "vocab.importKind", String(facts.kind)), rows: facts.rows });
    case "install":
      return t("audit.detail.install", { installer: facts.installer });
    default:
      return detail;
  }
}
