// Applies pending migrations to DATABASE_URL (the bot also does this itself at start).
import { loadConfig } from "../src/config.js";
import { migrateDatabase } from "../src/db/migrations.js";

const { databaseUrl } = loadConfig(process.env);
const applied = await migrateDatabase(databaseUrl);
console.log(applied.length ? `Applied: ${applied.join(", ")}` : "Database is up to date.");
