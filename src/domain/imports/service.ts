import { secondsSince } from "../../core/observer.js";
import { DomainService, type ServiceContext } from "../context.js";
import { audit } from "../audit.js";
import type { Limits } from "../../core/limits.js";
import type { Locale } from "../../core/locale.js";
import type { ImportKind } from "./columns.js";
import { decodeCsv, type Encoding } from "./decode.js";
import { exportCsv, type ExportWords } from "./export.js";
import { startImport } from "./importer.js";
import { readImportBatches, type RowProblem } from "./parse.js";
import type { ImportCounts } from "./rows.js";

export interface ImportOptions {
  encoding: Encoding;
  /** Report what would change and write nothing. */
  dryRun: boolean;
  /** Import the good rows even when others are refused (they are still reported). */
  skipBad: boolean;
  /** Rows read and checked so far, now and then while the file is read. */
  onRead?: (rows: number) => void;
  /** Rows written so far of those to write. */
  onProgress?: (done: number, total: number) => void;
  /** The expense category for rows that give none, in the workspace's language. */
  defaultCategory: string;
  /** New customers already on file under the same name or phone are imported rather than refused. */
  allowDuplicates?: boolean;
}

export interface ImportSummary extends ImportCounts {
  kind: ImportKind;
  rows: number;
  encoding: "utf8" | "gbk";
  /** The first problems by line (at most KEPT_PROBLEMS) … */
  problems: RowProblem[];
  /** … of this many. */
  problemCount: number;
  ignoredHeaders: string[];
  written: boolean;
}

/** Long imports must not be cut off by the default interactive-transaction timeout. */
const IMPORT_TIMEOUT_MS = 15 * 60_000;
/** Reading progress is told every this many rows. */
const READ_PROGRESS_EVERY = 100_000;

/**
 * CSV import (admins): every row either imports or is reported with its line and reason, and a
 * file imports all or nothing unless the user asks to skip bad rows. Re-importing a file changes
 * nothing it already brought in. The file is read a batch of rows at a time, never whole.
 */
export class ImportService extends DomainService {
  private readonly limits: Limits;

  constructor(context: ServiceContext) {
    super(context);
    this.limits = context.limits;
  }

  /** The largest file the bot takes, for those who read one themselves (the console). */
  get maxFileBytes(): number {
    return this.limits.uploadBytes;
  }

  async run(kind: ImportKind, data: Uint8Array, options: ImportOptions): Promise<ImportSummary> {
    this.requireAdmin("import.adminOnly");
    const started = performance.now();
    try {
      return await this.importFile(kind, data, options);
    } finally {
      this.observer.imported(kind, secondsSince(started));
    }
  }

  private async importFile(kind: ImportKind, data: Uint8Array, options: ImportOptions): Promise<ImportSummary> {
    const now = this.now();
    const decoded = await decodeCsv(data, options.encoding);
    const importer = startImport(
      {
        db: this.db,
        actor: this.actor,
        now,
        bulk: this.data.bulk,
        imports: this.data.imports,
      },
      kind,
      {
        defaultCategory: options.defaultCategory,
        allowDuplicates: options.allowDuplicates ?? false,
      },
    );
    try {
      const problems = new ProblemLog();
      let ignoredHeaders: string[] = [];
      let rows = 0;
      const batches = readImportBatches(
        kind,
        decoded.slices(),
        { now, timezone: this.timezone, maxAmount: this.limits.amount },
        { maxRows: this.limits.importRows, onHeader: (ignored) => (ignoredHeaders = ignored) },
      );
      for await (const batch of batches) {
        problems.add(batch.problems);
        problems.add(await importer.add(batch.rows));
        const before = rows;
        rows += batch.rows.length + batch.problems.length;
        if (Math.floor(rows / READ_PROGRESS_EVERY) > Math.floor(before / READ_PROGRESS_EVERY)) options.onRead?.(rows);
      }
      const plan = await importer.plan();
      problems.add(plan.problems);
      const summary = {
        kind,
        rows,
        encoding: decoded.encoding,
        problems: problems.first(),
        problemCount: problems.count,
        ignoredHeaders,
        created: plan.created,
        updated: plan.updated,
        unchanged: plan.unchanged,
      };
      if (options.dryRun || (problems.count > 0 && !options.skipBad) || plan.size === 0)
        return { ...summary, written: false };
      await this.db.$transaction((tx) => plan.write(tx, (done) => options.onProgress?.(done, plan.size)), {
        timeout: IMPORT_TIMEOUT_MS,
      });
      await this.afterChange("all");
      return { ...summary, written: true };
    } finally {
      await importer.discard();
    }
  }

  /** The CSV `run` reads back, for the same kind; admins only, as it holds the whole workspace. */
  async export(
    kind: ImportKind,
    locale: Locale,
    range: { gte?: Date | undefined; lt?: Date | undefined },
    words?: ExportWords,
  ) {
    this.requireAdmin("import.adminOnly");
    const exported = await exportCsv(this.db, kind, locale, this.timezone, range, words);
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

/** Problems kept for the reply are the first by line; the rest are only counted, so a file of bad rows costs no memory. */
const KEPT_PROBLEMS = 1_000;

class ProblemLog {
  count = 0;
  private kept: RowProblem[] = [];

  add(problems: readonly RowProblem[]): void {
    this.count += problems.length;
    this.kept.push(...problems);
    if (this.kept.length > 2 * KEPT_PROBLEMS) this.kept = this.first();
  }

  first(): RowProblem[] {
    return this.kept.sort((a, b) => a.line - b.line).slice(0, KEPT_PROBLEMS);
  }
}
