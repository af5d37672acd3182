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
    CONSTRAINT "Expense_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Expense_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Expense" ("amount", "category", "createdAt", "customerId", "externalId", "id", "note", "number", "spentAt", "voidReason", "voidedAt", "voidedById", "workspaceId") SELECT "amount", "category", "createdAt", "customerId", "externalId", "id", "note", "number", "spentAt", "voidReason", "voidedAt", "voidedById", "workspaceId" FROM "Expense";
DROP TABLE "Expense";
ALTER TABLE "new_Expense" RENAME TO "Expense";
CREATE INDEX "Expense_workspaceId_customerId_spentAt_amount_voidedAt_idx" ON "Expense"("workspaceId", "customerId", "spentAt", "amount", "voidedAt");
CREATE UNIQUE INDEX "Expense_workspaceId_number_key" ON "Expense"("workspaceId", "number");
CREATE UNIQUE INDEX "Expense_workspaceId_externalId_key" ON "Expense"("workspaceId", "externalId");
CREATE TABLE "new_ImportRow" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "importId" TEXT NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "fresh" BOOLEAN NOT NULL,
    "ordinal" INTEGER,
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
    "stagedAt" DATETIME NOT NULL
);
INSERT INTO "new_ImportRow" ("amount", "at", "category", "customerId", "externalId", "fresh", "id", "importId", "line", "note", "ordinal", "product", "quantity", "settled", "spec", "stagedAt", "workspaceId") SELECT "amount", "at", "category", "customerId", "externalId", "fresh", "id", "importId", "line", "note", "ordinal", "product", "quantity", "settled", "spec", "stagedAt", "workspaceId" FROM "ImportRow";
DROP TABLE "ImportRow";
ALTER TABLE "new_ImportRow" RENAME TO "ImportRow";
CREATE INDEX "ImportRow_externalId_importId_idx" ON "ImportRow"("externalId", "importId");
CREATE INDEX "ImportRow_stagedAt_idx" ON "ImportRow"("stagedAt");
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
    CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Order" ("amount", "createdAt", "customerId", "externalId", "id", "number", "orderedAt", "product", "quantity", "settled", "spec", "voidReason", "voidedAt", "voidedById", "workspaceId") SELECT "amount", "createdAt", "customerId", "externalId", "id", "number", "orderedAt", "product", "quantity", "settled", "spec", "voidReason", "voidedAt", "voidedById", "workspaceId" FROM "Order";
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
    CONSTRAINT "Payment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payment_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);
INSERT INTO "new_Payment" ("amount", "createdAt", "customerId", "externalId", "id", "note", "number", "paidAt", "voidReason", "voidedAt", "voidedById", "workspaceId") SELECT "amount", "createdAt", "customerId", "externalId", "id", "note", "number", "paidAt", "voidReason", "voidedAt", "voidedById", "workspaceId" FROM "Payment";
DROP TABLE "Payment";
ALTER TABLE "new_Payment" RENAME TO "Payment";
CREATE INDEX "Payment_workspaceId_customerId_paidAt_amount_voidedAt_idx" ON "Payment"("workspaceId", "customerId", "paidAt", "amount", "voidedAt");
CREATE UNIQUE INDEX "Payment_workspaceId_number_key" ON "Payment"("workspaceId", "number");
CREATE UNIQUE INDEX "Payment_workspaceId_externalId_key" ON "Payment"("workspaceId", "externalId");
PRAGMA foreign_keys=ON;
PRAGMA defer_foreign_keys=OFF;
