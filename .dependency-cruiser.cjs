/**
 * The project's layers, checked by `npm run lint` (and so by `npm test` and CI). Arrows point down:
 *
 *   src/main.ts, platforms/ (receivers, renderers, outbound ports)     commands/
 *                      │                                                  │
 *                      ▼                                                  ▼
 *   src/application/ (router, command definitions, Inbound.handle, identity, dispatcher, composition)
 *                      ▼                                                  ▼
 *                      │                              src/views/ (cards and notices a person reads)
 *                      ▼                                                  ▼
 *   src/domain/ (rules and queries; notifications as data) ─▶ src/outbound/ (outbox) ─▶ src/db/
 *                      ▼
 *   src/i18n/ (catalogue, formats) ─▶ src/core/ (tokenizing, binding, arguments, replies, errors, dates, money)
 */
module.exports = {
  forbidden: [
    {
      name: "no-cycles",
      severity: "error",
      comment: "Import cycles (type-only imports count) make the layers impossible to read.",
      from: { path: "^(src|commands)/" },
      to: { circular: true },
    },
    {
      name: "core-imports-only-core",
      severity: "error",
      comment: "src/core (tokenizing, binding, arguments, replies, errors, dates, money) is below everything.",
      from: { path: "^src/core/" },
      to: { path: "^src/", pathNot: "^src/core/" },
    },
    {
      name: "domain-has-no-views",
      severity: "error",
      comment: "The domain decides; what a person reads (i18n, replies) is built in views, and platforms are above it.",
      from: { path: "^src/domain/" },
      to: { path: ["^src/i18n/", "^src/views/", "^src/platforms/", "^src/core/reply\\.ts$"] },
    },
    {
      name: "domain-below-application",
      severity: "error",
      comment: "The domain is called by the application and by commands; it never calls up to them.",
      from: { path: "^src/domain/" },
      to: { path: ["^src/application/", "^commands/", "^src/main\\.ts$"] },
    },
    {
      name: "application-below-platforms",
      severity: "error",
      comment: "The application knows a platform only as an inbound event and an outbound port.",
      from: { path: "^src/application/" },
      to: { path: ["^src/platforms/", "^src/main\\.ts$"] },
    },
    {
      name: "views-write-only",
      severity: "error",
      comment: "A view turns data into what a person reads; it neither stores, sends nor runs anything.",
      from: { path: "^src/views/" },
      to: { path: ["^src/application/", "^src/platforms/", "^src/db/", "^src/outbound/", "^commands/"] },
    },
    {
      name: "db-below-domain",
      severity: "error",
      comment: "The database layer knows tables, not rules.",
      from: { path: "^src/db/" },
      to: { path: ["^src/domain/", "^src/platforms/", "^src/inbound/", "^commands/"] },
    },
    {
      name: "sql-behind-repositories",
      severity: "error",
      comment:
        "Hand-written SQL and the differences between SQLite and PostgreSQL stay in src/db: the rest reads through repositories (src/db/repositories) and the Prisma client.",
      from: { path: "^(src|commands)/", pathNot: ["^src/db/", "^src/main\\.ts$"] },
      to: {
        path: ["^src/db/direct-reads\\.ts$", "^src/db/provider\\.ts$", "^src/db/sqlite-", "^src/db/postgres\\.ts$"],
      },
    },
    {
      name: "platforms-above-data",
      severity: "error",
      comment:
        "A platform is a receiver, a renderer and an outbound port: identity, roles and de-duplication are behind Inbound.handle().",
      from: { path: "^src/platforms/" },
      to: { path: ["^src/db/", "^src/domain/"] },
    },
    {
      name: "commands-above-data",
      severity: "error",
      comment: "Commands call domain services; they never touch the database or a platform.",
      from: { path: "^commands/" },
      to: { path: ["^src/db/", "^src/platforms/"] },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    exclude: { path: "^src/generated/" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
  },
};
