-- AlterTable
ALTER TABLE "Alert" ADD COLUMN "sweepId" INTEGER;

-- CreateTable
CREATE TABLE "AlertSweep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "afterAlertId" INTEGER NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "settledAt" DATETIME,
    "stormTargets" TEXT NOT NULL DEFAULT '[]',
    CONSTRAINT "AlertSweep_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "AlertSweep_workspaceId_settledAt_idx" ON "AlertSweep"("workspaceId", "settledAt");

-- The posts a sweep held before, one per alert and recipient, if it died before it ended: their
-- alerts are held by a sweep of their own instead, which the next full sweep settles.
INSERT INTO "AlertSweep" ("workspaceId", "afterAlertId", "startedAt")
SELECT m."workspaceId", MIN(m."alertId") - 1, strftime('%Y-%m-%dT%H:%M:%f+00:00', 'now') FROM "OutboxMessage" m
WHERE m."status" = 'held' AND m."alertId" IS NOT NULL GROUP BY m."workspaceId";
UPDATE "Alert" SET "sweepId" = (SELECT s."id" FROM "AlertSweep" s WHERE s."workspaceId" = "Alert"."workspaceId")
WHERE "id" IN (SELECT m."alertId" FROM "OutboxMessage" m WHERE m."status" = 'held');
DELETE FROM "OutboxMessage" WHERE "status" = 'held';
