-- CreateTable
CREATE TABLE "Workspace" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "platform" TEXT NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "locale" TEXT NOT NULL DEFAULT 'zh-CN',
    "timezone" TEXT NOT NULL DEFAULT 'Asia/Shanghai',
    "currency" TEXT NOT NULL DEFAULT 'CNY',
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP
);

-- CreateTable
CREATE TABLE "WorkspaceSetting" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "value" TEXT NOT NULL,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "WorkspaceSetting_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Counter" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "value" INTEGER NOT NULL DEFAULT 0,
    CONSTRAINT "Counter_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "User" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "externalId" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "role" TEXT NOT NULL DEFAULT 'rep',
    "managerId" INTEGER,
    "locale" TEXT,
    "active" BOOLEAN NOT NULL DEFAULT true,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "User_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "User_managerId_fkey" FOREIGN KEY ("managerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "PlatformRoleMapping" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "platformRoleId" TEXT NOT NULL,
    "role" TEXT NOT NULL,
    CONSTRAINT "PlatformRoleMapping_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Customer" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "code" TEXT NOT NULL,
    "name" TEXT NOT NULL,
    "shortName" TEXT,
    "address" TEXT,
    "phone" TEXT,
    "ownerId" INTEGER,
    "legalRep" TEXT,
    "type" TEXT NOT NULL,
    "region" TEXT,
    "route" TEXT,
    "source" TEXT,
    "relationSince" DATETIME,
    "businessType" TEXT,
    "status" TEXT NOT NULL DEFAULT 'active',
    "marketArea" TEXT,
    "salesCapacity" TEXT,
    "growthPotential" TEXT,
    "businessStyle" TEXT,
    "salesPerformance" TEXT,
    "marketShare" TEXT,
    "competitorRelation" TEXT,
    "competitorSales" TEXT,
    "currentProblems" TEXT,
    "financialStatus" TEXT,
    "creditStatus" TEXT,
    "creditRating" TEXT,
    "creditLimit" BIGINT,
    "tier" TEXT,
    "tierComputedAt" DATETIME,
    "keyAccount" BOOLEAN NOT NULL DEFAULT false,
    "keyAccountManual" BOOLEAN NOT NULL DEFAULT false,
    "loyaltyStage" TEXT,
    "visitCadenceDays" INTEGER,
    "lastVisitAt" DATETIME,
    "lastOrderAt" DATETIME,
    "profileUpdatedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Customer_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Customer_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomerSearchTerm" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "term" TEXT NOT NULL,
    "weight" INTEGER NOT NULL,
    CONSTRAINT "CustomerSearchTerm_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomerSearchTerm_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Contact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "name" TEXT NOT NULL,
    "title" TEXT,
    "phone" TEXT,
    "role" TEXT,
    "stance" TEXT,
    "birthday" DATETIME,
    "personality" TEXT,
    "hobbies" TEXT,
    "family" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Contact_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Contact_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "KeyEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "kind" TEXT NOT NULL,
    "incidentType" TEXT,
    "occurredAt" DATETIME NOT NULL,
    "description" TEXT NOT NULL,
    "reportedById" INTEGER,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "KeyEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KeyEvent_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "KeyEvent_reportedById_fkey" FOREIGN KEY ("reportedById") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "CustomerChange" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "userId" INTEGER,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "changes" TEXT NOT NULL,
    CONSTRAINT "CustomerChange_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomerChange_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "CustomerChange_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AuditLog" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "userId" INTEGER,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "targetType" TEXT NOT NULL,
    "targetId" INTEGER NOT NULL,
    "detail" TEXT,
    CONSTRAINT "AuditLog_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AuditLog_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Visit" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "visitedAt" DATETIME NOT NULL,
    "channel" TEXT NOT NULL DEFAULT 'onsite',
    "purpose" TEXT,
    "learned" TEXT,
    "notes" TEXT,
    "outcome" TEXT,
    "nextStep" TEXT,
    "followUpAt" DATETIME,
    "followUpDone" DATETIME,
    "sourceKey" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Visit_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Visit_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Visit_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VisitContact" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "visitId" INTEGER NOT NULL,
    "contactId" INTEGER NOT NULL,
    CONSTRAINT "VisitContact_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VisitContact_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VisitContact_contactId_fkey" FOREIGN KEY ("contactId") REFERENCES "Contact" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Commitment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "visitId" INTEGER,
    "customerId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "text" TEXT NOT NULL,
    "dueAt" DATETIME,
    "keptAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Commitment_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Commitment_visitId_fkey" FOREIGN KEY ("visitId") REFERENCES "Visit" ("id") ON DELETE SET NULL ON UPDATE CASCADE,
    CONSTRAINT "Commitment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Commitment_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "VisitPlan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "userId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "plannedOn" DATETIME NOT NULL,
    CONSTRAINT "VisitPlan_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VisitPlan_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "VisitPlan_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Complaint" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "category" TEXT NOT NULL,
    "complainant" TEXT,
    "target" TEXT,
    "demand" TEXT,
    "description" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'recorded',
    "ownerId" INTEGER,
    "responsible" TEXT,
    "receivedAt" DATETIME NOT NULL,
    "stepDueAt" DATETIME,
    "escalationLevel" INTEGER NOT NULL DEFAULT 0,
    "closedAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Complaint_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Complaint_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Complaint_ownerId_fkey" FOREIGN KEY ("ownerId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ComplaintStep" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "complaintId" INTEGER NOT NULL,
    "step" TEXT NOT NULL,
    "userId" INTEGER,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "text" TEXT,
    CONSTRAINT "ComplaintStep_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ComplaintStep_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ComplaintStep_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Order" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "orderedAt" DATETIME NOT NULL,
    "product" TEXT,
    "spec" TEXT,
    "quantity" REAL,
    "amount" BIGINT NOT NULL,
    "settled" BOOLEAN NOT NULL DEFAULT false,
    "externalId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Order_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Order_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Payment" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "paidAt" DATETIME NOT NULL,
    "amount" BIGINT NOT NULL,
    "note" TEXT,
    "externalId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Payment_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Payment_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Expense" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "spentAt" DATETIME NOT NULL,
    "category" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    "note" TEXT,
    "externalId" TEXT,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "Expense_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Expense_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ExpenseBudget" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "period" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    CONSTRAINT "ExpenseBudget_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "ExpenseBudget_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "SalesPlan" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "customerId" INTEGER NOT NULL,
    "month" TEXT NOT NULL,
    "amount" BIGINT NOT NULL,
    CONSTRAINT "SalesPlan_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "SalesPlan_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "Alert" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "number" INTEGER NOT NULL,
    "rule" TEXT NOT NULL,
    "customerId" INTEGER,
    "complaintId" INTEGER,
    "severity" TEXT NOT NULL,
    "status" TEXT NOT NULL DEFAULT 'open',
    "snoozedUntil" DATETIME,
    "facts" TEXT NOT NULL,
    "assigneeId" INTEGER,
    "openedAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "resolvedAt" DATETIME,
    "updatedAt" DATETIME NOT NULL,
    CONSTRAINT "Alert_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_customerId_fkey" FOREIGN KEY ("customerId") REFERENCES "Customer" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_complaintId_fkey" FOREIGN KEY ("complaintId") REFERENCES "Complaint" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "Alert_assigneeId_fkey" FOREIGN KEY ("assigneeId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "AlertEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "alertId" INTEGER NOT NULL,
    "userId" INTEGER,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "action" TEXT NOT NULL,
    "detail" TEXT,
    CONSTRAINT "AlertEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AlertEvent_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "AlertEvent_userId_fkey" FOREIGN KEY ("userId") REFERENCES "User" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "OutboxMessage" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "dedupeKey" TEXT NOT NULL,
    "kind" TEXT NOT NULL,
    "target" TEXT NOT NULL,
    "payload" TEXT NOT NULL,
    "alertId" INTEGER,
    "status" TEXT NOT NULL DEFAULT 'pending',
    "attempts" INTEGER NOT NULL DEFAULT 0,
    "nextAttemptAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    "lastError" TEXT,
    "platformRef" TEXT,
    "sentAt" DATETIME,
    "createdAt" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "OutboxMessage_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE,
    CONSTRAINT "OutboxMessage_alertId_fkey" FOREIGN KEY ("alertId") REFERENCES "Alert" ("id") ON DELETE SET NULL ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "DeliveryRoute" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "purpose" TEXT NOT NULL,
    "region" TEXT,
    "rule" TEXT,
    "channelId" TEXT NOT NULL,
    CONSTRAINT "DeliveryRoute_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateTable
CREATE TABLE "ProcessedEvent" (
    "id" INTEGER NOT NULL PRIMARY KEY AUTOINCREMENT,
    "workspaceId" INTEGER NOT NULL,
    "key" TEXT NOT NULL,
    "at" DATETIME NOT NULL DEFAULT CURRENT_TIMESTAMP,
    CONSTRAINT "ProcessedEvent_workspaceId_fkey" FOREIGN KEY ("workspaceId") REFERENCES "Workspace" ("id") ON DELETE CASCADE ON UPDATE CASCADE
);

-- CreateIndex
CREATE UNIQUE INDEX "Workspace_platform_externalId_key" ON "Workspace"("platform", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "WorkspaceSetting_workspaceId_key_key" ON "WorkspaceSetting"("workspaceId", "key");

-- CreateIndex
CREATE UNIQUE INDEX "Counter_workspaceId_name_key" ON "Counter"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "User_workspaceId_managerId_idx" ON "User"("workspaceId", "managerId");

-- CreateIndex
CREATE INDEX "User_workspaceId_name_idx" ON "User"("workspaceId", "name");

-- CreateIndex
CREATE UNIQUE INDEX "User_workspaceId_externalId_key" ON "User"("workspaceId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "PlatformRoleMapping_workspaceId_platformRoleId_key" ON "PlatformRoleMapping"("workspaceId", "platformRoleId");

-- CreateIndex
CREATE INDEX "Customer_workspaceId_ownerId_idx" ON "Customer"("workspaceId", "ownerId");

-- CreateIndex
CREATE INDEX "Customer_workspaceId_name_idx" ON "Customer"("workspaceId", "name");

-- CreateIndex
CREATE INDEX "Customer_workspaceId_phone_idx" ON "Customer"("workspaceId", "phone");

-- CreateIndex
CREATE UNIQUE INDEX "Customer_workspaceId_code_key" ON "Customer"("workspaceId", "code");

-- CreateIndex
CREATE INDEX "CustomerSearchTerm_workspaceId_term_idx" ON "CustomerSearchTerm"("workspaceId", "term");

-- CreateIndex
CREATE INDEX "CustomerSearchTerm_customerId_idx" ON "CustomerSearchTerm"("customerId");

-- CreateIndex
CREATE INDEX "Contact_workspaceId_customerId_idx" ON "Contact"("workspaceId", "customerId");

-- CreateIndex
CREATE INDEX "KeyEvent_workspaceId_customerId_occurredAt_idx" ON "KeyEvent"("workspaceId", "customerId", "occurredAt");

-- CreateIndex
CREATE INDEX "CustomerChange_workspaceId_customerId_at_idx" ON "CustomerChange"("workspaceId", "customerId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_workspaceId_at_idx" ON "AuditLog"("workspaceId", "at");

-- CreateIndex
CREATE INDEX "AuditLog_workspaceId_targetType_targetId_idx" ON "AuditLog"("workspaceId", "targetType", "targetId");

-- CreateIndex
CREATE INDEX "Visit_workspaceId_customerId_visitedAt_idx" ON "Visit"("workspaceId", "customerId", "visitedAt");

-- CreateIndex
CREATE INDEX "Visit_workspaceId_userId_visitedAt_idx" ON "Visit"("workspaceId", "userId", "visitedAt");

-- CreateIndex
CREATE INDEX "Visit_workspaceId_userId_followUpAt_idx" ON "Visit"("workspaceId", "userId", "followUpAt");

-- CreateIndex
CREATE UNIQUE INDEX "Visit_workspaceId_sourceKey_key" ON "Visit"("workspaceId", "sourceKey");

-- CreateIndex
CREATE UNIQUE INDEX "VisitContact_visitId_contactId_key" ON "VisitContact"("visitId", "contactId");

-- CreateIndex
CREATE INDEX "Commitment_workspaceId_userId_keptAt_dueAt_idx" ON "Commitment"("workspaceId", "userId", "keptAt", "dueAt");

-- CreateIndex
CREATE INDEX "VisitPlan_workspaceId_month_idx" ON "VisitPlan"("workspaceId", "month");

-- CreateIndex
CREATE UNIQUE INDEX "VisitPlan_workspaceId_userId_customerId_plannedOn_key" ON "VisitPlan"("workspaceId", "userId", "customerId", "plannedOn");

-- CreateIndex
CREATE INDEX "Complaint_workspaceId_status_stepDueAt_idx" ON "Complaint"("workspaceId", "status", "stepDueAt");

-- CreateIndex
CREATE INDEX "Complaint_workspaceId_customerId_idx" ON "Complaint"("workspaceId", "customerId");

-- CreateIndex
CREATE UNIQUE INDEX "Complaint_workspaceId_number_key" ON "Complaint"("workspaceId", "number");

-- CreateIndex
CREATE INDEX "ComplaintStep_workspaceId_complaintId_at_idx" ON "ComplaintStep"("workspaceId", "complaintId", "at");

-- CreateIndex
CREATE INDEX "Order_workspaceId_customerId_orderedAt_idx" ON "Order"("workspaceId", "customerId", "orderedAt");

-- CreateIndex
CREATE INDEX "Order_workspaceId_orderedAt_idx" ON "Order"("workspaceId", "orderedAt");

-- CreateIndex
CREATE UNIQUE INDEX "Order_workspaceId_externalId_key" ON "Order"("workspaceId", "externalId");

-- CreateIndex
CREATE INDEX "Payment_workspaceId_customerId_paidAt_idx" ON "Payment"("workspaceId", "customerId", "paidAt");

-- CreateIndex
CREATE UNIQUE INDEX "Payment_workspaceId_externalId_key" ON "Payment"("workspaceId", "externalId");

-- CreateIndex
CREATE INDEX "Expense_workspaceId_customerId_spentAt_idx" ON "Expense"("workspaceId", "customerId", "spentAt");

-- CreateIndex
CREATE UNIQUE INDEX "Expense_workspaceId_externalId_key" ON "Expense"("workspaceId", "externalId");

-- CreateIndex
CREATE UNIQUE INDEX "ExpenseBudget_workspaceId_customerId_period_key" ON "ExpenseBudget"("workspaceId", "customerId", "period");

-- CreateIndex
CREATE UNIQUE INDEX "SalesPlan_workspaceId_customerId_month_key" ON "SalesPlan"("workspaceId", "customerId", "month");

-- CreateIndex
CREATE INDEX "Alert_workspaceId_rule_status_idx" ON "Alert"("workspaceId", "rule", "status");

-- CreateIndex
CREATE INDEX "Alert_workspaceId_customerId_status_idx" ON "Alert"("workspaceId", "customerId", "status");

-- CreateIndex
CREATE UNIQUE INDEX "Alert_workspaceId_number_key" ON "Alert"("workspaceId", "number");

-- CreateIndex
CREATE INDEX "AlertEvent_workspaceId_alertId_at_idx" ON "AlertEvent"("workspaceId", "alertId", "at");

-- CreateIndex
CREATE INDEX "OutboxMessage_status_nextAttemptAt_idx" ON "OutboxMessage"("status", "nextAttemptAt");

-- CreateIndex
CREATE UNIQUE INDEX "OutboxMessage_workspaceId_dedupeKey_key" ON "OutboxMessage"("workspaceId", "dedupeKey");

-- CreateIndex
CREATE INDEX "DeliveryRoute_workspaceId_purpose_idx" ON "DeliveryRoute"("workspaceId", "purpose");

-- CreateIndex
CREATE UNIQUE INDEX "ProcessedEvent_workspaceId_key_key" ON "ProcessedEvent"("workspaceId", "key");
