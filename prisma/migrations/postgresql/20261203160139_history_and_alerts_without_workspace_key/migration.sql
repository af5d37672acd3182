-- DropForeignKey
ALTER TABLE "Alert" DROP CONSTRAINT "Alert_workspaceId_fkey";

-- DropForeignKey
ALTER TABLE "CustomerChange" DROP CONSTRAINT "CustomerChange_workspaceId_fkey";
