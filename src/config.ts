import { z } from "zod";
import { LOCALES, type Locale } from "./core/locale.js";
import { ROLES, type Role } from "./core/roles.js";
import { DEFAULT_LIMITS, DEFAULT_MAX_IMPORT_ROWS, DEFAULT_MAX_UPLOAD_MB, MB, type Limits } from "./core/limits.js";
import { MINOR_UNITS } from "./core/money.js";
import type { FileSource } from "./platforms/download.js";

const timezone = z.string().refine((tz) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: tz });
    return true;
  } catch {
    return false;
  }
}, "must be an IANA time zone such as Asia/Shanghai");

const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

/**
 * The markdown-and-buttons card template DingTalk's own Stream SDK (dingtalk-stream for Python,
 * MarkdownButtonCardInstance) posts for any app: variables title, markdown and sys_full_json_obj.
 */
export const DINGTALK_SDK_CARD_TEMPLATE = "1366a1eb-bc54-4859-ac88-517c56a9acb1.schema";

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
  SLACK_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  SLACK_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  SLACK_STATE_SECRET: z.preprocess(emptyAsUndefined, z.string().min(16, "must be at least 16 characters").optional()),
  CRM_SECRET_KEY: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (key) => (/^[0-9a-fA-F]{64}$/.test(key) ? 32 : Buffer.from(key, "base64").length) === 32,
        "must be 32 bytes, base64 or hex (openssl rand -base64 32)",
      )
      .optional(),
  ),
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
  FEISHU_APP_ID: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .regex(/^cli_[0-9a-fA-F]{16}$/, "must be the app's App ID (cli_ and 16 hex digits)")
      .optional(),
  ),
  FEISHU_APP_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  FEISHU_DOMAIN: z.preprocess(
    emptyAsUndefined,
    z
      .string()
      .refine(
        (v) => v === "feishu" || v === "lark" || (URL.canParse(v) && /^https?:/.test(v)),
        "must be feishu, lark, or the OpenAPI's base URL (https://…)",
      )
      .default("feishu"),
  ),
  FEISHU_ENCRYPT_KEY: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  FEISHU_VERIFICATION_TOKEN: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  DINGTALK_CLIENT_ID: z.preprocess(emptyAsUndefined, z.string().min(4).optional()),
  DINGTALK_CLIENT_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  DINGTALK_ROBOT_CODE: z.preprocess(emptyAsUndefined, z.string().min(1).optional()),
  DINGTALK_API_URL: z.preprocess(emptyAsUndefined, z.url().optional()),
  DINGTALK_CARD_TEMPLATE_ID: z.preprocess(emptyAsUndefined, z.string().min(1).default(DINGTALK_SDK_CARD_TEMPLATE)),
  CRM_MAX_IMPORT_ROWS: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(10_000_000).default(DEFAULT_MAX_IMPORT_ROWS),
  ),
  CRM_MAX_UPLOAD_MB: z.preprocess(
    emptyAsUndefined,
    z.coerce.number().int().min(1).max(1024).default(DEFAULT_MAX_UPLOAD_MB),
  ),
  CRM_MAX_AMOUNT: z.preprocess(
    emptyAsUndefined,
    z.coerce
      .number()
      .int()
      .min(1)
      .max(Number(DEFAULT_LIMITS.amount / MINOR_UNITS))
      .optional(),
  ),
  PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).default(3000)),
  METRICS_PORT: z.preprocess(emptyAsUndefined, z.coerce.number().int().min(0).max(65535).optional()),
  USER: z.string().optional(),
});

