-- DropIndex
DROP INDEX "CustomerSearchTerm_workspaceId_term_idx";

-- CreateIndex
CREATE INDEX "CustomerSearchTerm_workspaceId_term_weight_customerId_idx" ON "CustomerSearchTerm"("workspaceId", "term", "weight", "customerId");

-- Statistics for the new index at once, not at the next optimize.
ANALYZE "CustomerSearchTerm";
