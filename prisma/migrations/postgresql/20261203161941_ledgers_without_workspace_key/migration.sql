-- DropForeignKey
ALTER TABLE "Expense" DROP CONSTRAINT "Expense_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "ImportRow" DROP CONSTRAINT "ImportRow_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "Order" DROP CONSTRAINT "Order_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "Payment" DROP CONSTRAINT "Payment_workspaceId_fkey";
