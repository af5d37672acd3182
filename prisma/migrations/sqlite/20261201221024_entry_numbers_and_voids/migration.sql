-- AlterTable
ALTER TABLE "ImportRow" ADD COLUMN "ordinal" INTEGER;

-- RedefineTables
PRAGMA defer_foreign_keys=ON;
PRAGMA foreign_keys=OFF;
CREATE TABLE "new_Expense" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "spentAt" DATETIME NOT NULL,
    "category" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "note" TEXT,
    "externalId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voidedAt" DATETIME,
    "voidedById" INTEGER,
    "voidReason" TEXT,
    CONSTRAINT "Expense_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Expense_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Expense_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Existing entries are numbered per workspace in the order they were recorded.
INSERT INTO "new_Expense" ("amount", "category", "createdAt", "customerId", "externalId", "id", "note", "spentAt", "workspaceId", "number") SELECT "amount", "category", "createdAt", "customerId", "externalId", "id", "note", "spentAt", "workspaceId", ROW_NUMBER() OVER (PARTITION BY "workspaceId" ORDER BY "id") FROM "Expense";
DROP TABLE "Expense";
ALTER TABLE "new_Expense" RENAME TO "Expense";
CREATE INDEX "Expense_workspaceId_customerId_spentAt_amount_voidedAt_idx" ON "Expense"("workspaceId", "customerId", "spentAt", "amount", "voidedAt");
CREATE UNIQUE INDEX "Expense_workspaceId_number_key" ON "Expense"("workspaceId", "number");
CREATE UNIQUE INDEX "Expense_workspaceId_externalId_key" ON "Expense"("workspaceId", "externalId");
CREATE TABLE "new_Order" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "orderedAt" DATETIME NOT NULL,
    "product" TEXT,
    "spec" TEXT,
    "quantity" REAL,
    "amount" BIGINT NOT NULL,
    "settled" BOOLEAN NOT NULL DEFAULT false,
    "externalId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voidedAt" DATETIME,
    "voidedById" INTEGER,
    "voidReason" TEXT,
    CONSTRAINT "Order_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Existing entries are numbered per workspace in the order they were recorded.
INSERT INTO "new_Order" ("amount", "createdAt", "customerId", "externalId", "id", "orderedAt", "product", "quantity", "settled", "spec", "workspaceId", "number") SELECT "amount", "createdAt", "customerId", "externalId", "id", "orderedAt", "product", "quantity", "settled", "spec", "workspaceId", ROW_NUMBER() OVER (PARTITION BY "workspaceId" ORDER BY "id") FROM "Order";
DROP TABLE "Order";
ALTER TABLE "new_Order" RENAME TO "Order";
CREATE INDEX "Order_workspaceId_customerId_orderedAt_amount_voidedAt_idx" ON "Order"("workspaceId", "customerId", "orderedAt", "amount", "voidedAt");
CREATE INDEX "Order_workspaceId_orderedAt_idx" ON "Order"("workspaceId", "orderedAt");
CREATE UNIQUE INDEX "Order_workspaceId_number_key" ON "Order"("workspaceId", "number");
CREATE UNIQUE INDEX "Order_workspaceId_externalId_key" ON "Order"("workspaceId", "externalId");
CREATE TABLE "new_Payment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "paidAt" DATETIME NOT NULL,
    "amount" BIGINT NOT NULL,
    "note" TEXT,
    "externalId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "voidedAt" DATETIME,
    "voidedById" INTEGER,
    "voidReason" TEXT,
    CONSTRAINT "Payment_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payment_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Existing entries are numbered per workspace in the order they were recorded.
INSERT INTO "new_Payment" ("amount", "createdAt", "customerId", "externalId", "id", "note", "paidAt", "workspaceId", "number") SELECT "amount", "createdAt", "customerId", "externalId", "id", "note", "paidAt", "workspaceId", ROW_NUMBER() OVER (PARTITION BY "workspaceId" ORDER BY "id") FROM "Payment";
DROP TABLE "Payment";
ALTER TABLE "new_Payment" RENAME TO "Payment";
CREATE INDEX "Payment_workspaceId_customerId_paidAt_amount_voidedAt_idx" ON "Payment"("workspaceId", "customerId", "paidAt", "amount", "voidedAt");
CREATE UNIQUE INDEX "Payment_workspaceId_number_key" ON "Payment"("workspaceId", "number");
CREATE UNIQUE INDEX "Payment_workspaceId_externalId_key" ON "Payment"("workspaceId", "externalId");
CREATE TABLE "new_Visit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
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
    "voidedAt" DATETIME,
    "voidedById" INTEGER,
    "voidReason" TEXT,
    CONSTRAINT "Visit_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Visit_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Visit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Visit_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
-- Existing entries are numbered per workspace in the order they were recorded.
INSERT INTO "new_Visit" ("channel", "createdAt", "customerId", "id", "learned", "notes", "outcome", "purpose", "sourceKey", "userId", "visitedAt", "workspaceId", "number") SELECT "channel", "createdAt", "customerId", "id", "learned", "notes", "outcome", "purpose", "sourceKey", "userId", "visitedAt", "workspaceId", ROW_NUMBER() OVER (PARTITION BY "workspaceId" ORDER BY "id") FROM "Visit";
DROP TABLE "Visit";
ALTER TABLE "new_Visit" RENAME TO "Visit";
CREATE INDEX "Visit_workspaceId_customerId_visitedAt_voidedAt_idx" ON "Visit"("workspaceId", "customerId", "visitedAt", "voidedAt");
CREATE INDEX "Visit_workspaceId_userId_visitedAt_voidedAt_idx" ON "Visit"("workspaceId", "userId", "visitedAt", "voidedAt");
CREATE UNIQUE INDEX "Visit_workspaceId_number_key" ON "Visit"("workspaceId", "number");
CREATE UNIQUE INDEX "Visit_workspaceId_sourceKey_key" ON "Visit"("workspaceId", "sourceKey");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;

-- Each workspace's counters continue after the numbers given to existing entries.
INSERT INTO "Counter" ("workspaceId", "name", "value") SELECT "workspaceId", 'order', MAX("number") FROM "Order" WHERE true GROUP BY "workspaceId"
ON CONFLICT ("workspaceId", "name") DO UPDATE SET "value" = excluded."value";
INSERT INTO "Counter" ("workspaceId", "name", "value") SELECT "workspaceId", 'payment', MAX("number") FROM "Payment" WHERE true GROUP BY "workspaceId"
ON CONFLICT ("workspaceId", "name") DO UPDATE SET "value" = excluded."value";
INSERT INTO "Counter" ("workspaceId", "name", "value") SELECT "workspaceId", 'expense', MAX("number") FROM "Expense" WHERE true GROUP BY "workspaceId"
ON CONFLICT ("workspaceId", "name") DO UPDATE SET "value" = excluded."value";
INSERT INTO "Counter" ("workspaceId", "name", "value") SELECT "workspaceId", 'visit', MAX("number") FROM "Visit" WHERE true GROUP BY "workspaceId"
ON CONFLICT ("workspaceId", "name") DO UPDATE SET "value" = excluded."value";
