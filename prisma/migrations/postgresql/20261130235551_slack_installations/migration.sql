-- CreateTable
CREATE TABLE "SlackInstallation" (
    "id" SERIAL NOT NULL,
    "key" TEXT NOT NULL,
    "enterpriseId" TEXT,
    "teamId" TEXT,
    "installerId" TEXT,
    "sealed" TEXT NOT NULL,
    "installedAt" TIMESTAMP(3) NOT NULL DEFAULT CURRENT_TIMESTAMP,

    CONSTRAINT "SlackInstallation_pkey" PRIMARY KEY ("id")
);

-- CreateIndex
CREATE UNIQUE INDEX "SlackInstallation_key_key" ON "SlackInstallation"("key");
