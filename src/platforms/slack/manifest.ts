import { commandDescription } from "../../core/command-texts.js";
import { commandKey } from "../../core/command-shape.js";
import type { AnyCommand } from "../../application/command.js";
import { type Translate, phrase } from "../../core/messages.js";
import { FORM_CALLBACK_PREFIX } from "./forms.js";

/** What the bot asks Slack for, each used by src/platforms/slack/*. */
export const SLACK_BOT_SCOPES = [
  "commands", // the slash commands
  "chat:write", // replies, alerts and digests, and their updates in place
  "im:write", // opening a user's direct messages for charts and exports
  "im:history", // commands and CSV files sent to the bot in direct messages
  "files:read", // downloading those CSV files
  "files:write", // uploading charts and exports
  "users:read", // a new user's name and language
  "channels:read", // whether the bot is in a public channel an alert route names
  "groups:read", // the same for a private channel it was invited to
  "channels:join", // joining a public channel an alert route names, instead of failing to post there
  "channels:history", // after a crash, finding a post in its channel before posting it again
  "groups:history", // the same in a private channel
] as const;

/**
 * The Slack app manifest, from the command registry: one slash command per command group (its
 * subcommands in the usage hint), a global shortcut per form, the scopes above, interactivity,
 * and Socket Mode on. `manifest.yml` is this, written by `npm run slack:manifest` and checked by a test.
 */
export function slackManifest(commands: readonly AnyCommand[], t: Translate) {
  const groups = [...new Set(commands.map((c) => c.path[0]))];
  return {
    display_information: {
      name: t("slack.appName"),
      description: t("slack.appDescription"),
      background_color: "#1f4e79",
    },
    features: {
      app_home: { home_tab_enabled: true, messages_tab_enabled: true, messages_tab_read_only_enabled: false },
      bot_user: { display_name: "crm", always_online: true },
      shortcuts: commands
        .filter((c) => c.form)
        .map((c) => ({
          name: phrase(t, "forms", commandKey(c)).slice(0, 24),
          type: "global",
          callback_id: `${FORM_CALLBACK_PREFIX}${commandKey(c)}`,
          description: commandDescription(t, c).slice(0, 150),
        })),
      slash_commands: groups.map((group) => {
        const members = commands.filter((c) => c.path[0] === group);
        const single = members.length === 1 && members[0]!.path.length === 1;
        return {
          command: `/${group}`,
          description: (single
            ? commandDescription(t, members[0]!)
            : t("platform.groupDescription", { subs: members.map((c) => c.path.slice(1).join(" ")).join(" | ") })
          ).slice(0, 2000),
          usage_hint: (single
            ? t("slack.singleHint")
            : members.map((c) => c.path.slice(1).join(" ")).join(" | ")
          ).slice(0, 1000),
          should_escape: false,
        };
      }),
    },
    oauth_config: { scopes: { bot: [...SLACK_BOT_SCOPES] } },
    settings: {
      // member_joined_channel: the bot was invited where posts wait for it.
      // app_uninstalled, tokens_revoked: a workspace's tokens are forgotten when it removes the bot.
      // app_home_opened: the App Home tab shows the user's /today.
      event_subscriptions: {
        bot_events: ["message.im", "member_joined_channel", "app_uninstalled", "tokens_revoked", "app_home_opened"],
      },
      interactivity: { is_enabled: true },
      org_deploy_enabled: false,
      socket_mode_enabled: true,
      token_rotation_enabled: false,
    },
  };
}
