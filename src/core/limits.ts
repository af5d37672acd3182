import { MAX_AMOUNT } from "./money.js";

/** How much one user may put in at once; each can be lowered by configuration. */
export interface Limits {
  /** Rows one import file may hold (CRM_MAX_IMPORT_ROWS). */
  importRows: number;
  /** Bytes one file sent to the bot may hold (CRM_MAX_UPLOAD_MB). */
  uploadBytes: number;
  /** The largest amount, in minor units, one order, payment, expense, budget or plan may carry (CRM_MAX_AMOUNT). */
  amount: bigint;
}

export const MB = 1024 * 1024;
export const DEFAULT_MAX_UPLOAD_MB = 50;
export const DEFAULT_MAX_IMPORT_ROWS = 1_000_000;

export const DEFAULT_LIMITS: Limits = {
  importRows: DEFAULT_MAX_IMPORT_ROWS,
  uploadBytes: DEFAULT_MAX_UPLOAD_MB * MB,
  amount: MAX_AMOUNT,
};
