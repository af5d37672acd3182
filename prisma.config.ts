// For the Prisma CLI on machines with internet (`npx prisma migrate deploy`, `npx prisma studio`):
// the provider's schema and migrations follow DATABASE_URL, as the bot itself does. New
// migrations are written for both providers with `npm run db:migration -- <name>`.
import { defineConfig } from "prisma/config";

const url = process.env.DATABASE_URL ?? "file:./data/crm.db";
const provider = url.startsWith("file:") ? "sqlite" : "postgresql";

export default defineConfig({
  schema: `prisma/${provider}/schema.prisma`,
  migrations: { path: `prisma/migrations/${provider}` },
  datasource: { url },
});
