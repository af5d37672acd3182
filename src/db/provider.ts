export type Provider = "sqlite" | "postgresql";

export function providerOf(databaseUrl: string): Provider {
  if (databaseUrl.startsWith("file:")) return "sqlite";
  if (/^postgres(ql)?:\/\//.test(databaseUrl)) return "postgresql";
  throw new Error(
    `Unsupported DATABASE_URL "${databaseUrl}": use file:<path> (SQLite) or postgresql://... (PostgreSQL)`,
  );
}
