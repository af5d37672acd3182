// npm run bench [-- --customers N]: every benchmark in turn, each in a process of its own, so that
// one's memory and warm caches do not colour the next one's figures.
import { execFileSync } from "node:child_process";
import { fileURLToPath } from "node:url";

const BENCHES: [title: string, file: string][] = [
  ["command latency, the early-warning sweep and memory, on a generated company", "latency.ts"],
  ["CSV import and ABC segmentation", "import-abc.ts"],
  ["Slack slash commands over HTTP, against a bare Bolt app", "slack-throughput.ts"],
];

for (const [title, file] of BENCHES) {
  console.log(`\n== ${title} (bench/${file}) ==`);
  execFileSync(process.execPath, [...process.execArgv, fileURLToPath(new URL(file, import.meta.url)), ...process.argv.slice(2)], { stdio: "inherit" });
}
