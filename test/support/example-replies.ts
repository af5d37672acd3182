import { commands } from "../../commands/index.js";
import type { Reply } from "../../src/core/reply.js";
import { Harness } from "./harness.js";

/**
 * Every command's help and examples, run by an admin on a SQLite workspace with a customer, an
 * order and the alerts they raise, for a renderer to show within its platform's limits.
 */
export async function exampleReplies(): Promise<{ replies: [line: string, reply: Reply][]; close(): Promise<void> }> {
  const h = await Harness.open("sqlite");
  const ws = await h.workspace();
  const admin = await h.user(ws.id, "管理员", "admin");
  await h.say(admin, "/customer add 北京华达商贸 type:dealer 电话:13800138888");
  await h.say(admin, "/order add 华达 5万");
  await h.say(admin, "/alert run");
  const replies: [string, Reply][] = [];
  for (const command of commands) {
    const path = `/${command.path.join(" ")}`;
    for (const line of [`${path} help`, ...(command.examples ?? []).map((e) => `${path} ${e}`)])
      replies.push([line, await h.reply(admin, line)]);
  }
  return { replies, close: () => h.close() };
}
