// Writes manifest.yml, the Slack app manifest, from the command registry:  npm run slack:manifest
// A test fails when the committed file and the registry disagree.
import { writeFileSync } from "node:fs";
import { stringify } from "yaml";
import { commands } from "../commands/index.js";
import { translator } from "../src/i18n/index.js";
import { slackManifest } from "../src/platforms/slack/manifest.js";

export function manifestYaml(): string {
  const header =
    "# The Slack app manifest: create the app from it at api.slack.com/apps (see README).\n# Generated from commands/ by `npm run slack:manifest`; do not edit by hand.\n";
  return header + stringify(slackManifest(commands, translator("zh-CN")), { lineWidth: 0 });
}

if (import.meta.url === `file://${process.argv[1]}`) {
  writeFileSync(new URL("../manifest.yml", import.meta.url), manifestYaml());
  console.log("wrote manifest.yml");
}
