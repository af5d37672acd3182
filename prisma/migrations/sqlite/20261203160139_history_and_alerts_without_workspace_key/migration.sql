-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Alert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "customerId" INTEGER,
    "complaintId" INTEGER,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "snoozedUntil" DATETIME,
    "subject" TEXT NOT NULL DEFAULT '',
    "activeKey" TEXT,
    "facts" TEXT NOT NULL,
    "assigneeId" INTEGER,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    "sweepId" INTEGER,
    CONSTRAINT "Alert_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Alert" ("activeKey", "assigneeId", "complaintId", "customerId", "facts", "id", "number", "openedAt", "resolvedAt", "rule", "severity", "snoozedUntil", "status", "subject", "sweepId", "updatedAt", "workspaceId") SELECT "activeKey", "assigneeId", "complaintId", "customerId", "facts", "id", "number", "openedAt", "resolvedAt", "rule", "severity", "snoozedUntil", "status", "subject", "sweepId", "updatedAt", "workspaceId" FROM "Alert";
DROP TABLE "Alert";
ALTER TABLE "new_Alert" RENAME TO "Alert";
CREATE INDEX "Alert_workspaceId_rule_status_idx" ON "Alert"("workspaceId", "rule", "status");
CREATE INDEX "Alert_workspaceId_customerId_status_idx" ON "Alert"("workspaceId", "customerId", "status");
CREATE INDEX "Alert_workspaceId_assigneeId_idx" ON "Alert"("workspaceId", "assigneeId");
CREATE INDEX "Alert_workspaceId_openedAt_idx" ON "Alert"("workspaceId", "openedAt");
CREATE UNIQUE INDEX "Alert_workspaceId_number_key" ON "Alert"("workspaceId", "number");
CREATE UNIQUE INDEX "Alert_workspaceId_activeKey_key" ON "Alert"("workspaceId", "activeKey");
CREATE TABLE "new_CustomerChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "userId" INTEGER,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    CONSTRAINT "CustomerChange_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomerChange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_CustomerChange" ("action", "at", "changes", "customerId", "id", "userId", "workspaceId") SELECT "action", "at", "changes", "customerId", "id", "userId", "workspaceId" FROM "CustomerChange";
DROP TABLE "CustomerChange";
ALTER TABLE "new_CustomerChange" RENAME TO "CustomerChange";
CREATE INDEX "CustomerChange_workspaceId_customerId_at_idx" ON "CustomerChange"("workspaceId", "customerId", "at");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
