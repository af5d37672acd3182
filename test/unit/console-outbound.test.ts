import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { reply } from "../../src/core/reply.js";
import type { Locale } from "../../src/core/locale.js";
import { consoleOutboundPort } from "../../src/platforms/console/outbound.js";

describe("the console's notifications", () => {
  const printed = async (locale: Locale, ref: string | null) => {
    const output = new PassThrough();
    const chunks: string[] = [];
    output.on("data", (chunk: Buffer) => chunks.push(chunk.toString()));
    await consoleOutboundPort(output).send({
      id: 1,
      uncertain: false,
      workspace: { id: 1, platform: "console", externalId: "console" },
      to: { kind: "user", externalId: "console:王伟", name: "王伟" },
      reply: { ...reply({ type: "heading", text: "YJ-0001" }), locale },
      ref,
    });
    return chunks.join("").split("\n")[0];
  };

  it("marks a post updated in place in the reader's language", async () => {
    expect(await printed("zh-CN", null)).toBe("🔔 → @王伟");
    expect(await printed("zh-CN", "console-1")).toBe("🔔 → @王伟（已更新）");
    expect(await printed("en", "console-1")).toBe("🔔 → @王伟 (updated)");
  });
});
