-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_FollowUp" (
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
    "answeredById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "FollowUp_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_doneById_fkey" FOREIGN KEY ("doneById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "FollowUp_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "Visit" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_FollowUp" ("createdAt", "customerId", "doneAt", "doneById", "doneNote", "dueAt", "id", "kind", "number", "text", "userId", "visitId", "workspaceId") SELECT "createdAt", "customerId", "doneAt", "doneById", "doneNote", "dueAt", "id", "kind", "number", "text", "userId", "visitId", "workspaceId" FROM "FollowUp";
DROP TABLE "FollowUp";
ALTER TABLE "new_FollowUp" RENAME TO "FollowUp";
CREATE INDEX "FollowUp_workspaceId_userId_doneAt_dueAt_idx" ON "FollowUp"("workspaceId", "userId", "doneAt", "dueAt");
CREATE INDEX "FollowUp_workspaceId_customerId_doneAt_dueAt_idx" ON "FollowUp"("workspaceId", "customerId", "doneAt", "dueAt");
CREATE UNIQUE INDEX "FollowUp_workspaceId_number_key" ON "FollowUp"("workspaceId", "number");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
