import { spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const root = join(import.meta.dirname, "..");
const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** Runs the bot as `npm start` does, with commands piped to stdin. */
function runBot(input: string, env: Record<string, string> = {}, args: string[] = []) {
  const dir = mkdtempSync(join(tmpdir(), "crm-console-"));
  dirs.push(dir);
  return new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [join(root, "node_modules/tsx/dist/cli.mjs"), join(root, "src/main.ts"), ...args], {
      cwd: dir,
      env: { ...process.env, DATABASE_URL: `file:${join(dir, "data/crm.db")}`, LOG_LEVEL: "silent", USER: "tester", ...env },
    });
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr }));
    child.stdin.end(input);
  });
}

describe("console adapter, piped", () => {
  it("creates and migrates its database, answers each line and exits at end of input", async () => {
    const { code, stdout } = await runBot(
      ["/customer add 张三商行 type:零售 电话:13800001234", "/customer find zs", "1", "", "# a comment", "/customer find nothing-like-this"].join("\n"),
    );
    expect(code).toBe(0);
    expect(stdout).toContain("已新增客户 张三商行(编码 C0001)。");
    expect(stdout).toContain("• 张三商行 (C0001)  零售商");
    // "1" presses the first button of the previous reply: show the profile.
    expect(stdout).toContain("== 张三商行 (C0001) ==");
    expect(stdout).toContain("负责人: tester");
    expect(stdout).toContain("没有找到与 “nothing-like-this” 匹配的客户");
    expect(stdout).not.toMatch(/crm>/);
  });

  it("takes the user, role and language from flags", async () => {
    const { code, stdout } = await runBot("/user add 新人\n/crm help\n", {}, ["--user", "Rita", "--role", "rep", "--locale", "en"]);
    expect(code).toBe(0);
    expect(stdout).toContain("/user add needs the admin role or higher.");
    expect(stdout).toContain("Customer management bot: all commands");
  });

  it("refuses a bad configuration with a message that names the variable", async () => {
    const { code, stderr } = await runBot("", { DATABASE_URL: "mysql://localhost/crm", CRM_TIMEZONE: "Mars/Base" });
    expect(code).toBe(1);
    expect(stderr).toContain("DATABASE_URL: must start with file: (SQLite) or postgresql:// (PostgreSQL)");
    expect(stderr).toContain("CRM_TIMEZONE: must be an IANA time zone");
  });
});
