// npm run bench [-- --customers N]: every benchmark in turn, each in a process of its own, so that
// one's memory and warm caches do not colour the next one's figures.
import { execFileSync } from "node:child_process";
import { benchScript } from "./paths.js";

const BENCHES: [title: string, file: string][] = [
  ["command latency, the early-warning sweep and memory, on a generated company", "latency"],
  ["a large CSV import while a rep keeps working: time, memory, stalls", "import"],
  ["ABC segmentation", "abc"],
  ["Slack slash commands over HTTP, against a bare Bolt app", "slack-throughput"],
  ["alert delivery within Slack's per-channel limit", "delivery"],
];

for (const [title, file] of BENCHES) {
  console.log(`\n== ${title} (bench/${file}.ts) ==`);
  execFileSync(process.execPath, [...process.execArgv, benchScript(import.meta.url, file), ...process.argv.slice(2)], {
    stdio: "inherit",
  });
}
