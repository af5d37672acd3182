-- A merged duplicate's code finds its keeper in a search, as it does in /customer show: the codes
-- merged before get the search key the bot now writes (see customerSearchTerms).
INSERT INTO "CustomerSearchTerm" ("workspaceId", "customerId", "term", "weight")
SELECT k."workspaceId", k."customerId", k."term", 95 FROM (
  SELECT a."workspaceId", a."customerId", left(regexp_replace(lower(a."code"), '[^0-9a-z]', '', 'g'), 64) AS "term"
  FROM "CustomerAlias" a
) k
WHERE k."term" <> ''
  AND NOT EXISTS (SELECT 1 FROM "CustomerSearchTerm" t WHERE t."customerId" = k."customerId" AND t."term" = k."term");