export interface Config {
  databaseUrl: string;
  locale: Locale;
  timezone: string;
  currency: string;
  logLevel: string;
  /** How many rows an import, how large a file and how large an amount may be. */
  limits: Limits;
  /** A port of its own for `/healthz` and `/metrics` (they are also on Slack's or Feishu's HTTP port in HTTP mode). */
  metricsPort: number | undefined;
  console: { user: string; role: Role | undefined; locale: Locale | undefined; filesDir: string };
  /**
   * Set when a Slack bot token is (one workspace: Socket Mode with an app token, HTTP on `port` with
   * a signing secret), or an OAuth client (many workspaces over HTTP, each with its own token).
   */
  slack:
    | {
        botToken: string | undefined;
        oauth: { clientId: string; clientSecret: string; stateSecret: string } | undefined;
        appToken: string | undefined;
        signingSecret: string | undefined;
        apiUrl: string | undefined;
        port: number;
        files: FileSource;
      }
    | undefined;
  /** Seals tokens at rest (32 bytes, base64 or hex); required with the Slack OAuth client. */
  secretKey: string | undefined;
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
  /**
   * Set when a Feishu (Lark) app id and secret are: over the long connection, or over HTTP on
   * `port` when the encrypt key and verification token are set.
   */
  feishu:
    | {
        appId: string;
        appSecret: string;
        domain: string;
        http: { encryptKey: string; verificationToken: string; port: number } | undefined;
      }
    | undefined;
  dingtalk: DingTalkConfig | undefined;
}

/** Set when a DingTalk app's key (client id) and secret are: the robot over Stream mode. */
export interface DingTalkConfig {
  clientId: string;
  clientSecret: string;
  robotCode: string;
  apiUrl: string;
  /** The older OpenAPI host (oapi) media uploads go to; the same as `apiUrl` when that is overridden. */
  oapiUrl: string;
  /** The card template alerts are posted with, so they can be updated in place; none ("off"): robot messages. */
  cardTemplateId: string | undefined;
}

