-- DropForeignKey
ALTER TABLE "Commitment" DROP CONSTRAINT "Commitment_customerId_fkey";

-- DropForeignKey
ALTER TABLE "Commitment" DROP CONSTRAINT "Commitment_userId_fkey";

-- DropForeignKey
ALTER TABLE "Commitment" DROP CONSTRAINT "Commitment_visitId_fkey";

-- DropForeignKey
ALTER TABLE "Commitment" DROP CONSTRAINT "Commitment_workspaceId_fkey";

-- DropIndex
DROP INDEX "Visit_workspaceId_userId_followUpAt_idx";

-- AlterTable
ALTER TABLE "Customer" ADD COLUMN     "visitDueAt" TIMESTAMP(3);

-- AlterTable
ALTER TABLE "Visit" DROP COLUMN "followUpAt",
DROP COLUMN "followUpDone",
DROP COLUMN "nextStep";

-- AlterTable
ALTER TABLE "VisitPlan" ADD COLUMN     "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP;

-- DropTable
DROP TABLE "Commitment";

-- CreateTable
CREATE TABLE "FollowUp" (
    "id" SERIAL NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "text" TEXT,
    "visitId" INTEGER,
    "customerId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "dueAt" TIMESTAMP(3) NOT NULL,
    "doneAt" TIMESTAMP(3),
    "doneById" INTEGER,
    "doneNote" TEXT,
    "createdAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "FollowUp_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "FollowUp_workspaceId_userId_doneAt_dueAt_idx" ON "FollowUp"("workspaceId", "userId", "doneAt", "dueAt");

-- CreateIndex
CREATE INDEX "FollowUp_workspaceId_customerId_doneAt_dueAt_idx" ON "FollowUp"("workspaceId", "customerId", "doneAt", "dueAt");

-- CreateIndex
CREATE UNIQUE INDEX "FollowUp_workspaceId_number_key" ON "FollowUp"("workspaceId", "number");

-- CreateIndex
CREATE INDEX "Customer_workspaceId_visitDueAt_idx" ON "Customer"("workspaceId", "visitDueAt");

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User"("id") ON DELETE CASCADE ON UPDATE CASCADE;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_doneById_fkey" FOREIGN KEY ("doneById") REFERENCES "User"("id") ON DELETE SET NULL ON UPDATE CASCADE;
