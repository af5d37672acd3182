import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { spawnBot } from "./support/bot-process.js";
import { waitFor } from "./support/wait.js";

const dirs: string[] = [];
afterAll(() => {
  for (const d of dirs) rmSync(d, { recursive: true, force: true });
});

/** Runs the bot as `npm start` does, with commands piped to stdin. */
function runBot(input: string, env: Record<string, string> = {}, args: string[] = [], at?: string) {
  const dir = at ?? mkdtempSync(join(tmpdir(), "crm-console-"));
  if (!at) dirs.push(dir);
  return new Promise<{ code: number | null; stdout: string; stderr: string; dir: string }>((resolve) => {
    const child = spawnBot(
      {
        ...process.env,
        DATABASE_URL: `file:${join(dir, "data/crm.db")}`,
        LOG_LEVEL: "silent",
        USER: "tester",
        // The operator's own choice; without it the console user claims admin with the code (below).
        CRM_CONSOLE_ROLE: "admin",
        ...env,
      },
      { cwd: dir, args },
    );
    let stdout = "";
    let stderr = "";
    child.stdout.on("data", (d) => (stdout += d));
    child.stderr.on("data", (d) => (stderr += d));
    child.on("close", (code) => resolve({ code, stdout, stderr, dir }));
    child.stdin.end(input);
  });
}

describe("console adapter, first start", () => {
  it("starts its user as a rep and shows the one-time code that makes them admin", async () => {
    const dir = mkdtempSync(join(tmpdir(), "crm-console-"));
    dirs.push(dir);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      DATABASE_URL: `file:${join(dir, "crm.db")}`,
      LOG_LEVEL: "silent",
      USER: "tester",
    };
    delete env.CRM_CONSOLE_ROLE;
    const child = spawnBot(env, { cwd: dir });
    const code = await waitFor(
      () => /输入 \/crm claim (\S+) 成为管理员/.exec(child.output())?.[1],
      "the claim code",
      30_000,
    );
    child.stdin.end(
      `/user list\n/user add 李经理 role:manager\n/crm claim WRONG-0000\n/crm claim ${code}\n/user add 李经理 role:manager\n`,
    );
    await new Promise((resolve) => child.once("close", resolve));
    const output = child.output();
    expect(output).toContain("tester · 业务员");
    expect(output).toContain("/user add 需要管理员或以上权限");
    expect(output).toContain("认领码不对或已用过");
    expect(output).toContain("你现在是这个团队的管理员了");
    expect(output).toContain("已添加 李经理（经理）");
  }, 60_000);
});

describe("start-up failures", () => {
  it("says in one line, without a stack trace, that the database path cannot be created", async () => {
    const { code, stdout, stderr } = await runBot("/crm help\n", { DATABASE_URL: "file:/dev/null/crm.db" });
    expect(code).toBe(1);
    expect(stdout).toBe("");
    expect(stderr.trim()).toBe(
      "Cannot start: the database path (file:/dev/null/crm.db) cannot be created or written. Check DATABASE_URL and the folder's permissions.",
    );
  });
});

