-- CreateIndex
CREATE INDEX "Alert_workspaceId_assigneeId_idx" ON "Alert"("workspaceId", "assigneeId");

-- CreateIndex
CREATE INDEX "Alert_workspaceId_openedAt_idx" ON "Alert"("workspaceId", "openedAt");
