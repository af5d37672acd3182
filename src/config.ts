import { z } from "zod";
import { LOCALES, type Locale } from "./core/locale.js";
import { ROLES, type Role } from "./core/roles.js";
import { DEFAULT_MAX_UPLOAD_MB, type FileSource } from "./platforms/download.js";

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Asia/Shanghai");

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  DATABASE_URL: z
    .string()
    .default("file:./data/crm.db")
    .refine(
      (url) => url.startsWith("file:") || /^postgres(ql)?:\/\//.test(url),
      "must start with file: (SQLite) or postgresql:// (PostgreSQL)",
    ),
  CRM_LOCALE: z.enum(LOCALES).default("zh-CN"),
  CRM_TIMEZONE: timezone.default("Asia/Shanghai"),
  CRM_CURRENCY: z
    .string()
    .regex(/^[A-Z]{3}$/, "must be an ISO 4217 code such as CNY")
    .default("CNY"),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  CRM_CONSOLE_USER: z.preprocess(emptyAsUndefined, z.string().min(1).max(64).optional()),
  CRM_CONSOLE_ROLE: z.preprocess(emptyAsUndefined, z.enum(ROLES).optional()),
  CRM_CONSOLE_LOCALE: z.preprocess(emptyAsUndefined, z.enum(LOCALES).optional()),
  CRM_FILES_DIR: z.preprocess(emptyAsUndefined, z.string().default("./data/files")),
  SLACK_BOT_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().startsWith("xoxb-", "must be a bot token (xoxb-…)").optional(),
  ),
  SLACK_APP_TOKEN: z.preprocess(
    emptyAsUndefined,
    z.string().startsWith("xapp-", "must be an app-level token (xapp-…)").optional(),
  ),
  SLACK_SIGNING_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  SLACK_API_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  SLACK_FILES_URL: z.preprocess(emptyAsUndefined, z.url().default("https://files.slack.com")),
  DISCORD_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(20).optional()),
  DISCORD_APPLICATION_ID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\d{5,25}$/, "must be the application's numeric id")
      .optional(),
  ),
  DISCORD_GUILD_ID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^\d{5,25}$/, "must be a server's numeric id")
      .optional(),
  ),
  DISCORD_API_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  DISCORD_FILES_URLS: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .default("https://cdn.discordapp.com,https://media.discordapp.net")
      .transform((list) => list.split(",").map((url) => url.trim()))
      .pipe(z.array(z.url())),
  ),
  CRM_MAX_UPLOAD_MB: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(1024).default(DEFAULT_MAX_UPLOAD_MB),
  ),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  USER: z.string().optional(),
});

export interface Config {
  databaseUrl: string;
  locale: Locale;
  timezone: string;
  currency: string;
  logLevel: string;
  console: { user: string; role: Role | undefined; locale: Locale | undefined; filesDir: string };
  /** Set when a Slack bot token is: Socket Mode with an app token, HTTP on `port` with a signing secret. */
  slack:
    | {
        botToken: string;
        appToken: string | undefined;
        signingSecret: string | undefined;
        apiUrl: string | undefined;
        port: number;
        files: FileSource;
      }
    | undefined;
  /** Set when a Discord bot token and application id are. */
  discord:
    | {
        token: string;
        applicationId: string;
        guildId: string | undefined;
        apiUrl: string | undefined;
        files: FileSource;
      }
    | undefined;
}

export class ConfigError extends Error {}

export function loadConfig(env: NodeJS.ProcessEnv): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const lines = parsed.error.issues.map((issue) => `  ${issue.path.join(".")}: ${issue.message}`);
    throw new ConfigError(`Invalid configuration:\n${lines.join("\n")}`);
  }
  const e = parsed.data;
  if (Boolean(e.DISCORD_TOKEN) !== Boolean(e.DISCORD_APPLICATION_ID)) {
    throw new ConfigError("Invalid configuration:\n  DISCORD_TOKEN and DISCORD_APPLICATION_ID: set both, or neither");
  }
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      "Invalid configuration:\n  SLACK_BOT_TOKEN: also set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)",
    );
  }
  const maxBytes = e.CRM_MAX_UPLOAD_MB * 1024 * 1024;
  return {
    databaseUrl: e.DATABASE_URL,
    locale: e.CRM_LOCALE,
    timezone: e.CRM_TIMEZONE,
    currency: e.CRM_CURRENCY,
    logLevel: e.LOG_LEVEL,
    console: {
      user: e.CRM_CONSOLE_USER ?? e.USER ?? "admin",
      role: e.CRM_CONSOLE_ROLE,
      locale: e.CRM_CONSOLE_LOCALE,
      filesDir: e.CRM_FILES_DIR,
    },
    slack: e.SLACK_BOT_TOKEN
      ? {
          botToken: e.SLACK_BOT_TOKEN,
          appToken: e.SLACK_APP_TOKEN,
          signingSecret: e.SLACK_SIGNING_SECRET,
          apiUrl: e.SLACK_API_URL,
          port: e.PORT,
          files: { origins: [new URL(e.SLACK_FILES_URL).origin], maxBytes },
        }
      : undefined,
    discord:
      e.DISCORD_TOKEN && e.DISCORD_APPLICATION_ID
        ? {
            token: e.DISCORD_TOKEN,
            applicationId: e.DISCORD_APPLICATION_ID,
            guildId: e.DISCORD_GUILD_ID,
            apiUrl: e.DISCORD_API_URL,
            files: { origins: e.DISCORD_FILES_URLS.map((url) => new URL(url).origin), maxBytes },
          }
        : undefined,
  };
}
