import type { Writable } from "node:stream";
import type { Delivery, OutboundPort } from "../../outbound/port.js";
import { renderText } from "./render.js";
import { translator } from "../../i18n/index.js";

/**
 * The console's outbound port: everyone in the console workspace shares one terminal, so each
 * notification is printed with whom it is for. An update in place is printed again, marked.
 */
export function consoleOutboundPort(output: Writable): OutboundPort {
  let posted = 0;
  return {
    async send(delivery: Delivery) {
      const to = delivery.to.kind === "user" ? `@${delivery.to.name}` : `#${delivery.to.channelId.replace(/^#/, "")}`;
      const ref = delivery.ref ?? `console-${++posted}`;
      const mark = delivery.ref ? translator(delivery.reply.locale ?? "zh-CN")("console.updated") : "";
      const text = `🔔 → ${to}${mark}\n${renderText(delivery.reply, { numberButtons: false }).text}\n\n`;
      // Sent once the text is out of this process: a pipe whose reader lags takes writes into a
      // buffer here, and a crash would lose what the outbox had already marked as sent.
      await new Promise<void>((resolve, reject) => output.write(text, (error) => (error ? reject(error) : resolve())));
      return { ref };
    },
  };
}
