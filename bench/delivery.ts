// Delivery against Slack's per-channel limit: N posts over M channels through the outbox, the
// dispatcher and the Slack port, to a local stand-in that answers a second post to a channel
// within a second with 429 and Retry-After, as Slack does (about one chat.postMessage per second
// per channel). The physical limit is the busiest channel's posts at one a second.
//   npm run bench   (or: npx tsx bench/delivery.ts [--posts 120] [--channels 4])
// Prints the time against that limit, the 429s met, and what was lost or posted twice.
import { dispatchOutbox } from "../src/application/dispatcher.js";
import { scopeToWorkspace } from "../src/db/scope.js";
import type { NotificationView } from "../src/domain/notifications.js";
import { ensureWorkspace } from "../src/domain/workspaces.js";
import { createLogger } from "../src/logger.js";
import { enqueueMany } from "../src/outbound/outbox.js";
import { Pacer } from "../src/outbound/pacer.js";
import { SLACK_PACING, slackOutboundPort } from "../src/platforms/slack/outbound.js";
import { BOT_TOKEN, FakeSlack } from "../test/support/fake-slack.js";
import { benchDatabase, numberFlag } from "./support.js";

const POSTS = numberFlag("posts", 120);
const CHANNELS = numberFlag("channels", 4);
const GOAL = 1.2;

const { db, dispose } = await benchDatabase();
const workspace = await ensureWorkspace(
  db.prisma,
  { platform: "slack", externalId: "T0001CRM", name: "huada-sales" },
  { locale: "zh-CN", timezone: "Asia/Shanghai", currency: "CNY" },
);
const channels = Array.from({ length: CHANNELS }, (_, i) => `C0BENCH${i}`);
await scopeToWorkspace(db.prisma, workspace.id).$transaction((tx) =>
  enqueueMany(
    tx,
    db.data.bulk,
    workspace.id,
    Array.from({ length: POSTS }, (_, i) => ({
      dedupeKey: `bench:${i}`,
      kind: "digest" as const,
      recipients: [{ kind: "channel" as const, channelId: channels[i % CHANNELS]! }],
      at: new Date(),
      view: { view: "morningFollowUps", items: [], more: i } satisfies NotificationView,
    })),
  ),
);

const fake = await FakeSlack.start({ postIntervalMs: SLACK_PACING.intervalMs });
const port = slackOutboundPort({ botToken: BOT_TOKEN, apiUrl: fake.apiUrl });
const pacer = new Pacer();
const logger = createLogger("silent");
const started = performance.now();
// Back to back, as the bot's scheduler starts the next run when one ends (every five seconds at most).
while ((await db.prisma.outboxMessage.count({ where: { status: { not: "sent" } } })) > 0) {
  await dispatchOutbox({ prisma: db.prisma, ports: { slack: port }, logger, pacer });
  if (performance.now() - started > 60 * 60_000) break;
}
const seconds = (performance.now() - started) / 1000;
const busiest = Math.ceil(POSTS / CHANNELS);
const limit = ((busiest - 1) * SLACK_PACING.intervalMs) / 1000;
const ids = fake.posts.map((p) => p.metadata?.event_payload?.outbox_id);
const lost = await db.prisma.outboxMessage.count({ where: { status: { not: "sent" } } });

console.log(`${POSTS} posts to ${CHANNELS} Slack channels (${busiest} to the busiest), one a second per channel:`);
console.log(
  `  delivered in ${seconds.toFixed(1)} s; physical limit ${limit.toFixed(1)} s; ratio ${(seconds / limit).toFixed(2)}× (goal ≤ ${GOAL}×)`,
);
console.log(`  429s met: ${fake.rateLimited}; lost: ${lost}; posted twice: ${ids.length - new Set(ids).size}`);
await fake.close();
await dispose();
