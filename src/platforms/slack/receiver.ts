import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPReceiver, type Logger as BoltLogger } from "@slack/bolt";

/**
 * Slack signs each request with its time; a request more than five minutes from now either way
 * is refused (api.slack.com/authentication/verifying-requests-from-slack). Bolt refuses old ones
 * only, so one replayed with a forged future timestamp would pass; this refuses those too.
 */
export const SLACK_REQUEST_WINDOW_SECONDS = 5 * 60;

/** Bolt's HTTP receiver, refusing requests whose timestamp lies in the future beyond the window. */
export function slackHttpReceiver(signingSecret: string, logger: BoltLogger): HTTPReceiver {
  const receiver = new HTTPReceiver({ signingSecret, endpoints: "/slack/events", logger });
  const listener = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    const sent = Number(req.headers["x-slack-request-timestamp"]);
    if (Number.isFinite(sent) && sent - Date.now() / 1000 > SLACK_REQUEST_WINDOW_SECONDS) {
      logger.warn("refused a Slack request timestamped in the future");
      res.writeHead(401).end();
      return;
    }
    listener(req, res);
  };
  return receiver;
}
