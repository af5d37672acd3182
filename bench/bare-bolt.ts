// The baseline for bench/slack-throughput.ts: a Bolt app over HTTP that acknowledges every slash
// command and does nothing else, configured as the bot is (signing secret, bot token, Web API URL).
import { App } from "@slack/bolt";

const app = new App({
  token: process.env.SLACK_BOT_TOKEN,
  signingSecret: process.env.SLACK_SIGNING_SECRET!,
  clientOptions: { slackApiUrl: process.env.SLACK_API_URL },
});
app.command(/.*/, async ({ ack }) => {
  await ack();
});
await app.start(Number(process.env.PORT));
