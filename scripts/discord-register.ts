// Registers the bot's application commands with Discord:  npm run discord:register
// With DISCORD_GUILD_ID, for that one server (at once); without, globally (Discord takes a while).
import { REST, Routes } from "discord.js";
import { commands } from "../commands/index.js";
import { ConfigError, loadConfig } from "../src/config.js";
import { discordCommands } from "../src/platforms/discord/commands.js";

const config = loadConfig(process.env);
if (!config.discord) throw new ConfigError("Set DISCORD_TOKEN and DISCORD_APPLICATION_ID to register the commands.");
const { token, applicationId, guildId, apiUrl } = config.discord;
const rest = new REST(apiUrl ? { api: apiUrl } : {}).setToken(token);
const body = discordCommands(commands);
await rest.put(
  guildId ? Routes.applicationGuildCommands(applicationId, guildId) : Routes.applicationCommands(applicationId),
  { body },
);
console.log(`Registered ${body.length} commands ${guildId ? `for server ${guildId}` : "globally"}.`);
