-- A merged duplicate's code finds its keeper in a search, as it does in /customer show: the codes
-- merged before get the search key the bot now writes (see customerSearchTerms). SQLite has no
-- regular expressions: the usual separators are dropped and codes with anything else are left.
INSERT INTO "CustomerSearchTerm" ("workspaceId", "customerId", "term", "weight")
SELECT k."workspaceId", k."customerId", k."term", 95 FROM (
  SELECT a."workspaceId", a."customerId",
    substr(lower(replace(replace(replace(replace(replace(a."code", '-', ''), '_', ''), ' ', ''), '.', ''), '/', '')), 1, 64) AS "term"
  FROM "CustomerAlias" a
) k
WHERE k."term" <> '' AND k."term" NOT GLOB '*[^0-9a-z]*'
  AND NOT EXISTS (SELECT 1 FROM "CustomerSearchTerm" t WHERE t."customerId" = k."customerId" AND t."term" = k."term");
