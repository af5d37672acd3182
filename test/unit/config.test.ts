import { describe, expect, it } from "vitest";
import { Sealer } from "../../src/application/sealer.js";
import { loadConfig } from "../../src/config.js";

const key = Buffer.alloc(32, 9).toString("base64");
const oauth = {
  SLACK_CLIENT_ID: "1234.5678",
  SLACK_CLIENT_SECRET: "client-secret-0123",
  SLACK_STATE_SECRET: "state-secret-0123456789",
  SLACK_SIGNING_SECRET: "8f742231b10e8888abcd99yyyzzz85a5",
};

describe("configuration for many Slack workspaces", () => {
  it("refuses to start without a key to seal tokens with, and says why and how to make one", () => {
    expect(() => loadConfig(oauth)).toThrow(
      /CRM_SECRET_KEY: required with SLACK_CLIENT_ID, to seal each workspace's tokens at rest \(openssl rand -base64 32\)/,
    );
    expect(() => loadConfig({ ...oauth, CRM_SECRET_KEY: "too-short" })).toThrow(/CRM_SECRET_KEY: must be 32 bytes/);
    expect(() => loadConfig({ ...oauth, CRM_SECRET_KEY: key, SLACK_BOT_TOKEN: "xoxb-1" })).toThrow(
      /SLACK_BOT_TOKEN: leave it unset with SLACK_CLIENT_ID/,
    );
    expect(loadConfig({ ...oauth, CRM_SECRET_KEY: key }).slack).toMatchObject({
      botToken: undefined,
      oauth: { clientId: "1234.5678" },
    });
  });

  it("seals with AES-256-GCM: a fresh nonce each time, and a changed value refuses to open", () => {
    const sealer = new Sealer(key);
    const [one, two] = [sealer.seal("xoxb-secret"), sealer.seal("xoxb-secret")];
    expect(one).not.toBe(two);
    expect(sealer.open(one)).toBe("xoxb-secret");
    const tampered = `${one.slice(0, -4)}${one.slice(-4) === "AAAA" ? "BBBB" : "AAAA"}`;
    expect(() => sealer.open(tampered)).toThrow();
    expect(() => new Sealer(Buffer.alloc(32, 1).toString("base64")).open(one)).toThrow();
  });
});

describe("configured limits", () => {
  it("takes the defaults, lower caps, and refuses an amount cap above the one that keeps sums exact", () => {
    expect(loadConfig({}).limits).toEqual({
      importRows: 1_000_000,
      uploadBytes: 50 * 1024 * 1024,
      amount: 10_000_000_000_00n,
    });
    expect(loadConfig({ CRM_MAX_AMOUNT: "50000", CRM_MAX_UPLOAD_MB: "5", CRM_MAX_IMPORT_ROWS: "1000" }).limits).toEqual(
      { importRows: 1_000, uploadBytes: 5 * 1024 * 1024, amount: 50_000_00n },
    );
    expect(() => loadConfig({ CRM_MAX_AMOUNT: "20000000000" })).toThrow(/CRM_MAX_AMOUNT/);
  });
});

describe("the operator's port", () => {
  it("serves health and metrics on a port of its own, and refuses the one Slack's HTTP mode already serves them on", () => {
    expect(loadConfig({ METRICS_PORT: "9464" }).metricsPort).toBe(9464);
    expect(loadConfig({}).metricsPort).toBeUndefined();
    const slackHttp = { SLACK_BOT_TOKEN: "xoxb-1", SLACK_SIGNING_SECRET: "8f742231b10e8888abcd", PORT: "3000" };
    expect(() => loadConfig({ ...slackHttp, METRICS_PORT: "3000" })).toThrow(
      /METRICS_PORT: the HTTP port \(PORT\) already serves \/healthz and \/metrics/,
    );
    expect(loadConfig({ ...slackHttp, METRICS_PORT: "9464" }).metricsPort).toBe(9464);
    // Over Socket Mode Slack serves no HTTP: the same number is free.
    expect(loadConfig({ ...slackHttp, SLACK_APP_TOKEN: "xapp-1", METRICS_PORT: "3000" }).metricsPort).toBe(3000);
  });
});
