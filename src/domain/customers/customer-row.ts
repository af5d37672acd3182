import { decode, type RawRow } from "../../db/direct-reads.js";

/** A customer as the services pass it around: its id, code, name and owner, and the rest of its row. */
export interface CustomerRecord {
  id: number;
  code: string;
  name: string;
  ownerId: number | null;
  [field: string]: unknown;
}

/** The Customer columns that are not text or whole numbers; a test holds this against the client's own reading. */
const DATES = [
  "relationSince",
  "tierComputedAt",
  "lastVisitAt",
  "visitDueAt",
  "lastOrderAt",
  "profileUpdatedAt",
  "createdAt",
  "updatedAt",
];
const BOOLEANS = ["keyAccount", "keyAccountManual"];

/** A whole Customer row read directly, as the Prisma client would have returned it. */
export function customerFromRow(row: RawRow): CustomerRecord {
  const customer = { ...row } as CustomerRecord;
  for (const field of DATES) customer[field] = decode.optionalDate(row[field]);
  for (const field of BOOLEANS) customer[field] = decode.boolean(row[field]);
  customer.creditLimit = decode.optionalBigint(row.creditLimit);
  return customer;
}
