-- DropIndex
DROP INDEX "AlertEvent_workspaceId_alertId_at_idx";

-- CreateIndex
CREATE INDEX "AlertEvent_alertId_at_idx" ON "AlertEvent"("alertId", "at");

-- CreateIndex
CREATE INDEX "OutboxMessage_alertId_idx" ON "OutboxMessage"("alertId");
