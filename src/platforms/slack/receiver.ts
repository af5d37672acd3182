import type { IncomingMessage, ServerResponse } from "node:http";
import { HTTPReceiver, type InstallationStore, type Logger as BoltLogger } from "@slack/bolt";

/**
 * Slack signs each request with its time; a request more than five minutes from now either way
 * is refused (api.slack.com/authentication/verifying-requests-from-slack). Bolt refuses old ones
 * only, so one replayed with a forged future timestamp would pass; this refuses those too.
 */
export const SLACK_REQUEST_WINDOW_SECONDS = 5 * 60;

/** Where Slack's OAuth flow starts and returns (to be set as the app's redirect URL). */
export const SLACK_INSTALL_PATH = "/slack/install";
export const SLACK_REDIRECT_PATH = "/slack/oauth_redirect";

/**
 * Bolt's HTTP receiver, refusing requests whose timestamp lies in the future beyond the window.
 * With `oauth` it also serves the install flow (Bolt's InstallProvider) and authorizes each event
 * with its workspace's own installation. `otherRoutes` serves paths of the process's own first
 * (the operator's health and metrics), which Slack never calls.
 */
export function slackHttpReceiver(
  signingSecret: string,
  logger: BoltLogger,
  oauth?: {
    clientId: string;
    clientSecret: string;
    stateSecret: string;
    scopes: string[];
    installationStore: InstallationStore;
    /** The Web API base for oauth.v2.access, as for every other call. */
    clientOptions: { slackApiUrl?: string };
  },
  otherRoutes?: (req: IncomingMessage, res: ServerResponse) => boolean,
): HTTPReceiver {
  const receiver = new HTTPReceiver({
    signingSecret,
    endpoints: "/slack/events",
    logger,
    ...(oauth
      ? {
          clientId: oauth.clientId,
          clientSecret: oauth.clientSecret,
          stateSecret: oauth.stateSecret,
          scopes: oauth.scopes,
          installationStore: oauth.installationStore,
          installerOptions: {
            installPath: SLACK_INSTALL_PATH,
            redirectUriPath: SLACK_REDIRECT_PATH,
            clientOptions: oauth.clientOptions,
          },
        }
      : {}),
  });
  const listener = receiver.requestListener;
  receiver.requestListener = (req: IncomingMessage, res: ServerResponse) => {
    if (otherRoutes?.(req, res)) return;
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
