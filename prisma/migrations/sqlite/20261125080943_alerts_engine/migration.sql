-- CreateTable
CREATE TABLE "JobRun" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "job" TEXT NOT NULL,
    "slot" DATETIME NOT NULL,
    "startedAt" DATETIME NOT NULL,
    "finishedAt" DATETIME,
    "result" TEXT,
    CONSTRAINT "JobRun_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

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
    CONSTRAINT "Alert_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Alert" ("assigneeId", "complaintId", "customerId", "facts", "id", "number", "openedAt", "resolvedAt", "rule", "severity", "snoozedUntil", "status", "updatedAt", "workspaceId") SELECT "assigneeId", "complaintId", "customerId", "facts", "id", "number", "openedAt", "resolvedAt", "rule", "severity", "snoozedUntil", "status", "updatedAt", "workspaceId" FROM "Alert";
DROP TABLE "Alert";
ALTER TABLE "new_Alert" RENAME TO "Alert";
CREATE INDEX "Alert_workspaceId_rule_status_idx" ON "Alert"("workspaceId", "rule", "status");
CREATE INDEX "Alert_workspaceId_customerId_status_idx" ON "Alert"("workspaceId", "customerId", "status");
CREATE UNIQUE INDEX "Alert_workspaceId_number_key" ON "Alert"("workspaceId", "number");
CREATE UNIQUE INDEX "Alert_workspaceId_activeKey_key" ON "Alert"("workspaceId", "activeKey");
CREATE TABLE "new_OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "alertId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "platformRef" TEXT,
    "version" INTEGER NOT NULL DEFAULT 0,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OutboxMessage_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_OutboxMessage" ("alertId", "attempts", "createdAt", "dedupeKey", "id", "kind", "lastError", "nextAttemptAt", "payload", "platformRef", "sentAt", "status", "target", "workspaceId") SELECT "alertId", "attempts", "createdAt", "dedupeKey", "id", "kind", "lastError", "nextAttemptAt", "payload", "platformRef", "sentAt", "status", "target", "workspaceId" FROM "OutboxMessage";
DROP TABLE "OutboxMessage";
ALTER TABLE "new_OutboxMessage" RENAME TO "OutboxMessage";
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");
CREATE UNIQUE INDEX "OutboxMessage_workspaceId_dedupeKey_key" ON "OutboxMessage"("workspaceId", "dedupeKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- CreateIndex
CREATE UNIQUE INDEX "JobRun_workspaceId_job_slot_key" ON "JobRun"("workspaceId", "job", "slot");
