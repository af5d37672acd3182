import { sql, type DirectReads } from "../direct-reads.js";

/** Settings the commands every rep runs need, read directly (see DirectReads). */
export class SettingReads {
  constructor(private readonly reads: DirectReads) {}

  /** A workspace setting's stored JSON, or undefined when it was never set. */
  async stored(workspaceId: number, key: string): Promise<string | undefined> {
    const [row] = await this.reads.rows(
      sql`SELECT "value" FROM "WorkspaceSetting" WHERE "workspaceId" = ${workspaceId} AND "key" = ${key}`,
    );
    return row?.value as string | undefined;
  }
}
