-- No query looks customers up by their phone as typed: a search goes through the search keys
-- (CustomerSearchTerm, the phone's digits) and duplicates are told by the digits too. The index
-- only cost every customer write.
-- DropIndex
DROP INDEX "Customer_workspaceId_phone_idx";
