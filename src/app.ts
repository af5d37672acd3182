import { commands } from "../commands/index.js";
import type { Config } from "./config.js";
import { openDatabase, type Database } from "./db/client.js";
import { Router } from "./core/router.js";
import type { Logger } from "./logger.js";

export interface App {
  db: Database;
  router: Router;
  config: Config;
  logger: Logger;
}

/** Builds config → database (migrated) → router; platforms are attached by the caller. */
export async function createApp(config: Config, logger: Logger, options: { now?: () => Date } = {}): Promise<App> {
  const db = await openDatabase(config.databaseUrl);
  const router = new Router({ prisma: db.prisma, commands, logger, ...(options.now ? { now: options.now } : {}) });
  return { db, router, config, logger };
}

export const CONSOLE_WORKSPACE = { platform: "console", externalId: "console", name: "Console" } as const;
