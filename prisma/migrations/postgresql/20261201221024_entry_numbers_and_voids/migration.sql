-- DropIndex
DROP INDEX "Expense_workspaceId_customerId_spentAt_amount_idx";

-- DropIndex
DROP INDEX "Order_workspaceId_customerId_orderedAt_amount_idx";

-- DropIndex
DROP INDEX "Payment_workspaceId_customerId_paidAt_amount_idx";

-- DropIndex
DROP INDEX "Visit_workspaceId_customerId_visitedAt_idx";

-- DropIndex
DROP INDEX "Visit_workspaceId_userId_visitedAt_idx";

-- AlterTable
ALTER TABLE "Expense" ADD COLUMN     "number" INTEGER,
ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedById" INTEGER;

-- AlterTable
ALTER TABLE "ImportRow" ADD COLUMN     "ordinal" INTEGER;

-- AlterTable
ALTER TABLE "Order" ADD COLUMN     "number" INTEGER,
ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedById" INTEGER;

-- AlterTable
ALTER TABLE "Payment" ADD COLUMN     "number" INTEGER,
ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedById" INTEGER;

-- AlterTable
ALTER TABLE "Visit" ADD COLUMN     "number" INTEGER,
ADD COLUMN     "voidReason" TEXT,
ADD COLUMN     "voidedAt" TIMESTAMP(3),
ADD COLUMN     "voidedById" INTEGER;

-- Existing entries are numbered per workspace in the order they were recorded.
UPDATE "Order" t SET "number" = n."number" FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "workspaceId" ORDER BY "id") AS "number" FROM "Order") n WHERE n."id" = t."id";
ALTER TABLE "Order" ALTER COLUMN "number" SET NOT NULL;
UPDATE "Payment" t SET "number" = n."number" FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "workspaceId" ORDER BY "id") AS "number" FROM "Payment") n WHERE n."id" = t."id";
ALTER TABLE "Payment" ALTER COLUMN "number" SET NOT NULL;
UPDATE "Expense" t SET "number" = n."number" FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "workspaceId" ORDER BY "id") AS "number" FROM "Expense") n WHERE n."id" = t."id";
ALTER TABLE "Expense" ALTER COLUMN "number" SET NOT NULL;
UPDATE "Visit" t SET "number" = n."number" FROM (SELECT "id", ROW_NUMBER() OVER (PARTITION BY "workspaceId" ORDER BY "id") AS "number" FROM "Visit") n WHERE n."id" = t."id";
ALTER TABLE "Visit" ALTER COLUMN "number" SET NOT NULL;

-- CreateIndex
CREATE INDEX "Expense_workspaceId_customerId_spentAt_amount_voidedAt_idx" ON "Expense"("workspaceId", "customerId", "spentAt", "amount", "voidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Expense_workspaceId_number_key" ON "Expense"("workspaceId", "number");

-- CreateIndex
CREATE INDEX "Order_workspaceId_customerId_orderedAt_amount_voidedAt_idx" ON "Order"("workspaceId", "customerId", "orderedAt", "amount", "voidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_workspaceId_number_key" ON "Order"("workspaceId", "number");

-- CreateIndex
CREATE INDEX "Payment_workspaceId_customerId_paidAt_amount_voidedAt_idx" ON "Payment"("workspaceId", "customerId", "paidAt", "amount", "voidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_workspaceId_number_key" ON "Payment"("workspaceId", "number");

-- CreateIndex
CREATE INDEX "Visit_workspaceId_customerId_visitedAt_voidedAt_idx" ON "Visit"("workspaceId", "customerId", "visitedAt", "voidedAt");

-- CreateIndex
CREATE INDEX "Visit_workspaceId_userId_visitedAt_voidedAt_idx" ON "Visit"("workspaceId", "userId", "visitedAt", "voidedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Visit_workspaceId_number_key" ON "Visit"("workspaceId", "number");

-- AddForeignKey
ALTER TABLE "Visit" ADD CONSTRAINT "Visit_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Order" ADD CONSTRAINT "Order_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Payment" ADD CONSTRAINT "Payment_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "Expense" ADD CONSTRAINT "Expense_voidedById_fkey" FOREIGN KEY ("voidedById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- Each workspace's counters continue after the numbers given to existing entries.
INSERT INTO "Counter" ("workspaceId", "name", "value") SELECT "workspaceId", 'order', MAX("number") FROM "Order" WHERE true GROUP BY "workspaceId"
ON CONFLICT ("workspaceId", "name") DO UPDATE SET "value" = excluded."value";
INSERT INTO "Counter" ("workspaceId", "name", "value") SELECT "workspaceId", 'payment', MAX("number") FROM "Payment" WHERE true GROUP BY "workspaceId"
ON CONFLICT ("workspaceId", "name") DO UPDATE SET "value" = excluded."value";
INSERT INTO "Counter" ("workspaceId", "name", "value") SELECT "workspaceId", 'expense', MAX("number") FROM "Expense" WHERE true GROUP BY "workspaceId"
ON CONFLICT ("workspaceId", "name") DO UPDATE SET "value" = excluded."value";
INSERT INTO "Counter" ("workspaceId", "name", "value") SELECT "workspaceId", 'visit', MAX("number") FROM "Visit" WHERE true GROUP BY "workspaceId"
ON CONFLICT ("workspaceId", "name") DO UPDATE SET "value" = excluded."value";
