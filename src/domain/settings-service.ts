import type { Actor } from "../core/command.js";
import { UserError } from "../core/errors.js";
import type { WorkspaceDb } from "../db/scope.js";
import { readSetting, writeSetting, type VisitSettings } from "./settings.js";
import { refreshVisitDue } from "./visits/cadence.js";

/** Reading workspace settings is open to all; changing them is an admin's job. */
export class SettingsService {
  constructor(
    private readonly db: WorkspaceDb,
    private readonly actor: Actor,
  ) {}

  visits(): Promise<VisitSettings> {
    return readSetting(this.db, "visits");
  }

  /** Saves the visit rules and moves every customer's due date to match, in one transaction. */
  async setVisits(value: VisitSettings): Promise<{ customersMoved: number }> {
    if (this.actor.role !== "admin") throw new UserError("settings.adminOnly");
    return this.db.$transaction(
      async (tx) => {
        await writeSetting(tx, this.actor.workspaceId, "visits", value);
        return { customersMoved: await refreshVisitDue(tx, value) };
      },
      { timeout: 120_000 },
    );
  }
}
