-- DropIndex
DROP INDEX "CustomerSearchTerm_customerId_idx";

-- CreateIndex
CREATE INDEX "CustomerSearchTerm_customerId_term_weight_idx" ON "CustomerSearchTerm"("customerId", "term", "weight");
