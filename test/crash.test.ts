import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { openDatabase } from "../src/db/client.js";
import { spawnBot } from "./support/bot-process.js";

const dir = mkdtempSync(join(tmpdir(), "crm-crash-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const env = { ...process.env, DATABASE_URL: `file:${join(dir, "crm.db")}`, LOG_LEVEL: "silent", USER: "tester" };

/** The bot as `npm start` runs it, fed `input`; `killOn` kills it (SIGKILL) when its output matches. */
function bot(input: string, killOn?: RegExp): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string }> {
  return new Promise((resolve) => {
    const child = spawnBot(env, dir);
    child.stdout.on("data", () => {
      if (killOn?.test(child.output())) child.kill("SIGKILL");
    });
    child.on("close", (code, signal) => resolve({ code, signal, stdout: child.output() }));
    child.stdin.end(input);
  });
}

/** Counts orders over a connection of its own, closed again so that the bot has the file to itself. */
async function orders(): Promise<number> {
  const db = await openDatabase(env.DATABASE_URL, { migrate: false });
  try {
    return await db.prisma.order.count();
  } finally {
    await db.close();
  }
}

describe("a crash in the middle of an import", () => {
  it("leaves no half-imported file: after kill -9 and a restart the file imports whole, once", async () => {
    const rows = 60_000;
    const csv = ["单号,客户编码,日期,金额", ...Array.from({ length: rows }, (_, i) => `K-${i},C0001,2026-10-${String(1 + (i % 28)).padStart(2, "0")},${100 + (i % 900)}`)];
    writeFileSync(join(dir, "orders.csv"), `${csv.join("\n")}\n`);
    await bot("/customer add 北京华达商贸 type:dealer\n");
    // Killed while the progress says rows are going in, before the transaction commits.
    const killed = await bot("/import orders orders.csv\n", /已导入 [\d,]+ \/ 60,000 行/);
    expect(killed.signal, killed.stdout).toBe("SIGKILL");
    expect(await orders()).toBe(0);
    const again = await bot("/import orders orders.csv\n/import orders orders.csv\n");
    expect(again.stdout).toContain("已导入进货记录:新增 60000,更新 0,未变 0");
    expect(again.stdout).toContain("没有需要导入的新内容:进货记录未变 60000");
    expect(await orders()).toBe(rows);
  }, 120_000);
});
