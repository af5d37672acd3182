-- DropIndex
DROP INDEX "Commitment_workspaceId_userId_keptAt_dueAt_idx";

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN "visitDueAt" DATETIME;

-- DropTable
PRAGMA foreign_keys=off;
DROP TABLE "Commitment";
PRAGMA foreign_keys=on;

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "visitId" INTEGER,
    "customerId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "dueAt" DATETIME NOT NULL,
    "doneAt" DATETIME,
    "doneById" INTEGER,
    "doneNote" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FollowUp_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_doneById_fkey" FOREIGN KEY ("doneById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Visit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "visitedAt" DATETIME NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'onsite',
    "purpose" TEXT,
    "learned" TEXT,
    "notes" TEXT,
    "outcome" TEXT,
    "sourceKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Visit_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Visit_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Visit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_Visit" ("channel", "createdAt", "customerId", "id", "learned", "notes", "outcome", "purpose", "sourceKey", "userId", "visitedAt", "workspaceId") SELECT "channel", "createdAt", "customerId", "id", "learned", "notes", "outcome", "purpose", "sourceKey", "userId", "visitedAt", "workspaceId" FROM "Visit";
DROP TABLE "Visit";
ALTER TABLE "new_Visit" RENAME TO "Visit";
CREATE INDEX "Visit_workspaceId_customerId_visitedAt_idx" ON "Visit"("workspaceId", "customerId", "visitedAt");
CREATE INDEX "Visit_workspaceId_userId_visitedAt_idx" ON "Visit"("workspaceId", "userId", "visitedAt");
CREATE UNIQUE INDEX "Visit_workspaceId_sourceKey_key" ON "Visit"("workspaceId", "sourceKey");
CREATE TABLE "new_VisitPlan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "plannedOn" DATETIME NOT NULL,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "VisitPlan_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VisitPlan_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VisitPlan_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);
INSERT INTO "new_VisitPlan" ("customerId", "id", "month", "plannedOn", "userId", "workspaceId") SELECT "customerId", "id", "month", "plannedOn", "userId", "workspaceId" FROM "VisitPlan";
DROP TABLE "VisitPlan";
ALTER TABLE "new_VisitPlan" RENAME TO "VisitPlan";
CREATE INDEX "VisitPlan_workspaceId_month_idx" ON "VisitPlan"("workspaceId", "month");
CREATE UNIQUE INDEX "VisitPlan_workspaceId_userId_customerId_plannedOn_key" ON "VisitPlan"("workspaceId", "userId", "customerId", "plannedOn");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE INDEX "FollowUp_workspaceId_userId_doneAt_dueAt_idx" ON "FollowUp"("workspaceId", "userId", "doneAt", "dueAt");

-- CreateIndex
CREATE INDEX "FollowUp_workspaceId_customerId_doneAt_dueAt_idx" ON "FollowUp"("workspaceId", "customerId", "doneAt", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_workspaceId_number_key" ON "FollowUp"("workspaceId", "number");

-- CreateIndex
CREATE INDEX "Customer_workspaceId_visitDueAt_idx" ON "Customer"("workspaceId", "visitDueAt");
