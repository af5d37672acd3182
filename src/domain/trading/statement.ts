import type { LedgerEntry } from "./entries.js";

/** More lines than this in one period is a ledger, not a statement: the user is asked for a shorter one. */
export const STATEMENT_MAX_LINES = 2_000;

/** One order or payment of the period, with the balance after it (a voided one leaves it as it was). */
export interface StatementLine {
  entry: LedgerEntry;
  balance: bigint;
}

/** 对账单: what the customer owed at the start, each order and payment since, what it owes at the end. */
export interface Statement {
  /** The first day shown, and the day after the last (exclusive). */
  from: Date;
  until: Date;
  opening: bigint;
  lines: StatementLine[];
  ordered: bigint;
  paid: bigint;
  closing: bigint;
}

const FIRST_OF_A_DAY = { order: 0, payment: 1, expense: 2 } as const;

/**
 * The statement of the entries of a period in date order, an order before a payment on the same
 * day: orders add to what is owed, payments take from it, and a voided entry is shown where it
 * fell but counts for nothing.
 */
export function statementOf(
  period: { from: Date; until: Date },
  opening: bigint,
  entries: readonly LedgerEntry[],
): Statement {
  const sorted = [...entries].sort(
    (a, b) => a.at.getTime() - b.at.getTime() || FIRST_OF_A_DAY[a.kind] - FIRST_OF_A_DAY[b.kind] || a.number - b.number,
  );
  let balance = opening;
  let ordered = 0n;
  let paid = 0n;
  const lines = sorted.map((entry) => {
    if (!entry.voided && entry.kind === "order") {
      balance += entry.amount;
      ordered += entry.amount;
    } else if (!entry.voided && entry.kind === "payment") {
      balance -= entry.amount;
      paid += entry.amount;
    }
    return { entry, balance };
  });
  return { ...period, opening, lines, ordered, paid, closing: balance };
}