/** The OpenAPI's base for FEISHU_DOMAIN's names (the SDK's own), or the URL as given. */
const FEISHU_DOMAINS: Record<string, string> = {
  feishu: "https://open.feishu.cn",
  lark: "https://open.larksuite.com",
};

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
  if (e.SLACK_CLIENT_ID) {
    const missing = (["SLACK_CLIENT_SECRET", "SLACK_STATE_SECRET", "SLACK_SIGNING_SECRET", "CRM_SECRET_KEY"] as const)
      .filter((name) => !e[name])
      .map((name) =>
        name === "CRM_SECRET_KEY"
          ? `  CRM_SECRET_KEY: required with SLACK_CLIENT_ID, to seal each workspace's tokens at rest (openssl rand -base64 32)`
          : `  ${name}: required with SLACK_CLIENT_ID (many workspaces through OAuth)`,
      );
    if (e.SLACK_BOT_TOKEN)
      missing.push(
        "  SLACK_BOT_TOKEN: leave it unset with SLACK_CLIENT_ID: each workspace's token comes from its install",
      );
    if (missing.length > 0) throw new ConfigError(`Invalid configuration:\n${missing.join("\n")}`);
  }
  if (e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN && !e.SLACK_SIGNING_SECRET) {
    throw new ConfigError(
      "Invalid configuration:\n  SLACK_BOT_TOKEN: also set SLACK_APP_TOKEN (Socket Mode) or SLACK_SIGNING_SECRET (HTTP mode)",
    );
  }
  if (Boolean(e.DINGTALK_CLIENT_ID) !== Boolean(e.DINGTALK_CLIENT_SECRET)) {
    throw new ConfigError(
      "Invalid configuration:\n  DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET: set both, or neither",
    );
  }
  if (Boolean(e.FEISHU_APP_ID) !== Boolean(e.FEISHU_APP_SECRET)) {
    throw new ConfigError("Invalid configuration:\n  FEISHU_APP_ID and FEISHU_APP_SECRET: set both, or neither");
  }
  // Unsigned events over HTTP could be forged by anyone who finds the address: both, or neither.
  if (Boolean(e.FEISHU_ENCRYPT_KEY) !== Boolean(e.FEISHU_VERIFICATION_TOKEN)) {
    throw new ConfigError(
      "Invalid configuration:\n  FEISHU_ENCRYPT_KEY and FEISHU_VERIFICATION_TOKEN: set both for HTTP mode, or neither for the long connection",
    );
  }
  const feishuServesHttp = Boolean(e.FEISHU_APP_ID && e.FEISHU_ENCRYPT_KEY);
  const slackServesHttp = Boolean((e.SLACK_BOT_TOKEN && !e.SLACK_APP_TOKEN) || e.SLACK_CLIENT_ID);
  if ((slackServesHttp || feishuServesHttp) && e.METRICS_PORT !== undefined && e.METRICS_PORT === e.PORT) {
    throw new ConfigError(
      "Invalid configuration:\n  METRICS_PORT: the HTTP port (PORT) already serves /healthz and /metrics; leave METRICS_PORT unset or choose another port",
    );
  }
  const maxBytes = e.CRM_MAX_UPLOAD_MB * MB;
  return {
    databaseUrl: e.DATABASE_URL,
    locale: e.CRM_LOCALE,
    timezone: e.CRM_TIMEZONE,
    currency: e.CRM_CURRENCY,
    logLevel: e.LOG_LEVEL,
    limits: {
      importRows: e.CRM_MAX_IMPORT_ROWS,
      uploadBytes: maxBytes,
      amount: e.CRM_MAX_AMOUNT === undefined ? DEFAULT_LIMITS.amount : BigInt(e.CRM_MAX_AMOUNT) * MINOR_UNITS,
    },
    metricsPort: e.METRICS_PORT,
    console: {
      user: e.CRM_CONSOLE_USER ?? e.USER ?? "admin",
      role: e.CRM_CONSOLE_ROLE,
      locale: e.CRM_CONSOLE_LOCALE,
      filesDir: e.CRM_FILES_DIR,
    },
    secretKey: e.CRM_SECRET_KEY,
    slack:
      e.SLACK_BOT_TOKEN || e.SLACK_CLIENT_ID
        ? {
            botToken: e.SLACK_BOT_TOKEN,
            oauth: e.SLACK_CLIENT_ID
              ? {
                  clientId: e.SLACK_CLIENT_ID,
                  clientSecret: e.SLACK_CLIENT_SECRET!,
                  stateSecret: e.SLACK_STATE_SECRET!,
                }
              : undefined,
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
    feishu:
      e.FEISHU_APP_ID && e.FEISHU_APP_SECRET
        ? {
            appId: e.FEISHU_APP_ID,
            appSecret: e.FEISHU_APP_SECRET,
            domain: FEISHU_DOMAINS[e.FEISHU_DOMAIN] ?? e.FEISHU_DOMAIN.replace(/\/+$/, ""),
            http:
              e.FEISHU_ENCRYPT_KEY && e.FEISHU_VERIFICATION_TOKEN
                ? { encryptKey: e.FEISHU_ENCRYPT_KEY, verificationToken: e.FEISHU_VERIFICATION_TOKEN, port: e.PORT }
                : undefined,
          }
        : undefined,
    dingtalk:
      e.DINGTALK_CLIENT_ID && e.DINGTALK_CLIENT_SECRET
        ? {
            clientId: e.DINGTALK_CLIENT_ID,
            clientSecret: e.DINGTALK_CLIENT_SECRET,
            robotCode: e.DINGTALK_ROBOT_CODE ?? e.DINGTALK_CLIENT_ID,
            apiUrl: e.DINGTALK_API_URL?.replace(/\/+$/, "") ?? "https://api.dingtalk.com",
            oapiUrl: e.DINGTALK_API_URL?.replace(/\/+$/, "") ?? "https://oapi.dingtalk.com",
            cardTemplateId: e.DINGTALK_CARD_TEMPLATE_ID === "off" ? undefined : e.DINGTALK_CARD_TEMPLATE_ID,
          }
        : undefined,
  };
}
