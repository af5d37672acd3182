-- DropIndex
DROP INDEX "Expense_workspaceId_customerId_spentAt_idx";

-- DropIndex
DROP INDEX "Order_workspaceId_customerId_orderedAt_idx";

-- DropIndex
DROP INDEX "Payment_workspaceId_customerId_paidAt_idx";

-- CreateIndex
CREATE INDEX "Expense_workspaceId_customerId_spentAt_amount_idx" ON "Expense"("workspaceId", "customerId", "spentAt", "amount");

-- CreateIndex
CREATE INDEX "Order_workspaceId_customerId_orderedAt_amount_idx" ON "Order"("workspaceId", "customerId", "orderedAt", "amount");

-- CreateIndex
CREATE INDEX "Payment_workspaceId_customerId_paidAt_amount_idx" ON "Payment"("workspaceId", "customerId", "paidAt", "amount");

-- Fresh planner statistics for the new indexes, gathered in full: earlier versions of the bot sampled
-- them, which made a workspace id look selective and misled the planner.
ANALYZE;
