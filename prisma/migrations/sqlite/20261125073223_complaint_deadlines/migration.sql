-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Complaint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "complainant" TEXT,
    "target" TEXT,
    "demand" TEXT,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'recorded',
    "ownerId" INTEGER,
    "responsible" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "clockFrom" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "stepDueAt" DATETIME,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "escalatedAt" DATETIME,
    "resolvedOnTime" BOOLEAN,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Complaint_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Complaint_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Complaint_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Complaint" ("category", "closedAt", "complainant", "createdAt", "customerId", "demand", "description", "escalationLevel", "id", "number", "ownerId", "receivedAt", "responsible", "status", "stepDueAt", "target", "updatedAt", "workspaceId") SELECT "category", "closedAt", "complainant", "createdAt", "customerId", "demand", "description", "escalationLevel", "id", "number", "ownerId", "receivedAt", "responsible", "status", "stepDueAt", "target", "updatedAt", "workspaceId" FROM "Complaint";
DROP TABLE "Complaint";
ALTER TABLE "new_Complaint" RENAME TO "Complaint";
CREATE INDEX "Complaint_workspaceId_status_stepDueAt_idx" ON "Complaint"("workspaceId", "status", "stepDueAt");
CREATE INDEX "Complaint_workspaceId_customerId_idx" ON "Complaint"("workspaceId", "customerId");
CREATE UNIQUE INDEX "Complaint_workspaceId_number_key" ON "Complaint"("workspaceId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
