// Builds a realistic workspace to measure on or to explore:
//   npm run bench:data -- --customers 100000 [--orders N] [--visits N] [--complaints N] [--replace]
// into the console workspace of DATABASE_URL (default file:./data/bench.db, never the bot's own
// file unless asked), so that `DATABASE_URL=file:./data/bench.db npm start` talks to it.
import { performance } from "node:perf_hooks";
import { CONSOLE_WORKSPACE } from "../src/application/app.js";
import { loadConfig } from "../src/config.js";
import { openDatabase } from "../src/db/client.js";
import { ensureUser, ensureWorkspace } from "../src/domain/workspaces.js";
import { BENCH_NOW } from "./clock.js";
import { numberFlag } from "./support.js";
import { generateWorkspace, sizeFor } from "./workspace-data.js";

const DEFAULT_URL = "file:./data/bench.db";

const config = loadConfig({ ...process.env, DATABASE_URL: process.env.DATABASE_URL || DEFAULT_URL });
const customers = numberFlag("customers", 100_000);
const size = sizeFor(customers, {
  orders: numberFlag("orders", customers * 10),
  visits: numberFlag("visits", customers * 3),
  complaints: numberFlag("complaints", Math.ceil(customers / 100)),
});
// The figures are for a fixed day, so that two runs compare; --today generates around the real one.
const now = process.argv.includes("--today") ? new Date() : BENCH_NOW;

const db = await openDatabase(config.databaseUrl);
let workspace = await ensureWorkspace(db.prisma, CONSOLE_WORKSPACE, config);
const existing = await db.prisma.customer.count({ where: { workspaceId: workspace.id } });
if (existing > 0) {
  if (!process.argv.includes("--replace")) {
    console.error(
      `The console workspace of ${config.databaseUrl} already has ${existing} customers. Add --replace to delete it and generate anew.`,
    );
    await db.close();
    process.exit(1);
  }
  await db.prisma.workspace.delete({ where: { id: workspace.id } });
  workspace = await ensureWorkspace(db.prisma, CONSOLE_WORKSPACE, config);
}
const admin = await ensureUser(
  db.prisma,
  workspace.id,
  { externalId: `console:${config.console.user}`, name: config.console.user },
  { role: "admin" },
);

const started = performance.now();
const generated = await generateWorkspace(db, workspace, admin, size, now);
const seconds = ((performance.now() - started) / 1000).toFixed(1);
console.log(`Generated in ${seconds} s on ${config.databaseUrl}:`);
console.log(
  `  ${Object.entries(generated.counts)
    .map(([k, v]) => `${k} ${v.toLocaleString("en")}`)
    .join(", ")}`,
);
console.log(`  a busy rep: ${generated.rep.name} (manager ${generated.manager.name}); admin: ${admin.name}`);
console.log(`Explore it: DATABASE_URL=${config.databaseUrl} npm start -- --user ${generated.rep.name}`);
await db.close();
