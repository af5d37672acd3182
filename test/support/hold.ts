import type { Harness } from "./harness.js";

/**
 * Holds the database as a long import does, for `ms`: on SQLite an open write transaction, which
 * every other query waits beside; on PostgreSQL an exclusive lock on the users table, which every
 * command's first read needs. Resolves `taken` once held, `released` once let go.
 */
export function holdDatabase(h: Harness, ms: number): { taken: Promise<void>; released: Promise<void> } {
  let taken!: () => void;
  const held = new Promise<void>((resolve) => (taken = resolve));
  const released = h.prisma
    .$transaction(
      async (tx) => {
        if (h.testDb.provider === "postgresql")
          await tx.$executeRawUnsafe(`LOCK TABLE "User" IN ACCESS EXCLUSIVE MODE`);
        else
          await tx.workspace.create({ data: { platform: "console", externalId: `hold-${Date.now()}`, name: "hold" } });
        taken();
        await new Promise((r) => setTimeout(r, ms));
        throw new HoldReleased();
      },
      { timeout: ms + 10_000, maxWait: 10_000 },
    )
    .catch((error: unknown) => {
      if (!(error instanceof HoldReleased)) throw error;
    });
  return { taken: held, released };
}

/** Thrown to roll the hold back: it leaves nothing behind. */
class HoldReleased extends Error {}
