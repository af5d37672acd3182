import { DomainService, type ServiceContext } from "../context.js";
import { audit } from "../audit.js";
import { UserError } from "../../core/errors.js";
import type { Locale } from "../../core/locale.js";
import type { ImportKind } from "./columns.js";
import { decodeCsv, type Encoding } from "./decode.js";
import { exportCsv } from "./export.js";
import { planImport, type ImportCounts } from "./importer.js";
import { parseImportFile, type RowProblem } from "./parse.js";

export interface ImportOptions {
  encoding: Encoding;
  /** Report what would change and write nothing. */
  dryRun: boolean;
  /** Import the good rows even when others are refused (they are still reported). */
  skipBad: boolean;
  /** Rows written so far of those to write. */
  onProgress?: (done: number, total: number) => void;
  /** The expense category for rows that give none, in the workspace's language. */
  defaultCategory: string;
}

export interface ImportSummary extends ImportCounts {
  kind: ImportKind;
  rows: number;
  encoding: "utf8" | "gbk";
  problems: RowProblem[];
  ignoredHeaders: string[];
  written: boolean;
}

/** Long imports must not be cut off by the default interactive-transaction timeout. */
const IMPORT_TIMEOUT_MS = 15 * 60_000;

/**
 * CSV import (admins): every row either imports or is reported with its line and reason, and a
 * file imports all or nothing unless the user asks to skip bad rows. Re-importing a file changes
 * nothing it already brought in.
 */
export class ImportService extends DomainService {
  private readonly importRowLimit: number | undefined;

  constructor(context: ServiceContext) {
    super(context);
    this.importRowLimit = context.importRowLimit;
  }

  async run(kind: ImportKind, data: Uint8Array, options: ImportOptions): Promise<ImportSummary> {
    if (this.actor.role !== "admin") throw new UserError("import.adminOnly");
    const now = this.now();
    const { text, encoding } = decodeCsv(data, options.encoding);
    const parsed = await parseImportFile(kind, text, { now, timezone: this.timezone }, this.importRowLimit);
    const plan = await planImport(
      { db: this.db, actor: this.actor, now, bulk: this.data.bulk },
      kind,
      parsed.rows,
      options.defaultCategory,
    );
    const problems = [...parsed.problems, ...plan.problems].sort((a, b) => a.line - b.line);
    const summary = {
      kind,
      rows: parsed.rows.length + parsed.problems.length,
      encoding,
      problems,
      ignoredHeaders: parsed.ignored,
      created: plan.created,
      updated: plan.updated,
      unchanged: plan.unchanged,
    };
    if (options.dryRun || (problems.length > 0 && !options.skipBad) || plan.size === 0)
      return { ...summary, written: false };
    await this.db.$transaction((tx) => plan.write(tx, (done) => options.onProgress?.(done, plan.size)), {
      timeout: IMPORT_TIMEOUT_MS,
    });
    await this.afterChange("all");
    return { ...summary, written: true };
  }

  /** The CSV `run` reads back, for the same kind; admins only, as it holds the whole workspace. */
  async export(kind: ImportKind, locale: Locale, range: { gte?: Date | undefined; lt?: Date | undefined }) {
    if (this.actor.role !== "admin") throw new UserError("import.adminOnly");
    const exported = await exportCsv(this.db, kind, locale, this.timezone, range);
    // The whole workspace leaving in a file is worth a trail.
    await audit(this.db, this.actor, {
      at: this.now(),
      action: "export",
      targetType: "workspace",
      targetIds: [this.actor.workspaceId],
      detail: JSON.stringify({ kind, rows: exported.rows }),
    });
    return exported;
  }
}
