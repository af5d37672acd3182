-- CreateTable
CREATE TABLE "ImportRow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "importId" TEXT NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "fresh" BOOLEAN NOT NULL,
    "customerId" INTEGER NOT NULL,
    "at" DATETIME NOT NULL,
    "amount" BIGINT NOT NULL,
    "product" TEXT,
    "spec" TEXT,
    "quantity" REAL,
    "settled" BOOLEAN,
    "category" TEXT,
    "note" TEXT,
    "externalId" TEXT NOT NULL,
    "stagedAt" DATETIME NOT NULL,
    CONSTRAINT "ImportRow_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE INDEX "ImportRow_externalId_importId_idx" ON "ImportRow"("externalId", "importId");

-- CreateIndex
CREATE INDEX "ImportRow_stagedAt_idx" ON "ImportRow"("stagedAt");
