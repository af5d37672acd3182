import { phrase } from "../src/core/messages.js";
import { defineCommand } from "../src/application/command.js";
import { reply } from "../src/core/reply.js";

export default defineCommand({
  path: ["alert", "route", "list"],
  role: "rep",
  args: {},
  async handle({ services, t }) {
    const routes = await services.alerts.routes();
    return reply({
      type: "list",
      title: t("alert.route.title"),
      empty: t("alert.route.none"),
      items: routes.map((r) => ({
        title: `#${r.id} · ${r.channelId}`,
        detail: [
          phrase(t, "vocab.routePurpose", r.purpose),
          r.region && `${t("field.region")} ${r.region}`,
          r.rule && phrase(t, "vocab.alertRule", r.rule),
        ]
          .filter(Boolean)
          .join(" · "),
      })),
    });
  },
});
