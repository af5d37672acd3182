-- CreateTable
CREATE TABLE "SlackInstallation" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "key" TEXT NOT NULL,
    "enterpriseId" TEXT,
    "teamId" TEXT,
    "installerId" TEXT,
    "sealed" TEXT NOT NULL,
    "installedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateIndex
CREATE UNIQUE INDEX "SlackInstallation_key_key" ON "SlackInstallation"("key");
