// Slack slash commands over HTTP: signed requests from this process (autocannon) to the bot in a
// process of its own, on loopback, with the Web API and the response URLs faked locally here;
// beside a bare Bolt app that only acknowledges (bench/bare-bolt.ts), in the same run.
//   npm run bench   (or: npx tsx bench/slack-throughput.ts [--slack-customers 5000] [--seconds 15])
// Prints requests per second and acknowledgement times; figures, not assertions.
import autocannon from "autocannon";
import { ensureUser, ensureWorkspace } from "../src/domain/workspaces.js";
import { runDueWorkspaceJobs } from "../src/jobs/workspace-jobs.js";
import { createLogger } from "../src/logger.js";
import { freePort, spawnBot, untilListening } from "../test/support/bot-process.js";
import { BOT_TOKEN, FakeSlack, signed, SIGNING_SECRET, slashCommandBody } from "../test/support/fake-slack.js";
import { BENCH_NOW } from "./clock.js";
import { benchDatabase, numberFlag } from "./support.js";
import { generateWorkspace, sizeFor } from "./workspace-data.js";

const CUSTOMERS = numberFlag("slack-customers", 5_000);
const SECONDS = numberFlag("seconds", 15);
const RATE = 200;

// The Slack workspace of the slash-command fixture (team T0001CRM), its user an admin.
const { db, url, dispose } = await benchDatabase();
const workspace = await ensureWorkspace(
  db.prisma,
  { platform: "slack", externalId: "T0001CRM", name: "huada-sales" },
  { locale: "zh-CN", timezone: "Asia/Shanghai", currency: "CNY" },
);
const admin = await ensureUser(db.prisma, workspace.id, { externalId: "U2147483697", name: "王伟" }, { role: "admin" });
await generateWorkspace(db, workspace, admin, sizeFor(CUSTOMERS), BENCH_NOW);
// The bot is measured as an instance that has been running finds the workspace: this hour's sweep
// and digests done, their posts delivered. Otherwise its catch-up sweep of a never-swept workspace
// and thousands of first alert posts fell into some runs' measurements and not others'.
await runDueWorkspaceJobs(db.prisma, new Date(), createLogger("silent"));
await db.prisma.outboxMessage.updateMany({ data: { status: "sent", sentAt: new Date() } });
await db.close();

// The load replays 400 signed bodies, so each response URL is answered many times: Slack's five
// uses per URL would turn most answers into DMs, which is not what is measured here.
const fake = await FakeSlack.start({ responseUrlUses: Number.POSITIVE_INFINITY });
const COMMANDS: [string, string][] = [
  ["/customer", "find 华达"],
  ["/customer", "show C000042"],
  ["/followups", ""],
  ["/alert", "list"],
];
// Signed now: Bolt accepts a signature for five minutes, longer than the whole run.
const requests = Array.from({ length: 400 }, (_, i) => {
  const [command, text] = COMMANDS[i % COMMANDS.length]!;
  const body = slashCommandBody(fake, command, text, "U2147483697", `r${i}`);
  return {
    method: "POST" as const,
    path: "/slack/events",
    headers: { "content-type": "application/x-www-form-urlencoded", ...signed(body) },
    body,
  };
});

const start = (script: string, port: number, extra: NodeJS.ProcessEnv = {}) =>
  spawnBot(
    {
      ...process.env,
      SLACK_BOT_TOKEN: BOT_TOKEN,
      SLACK_SIGNING_SECRET: SIGNING_SECRET,
      SLACK_API_URL: fake.apiUrl,
      PORT: String(port),
      LOG_LEVEL: "warn",
      ...extra,
    },
    { script },
  );

const load = (port: number, options: { seconds: number; rate?: number; connections: number }) =>
  autocannon({
    url: `http://127.0.0.1:${port}`,
    requests,
    duration: options.seconds,
    connections: options.connections,
    ...(options.rate ? { overallRate: options.rate } : {}),
  });

interface Figures {
  rps: number;
  p50: number;
  p99: number;
  errors: number;
  maxRps: number;
  maxP99: number;
  answered?: string;
}

async function measure(script: string, extra?: NodeJS.ProcessEnv): Promise<Figures> {
  const port = await freePort();
  const child = start(script, port, extra);
  try {
    await untilListening(port, child.output);
    await load(port, { seconds: 3, connections: 10, rate: 100 }); // warm-up: JIT, caches, first users
    const before = fake.responses.length;
    const steady = await load(port, { seconds: SECONDS, rate: RATE, connections: 20 });
    await new Promise((resolve) => setTimeout(resolve, 2_000)); // answers still on their way
    const answered = fake.responses.length - before;
    const flat = await load(port, { seconds: 10, connections: 32 });
    return {
      rps: steady.requests.average,
      p50: steady.latency.p50,
      p99: steady.latency.p99,
      errors: steady.non2xx + steady.errors + steady.timeouts,
      maxRps: flat.requests.average,
      maxP99: flat.latency.p99,
      answered: script.includes("main")
        ? `${answered} of ${steady["2xx"]} answered through the response URL`
        : undefined,
    };
  } finally {
    child.kill("SIGTERM");
    await new Promise((resolve) => child.once("close", resolve));
  }
}

console.log(
  `${CUSTOMERS.toLocaleString("en")} customers; signed slash commands (${COMMANDS.map((c) => c.join(" ").trim()).join(", ")}) from autocannon in this process`,
);
const bare = await measure("bench/bare-bolt.ts");
const bot = await measure("src/main.ts", { DATABASE_URL: url });
console.log(
  `\n                      at ${RATE} req/s offered: req/s   ack p50   ack p99  errors | flat out: req/s  ack p99`,
);
for (const [label, f] of [
  ["bare Bolt (ack only)", bare],
  ["the bot", bot],
] as const) {
  console.log(
    `${label.padEnd(38)} ${f.rps.toFixed(0).padStart(6)} ${f.p50.toFixed(1).padStart(7)} ms ${f.p99.toFixed(1).padStart(6)} ms ${String(f.errors).padStart(6)} | ${f.maxRps.toFixed(0).padStart(14)} ${f.maxP99.toFixed(1).padStart(6)} ms`,
  );
}
console.log(
  `overhead over bare Bolt: ack p99 ×${(bot.p99 / bare.p99).toFixed(1)} at ${RATE} req/s; throughput ×${(bare.maxRps / bot.maxRps).toFixed(1)} flat out`,
);
console.log(bot.answered);
await fake.close();
await dispose();
