-- AlterTable
ALTER TABLE "FollowUp" ADD COLUMN     "answeredById" INTEGER;

-- AddForeignKey
ALTER TABLE "FollowUp" ADD CONSTRAINT "FollowUp_answeredById_fkey" FOREIGN KEY ("answeredById") REFERENCES "Visit"("id") ON DELETE SET NULL ON UPDATE CASCADE;