describe("console adapter, piped", () => {
  it("creates and migrates its database, answers each line and exits at end of input", async () => {
    const { code, stdout } = await runBot(
      [
        "/customer add 张三商行 type:零售 电话:13800001234",
        "/customer find zs",
        "1",
        "",
        "# a comment",
        "/customer find nothing-like-this",
      ].join("\n"),
    );
    expect(code).toBe(0);
    expect(stdout).toContain("已新增客户 张三商行（编码 C0001）。");
    expect(stdout).toContain("• 张三商行（C0001）  零售商");
    // "1" presses the first button of the previous reply: show the profile.
    expect(stdout).toContain("== 张三商行（C0001） ==");
    expect(stdout).toContain("负责人：tester");
    expect(stdout).toContain("没有找到与“nothing-like-this”匹配的客户");
    expect(stdout).not.toMatch(/crm>/);
  });

  it("carries a rep's day: log a visit with a promise, see it due, press its button to mark it kept", async () => {
    const { code, stdout } = await runBot(
      [
        "/customer add 北京华达商贸 type:经销商",
        "/contact add 华达 张总 role:决策人",
        "/visit log 华达 电话 谈了新品 contacts:张总 承诺:今天寄样品 承诺期限:今天 下一步:报价 回访:+3d",
        "/followups",
        "1",
        "/followups",
        "/visit list",
      ].join("\n"),
    );
    expect(code).toBe(0);
    expect(stdout).toContain("== 已记录拜访：北京华达商贸 ==");
    expect(stdout).toMatch(/HF-0002 · 承诺 · 今天寄样品\s+北京华达商贸（C0001） · \S+ 今天到期/);
    // "1" pressed the first button of /followups: done HF-0002.
    expect(stdout).toContain("已兑现承诺 HF-0002：北京华达商贸 · 今天寄样品。");
    expect(stdout).toContain("今天没有到期的跟进事项。");
    expect(stdout).toContain("未来 7 天还有 1 项到期。");
    expect(stdout).toMatch(
      /• BF-0001 · \S+ · 北京华达商贸 · 电话 · tester\s+见到：张总 · 谈了新品 · HF-0001 下一步：报价/,
    );
  });

  it("walks a complaint to a proposed solution and prints the approval request it sends the manager", async () => {
    const { code, stdout } = await runBot(
      [
        "/user add 李经理 role:manager",
        "/user set tester manager:李经理",
        "/customer add 北京华达商贸 type:经销商",
        "/complaint file 华达 质量 外箱破损",
        "1",
        "/complaint assign TS-0001 仓储部",
        "/complaint cause TS-0001 运输挤压",
        "/complaint propose TS-0001 补发 20 箱",
        "/complaint show TS-0001",
      ].join("\n"),
    );
    expect(code).toBe(0);
    expect(stdout).toContain("== 已受理投诉 TS-0001：北京华达商贸 ==");
    // "1" pressed "判定成立" on the filing reply.
    expect(stdout).toContain("== 投诉 TS-0001：判定成立（已记录 → 成立） ==");
    expect(stdout).toMatch(
      /== 投诉 TS-0001：提出方案（已分析原因 → 方案待批） ==[\s\S]*?\n\n🔔 → @李经理\n== 投诉 TS-0001（北京华达商贸）的解决方案待你批示 ==\ntester 提出的方案：补发 20 箱/,
    );
    expect(stdout).toMatch(/· tester · 提出方案\s+补发 20 箱/);
  });

  it("takes the user, role and language from flags", async () => {
    const { code, stdout } = await runBot("/user add 新人\n/crm help\n", {}, [
      "--user",
      "Rita",
      "--role",
      "rep",
      "--locale",
      "en",
    ]);
    expect(code).toBe(0);
    expect(stdout).toContain("/user add needs the admin role or higher.");
    expect(stdout).toContain("Customer management bot: all commands");
  });

  it("says that a language chosen at start is kept for later runs, instead of keeping it silently", async () => {
    const first = await runBot("/customer find nothing\n", {}, ["--locale", "en"]);
    expect(first.stdout).toContain("Replies are now in English, and will stay so in later runs.");
    const second = await runBot("/customer find nothing\n", {}, [], first.dir);
    expect(second.stdout).toContain('No customer matches "nothing"');
    expect(second.stdout).not.toContain("will stay so");
    const back = await runBot("/customer find nothing\n", {}, ["--locale", "zh-CN"], first.dir);
    expect(back.stdout).toContain("回复语言已设为简体中文，以后每次都用它。");
  });

  it("refuses a bad configuration with a message that names the variable", async () => {
    const { code, stderr } = await runBot("", { DATABASE_URL: "mysql://localhost/crm", CRM_TIMEZONE: "Mars/Base" });
    expect(code).toBe(1);
    expect(stderr).toContain("DATABASE_URL: must start with file: (SQLite) or postgresql:// (PostgreSQL)");
    expect(stderr).toContain("CRM_TIMEZONE: must be an IANA time zone");
  });
});
