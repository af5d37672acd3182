import { createHash, randomUUID } from "node:crypto";
import { chunks } from "../../core/chunks.js";
import type { WorkspaceTx } from "../../db/scope.js";
import type { ParsedRow, RowProblem } from "./parse.js";
import { KeyFingerprints } from "./key-fingerprints.js";
import { CustomerLookup, type Importer, type PlanContext } from "./rows.js";

export const LEDGER_KINDS = ["orders", "payments", "expenses"] as const;
export type LedgerKind = (typeof LEDGER_KINDS)[number];

/** The values that make a ledger row without an id of its own the row it is. */
const NATURAL_KEY = {
  orders: ["date", "product", "spec", "quantity", "amount"],
  payments: ["date", "amount", "note"],
  expenses: ["date", "category", "amount", "note"],
} as const;

/** Where staged rows go: each target column, and the staging column (or SQL) it is copied from. */
const SHARED = {
  workspaceId: '"workspaceId"',
  customerId: '"customerId"',
  amount: '"amount"',
  externalId: '"externalId"',
  createdAt: '"stagedAt"',
};
const TARGET = {
  orders: {
    counter: "order",
    table: "Order",
    columns: {
      ...SHARED,
      orderedAt: '"at"',
      product: '"product"',
      spec: '"spec"',
      quantity: '"quantity"',
      settled: 'COALESCE("settled", false)',
    },
  },
  payments: {
    counter: "payment",
    table: "Payment",
    columns: { ...SHARED, paidAt: '"at"', note: '"note"' },
  },
  expenses: {
    counter: "expense",
    table: "Expense",
    columns: { ...SHARED, spentAt: '"at"', category: '"category"', note: '"note"' },
  },
} as const;

const STAGED_COLUMNS = [
  "importId",
  "workspaceId",
  "line",
  "fresh",
  "ordinal",
  "customerId",
  "at",
  "amount",
  "product",
  "spec",
  "quantity",
  "settled",
  "category",
  "note",
  "externalId",
  "stagedAt",
] as const;

/**
 * Staged rows moved per statement, and deleted per statement afterwards: the copy's progress is
 * told per statement, and a statement on the bot's connection (the copy and the deletes on
 * PostgreSQL) holds that connection for as long as it runs.
 */
const MOVE_CHUNK = 1_000;
/** Delete statements per transaction when the staged rows are dropped. */
const DISCARD_CHUNKS = 50;
/** Staged rows of an import that never finished (the process was stopped) are dropped after this. */
const STALE_AFTER_MS = 24 * 60 * 60_000;

/**
 * The natural key of a ledger row without an id of its own: its values. Importing the same file
 * again finds every row by it; two identical rows in one file are reported, since only an id
 * column can tell two equal orders on one day apart from a row entered twice.
 */
function autoKey(customerId: number, row: ParsedRow, fields: readonly string[]): string {
  const values = fields.map((f) =>
    row.values[f] instanceof Date ? (row.values[f] as Date).toISOString() : String(row.values[f] ?? ""),
  );
  return `auto:${createHash("sha1")
    .update([customerId, ...values].join("|"))
    .digest("hex")}`;
}

/**
 * Orders, payments and expenses, the files that run to a million rows. Each batch is checked as it
 * is read (its customers, rows repeated in the file, rows imported before) and its rows are staged
 * in the database, so memory holds one batch and a fingerprint of each key whatever the file's
 * size; the staged rows then move into their table in one transaction, a few thousand per
 * statement, and are dropped. New rows are added; rows already imported are left alone.
 */
