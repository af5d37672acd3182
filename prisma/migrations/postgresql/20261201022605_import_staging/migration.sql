-- CreateTable
CREATE TABLE "ImportRow" (
    "id" SERIAL NOT NULL,
    "importId" TEXT NOT NULL,
    "workspaceId" INTEGER NOT NULL,
    "line" INTEGER NOT NULL,
    "fresh" BOOLEAN NOT NULL,
    "customerId" INTEGER NOT NULL,
    "at" TIMESTAMP(3) NOT NULL,
    "amount" BIGINT NOT NULL,
    "product" TEXT,
    "spec" TEXT,
    "quantity" DOUBLE PRECISION,
    "settled" BOOLEAN,
    "category" TEXT,
    "note" TEXT,
    "externalId" TEXT NOT NULL,
    "stagedAt" TIMESTAMP(3) NOT NULL,

    CONSTRAINT "ImportRow_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE INDEX "ImportRow_externalId_importId_idx" ON "ImportRow"("externalId", "importId");

-- CreateIndex
CREATE INDEX "ImportRow_stagedAt_idx" ON "ImportRow"("stagedAt");

-- AddForeignKey
ALTER TABLE "ImportRow" ADD CONSTRAINT "ImportRow_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace"("id") ON DELETE CASCADE ON UPDATE CASCADE;
