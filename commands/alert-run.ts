import { line } from "../src/views/command-line.js";
import { phrase } from "../src/core/messages.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["alert", "run"],
  role: "admin",
  args: {},
  async handle({ services, t, progress }) {
    progress(t("alert.run.started"));
    const outcomes = await services.alerts.run();
    const totals = Object.values(outcomes).reduce(
      (sum, o) => ({ opened: sum.opened + o.opened, resolved: sum.resolved + o.resolved }),
      { opened: 0, resolved: 0 },
    );
    return reply(
      { type: "heading", text: t("alert.run.done", totals) },
      {
        type: "list",
        items: Object.entries(outcomes).map(([rule, o]) => ({
          title: phrase(t, "vocab.alertRule", rule),
          detail: t("alert.run.line", { ...o }),
        })),
      },
      { type: "buttons", buttons: [{ label: t("alert.run.list"), command: line("alert list", { who: "team" }) }] },
    );
  },
});