export function ledgerImporter(ctx: PlanContext, kind: LedgerKind, defaultCategory: string): Importer {
  const importId = randomUUID();
  const { counter, table, columns } = TARGET[kind];
  const workspaceId = ctx.actor.workspaceId;
  let created = 0;
  let unchanged = 0;
  /** Orders only: each customer's last order date as it was, and its newest imported order. */
  const orderDates = new Map<number, { before: Date | null; newest: Date }>();
  const customerLookup = new CustomerLookup(ctx.db);
  const stagedKeys = new KeyFingerprints();
  /**
   * The last batch's staging insert, still running while the next batch is read and checked: on
   * PostgreSQL it is the server's work, some 18 ms a batch, and the two took turns. Whatever reads
   * the staged rows waits for it first.
   */
  let staging: Promise<unknown> = Promise.resolve();

  /** Ids are handed out in order: this import's rows lie between the last id before it and the last after it. */
  const lastStagedId = async (db: Pick<WorkspaceTx, "importRow">) =>
    (await db.importRow.findFirst({ orderBy: { id: "desc" }, select: { id: true } }))?.id ?? 0;
  let before: number | undefined;
  const stagedIds = async (db: Pick<WorkspaceTx, "importRow">) => ({
    first: (before ?? 0) + 1,
    last: before === undefined ? 0 : await lastStagedId(db),
  });

  return {
    async add(rows) {
      if (before === undefined) {
        await ctx.db.importRow.deleteMany({
          where: { stagedAt: { lt: new Date(ctx.now.getTime() - STALE_AFTER_MS) } },
        });
        before = await lastStagedId(ctx.db);
      }
      const problems: RowProblem[] = [];
      const customers = await customerLookup.resolve(rows, problems);
      const keyed = rows.flatMap((row) => {
        const customer = customers.get(row);
        if (!customer) return [];

        const key = (row.values.externalId as string | undefined) ?? autoKey(customer.id, row, NATURAL_KEY[kind]);
        return [{ row, customer, key }];
      });
      // The line each key was first staged from, by earlier batches: only keys that may have been
      // are looked up, once the last batch's rows are in.
      const candidates = [...new Set(keyed.map((k) => k.key).filter((key) => stagedKeys.mayHold(key)))];
      if (candidates.length > 0) await staging;
      const firstLine = await ctx.imports.stagedLines(workspaceId, importId, candidates);
      const unique = keyed.filter(({ row, key }) => {
        const earlier = firstLine.get(key);
        if (earlier === undefined) {
          firstLine.set(key, row.line);
          return true;
        }
        const auto = key.startsWith("auto:");
        problems.push({
          line: row.line,
          reason: auto ? "import.row.sameAs" : "import.row.duplicate",
          params: { id: auto ? "-" : key, first: earlier },
        });
        return false;
      });
      const existing = await ctx.imports.existingKeys(
        workspaceId,
        table,
        unique.map((u) => u.key),
      );
      // A voided entry from an export, new here: taken in, it would count as one that stands.
      const wanted = unique.filter(({ row, key }) => {
        if (!row.values.voided || existing.has(key)) return true;
        problems.push({ line: row.line, reason: "import.row.voided", params: {} });
        return false;
      });
      let fresh = 0;
      const staged = wanted.map(({ row, customer, key }) => {
        const v = row.values;
        const isFresh = !existing.has(key);
        if (isFresh) fresh++;
        if (isFresh && kind === "orders") {
          const at = v.date as Date;
          const dates = orderDates.get(customer.id);
          if (!dates) orderDates.set(customer.id, { before: customer.lastOrderAt, newest: at });
          else if (dates.newest < at) dates.newest = at;
        }
        return [
          importId,
          workspaceId,
          row.line,
          isFresh,
          isFresh ? created + fresh : null,
          customer.id,
          v.date,
          v.amount,
          v.product ?? null,
          v.spec ?? null,
          v.quantity ?? null,
          v.settled ?? null,
          kind === "expenses" ? (v.category ?? defaultCategory) : null,
          v.note ?? null,
          key,
          ctx.now,
        ];
      });
      // One batch's insert at a time, and its failure (a full disk) ends the import here.
      await staging;
      staging = ctx.bulk.insertRows(ctx.db, "ImportRow", STAGED_COLUMNS, staged);
      for (const { key } of wanted) stagedKeys.add(key);
      // Awaited by the next batch, the plan or the discard: a failure meanwhile is not unhandled.
      staging.catch(() => {});
      created += fresh;
      unchanged += staged.length - fresh;
      return problems;
    },

    async plan() {
      await staging;
      return {
        created,
        updated: 0,
        unchanged,
        problems: [],
        size: created,
        async write(tx: WorkspaceTx, progress: (done: number) => void) {
          const { first, last } = await stagedIds(tx);
          // The entries' ids (JH-0001) follow on from the workspace's last, in the file's order.
          const numbers = ctx.bulk.reserveNumbers(workspaceId, counter, created);
          const numbered = { ...columns, number: `${numbers.before} + "ordinal"` };
          const copies = [];
          for (let after = first - 1; after < last; after += MOVE_CHUNK)
            copies.push(ctx.bulk.copyStagedRows(importId, table, numbered, after, Math.min(after + MOVE_CHUNK, last)));
          // Each customer's last order date moves to its newest imported order, if that is newer.
          const moved = [...orderDates]
            .filter(([, d]) => !d.before || d.before < d.newest)
            .map(([id, d]) => [id, d.newest] as const);
          let done = 0;
          const copiesFrom = numbers.statements.length;
          await ctx.bulk.runAsOneTransaction(
            tx,
            [...numbers.statements, ...copies, ...ctx.bulk.setColumnStatements("Customer", "lastOrderAt", moved)],
            (index, changes) => {
              if (index < copiesFrom || index >= copiesFrom + copies.length) return;
              done += changes;
              progress(done);
            },
          );
        },
      };
    },

    async discard() {
      // A failed insert staged nothing; one still running must end before its rows are dropped.
      await staging.catch(() => {});
      const { first, last } = await stagedIds(ctx.db);
      const deletes = [];
      for (let after = first - 1; after < last; after += MOVE_CHUNK)
        deletes.push(ctx.bulk.deleteStagedRows(importId, after, Math.min(after + MOVE_CHUNK, last)));
      // On SQLite off the event loop, on the worker's connection (see runAsOneTransaction): the
      // first delete after a million-row copy held it for a quarter of a second. A transaction per
      // DISCARD_CHUNKS statements lets the bot's own writes in between.
      for (const part of chunks(deletes, DISCARD_CHUNKS)) await ctx.bulk.runAsOneTransaction(ctx.db, part, () => {});
    },
  };
}
