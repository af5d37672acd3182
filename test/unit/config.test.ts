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

describe("configuration for Feishu", () => {
  const app = { FEISHU_APP_ID: "cli_a1b2c3d4e5f60718", FEISHU_APP_SECRET: "feishu-secret-0123" };

  it("runs over the long connection from the app's id and secret, on Feishu, Lark or a given base URL", () => {
    expect(loadConfig(app).feishu).toEqual({
      appId: "cli_a1b2c3d4e5f60718",
      appSecret: "feishu-secret-0123",
      domain: "https://open.feishu.cn",
      http: undefined,
    });
    expect(loadConfig({ ...app, FEISHU_DOMAIN: "lark" }).feishu?.domain).toBe("https://open.larksuite.com");
    expect(loadConfig({ ...app, FEISHU_DOMAIN: "http://127.0.0.1:8080/" }).feishu?.domain).toBe(
      "http://127.0.0.1:8080",
    );
    expect(loadConfig({}).feishu).toBeUndefined();
  });

  it("refuses what cannot work, naming the variable: a malformed app id, one of a pair, an unknown domain", () => {
    expect(() => loadConfig({ ...app, FEISHU_APP_ID: "a1b2c3" })).toThrow(/FEISHU_APP_ID: must be the app's App ID/);
    expect(() => loadConfig({ FEISHU_APP_ID: app.FEISHU_APP_ID })).toThrow(/FEISHU_APP_ID and FEISHU_APP_SECRET/);
    expect(() => loadConfig({ ...app, FEISHU_DOMAIN: "dingtalk" })).toThrow(/FEISHU_DOMAIN: must be feishu, lark/);
    // Unsigned webhooks could be forged: HTTP mode takes the encrypt key and the token together.
    expect(() => loadConfig({ ...app, FEISHU_VERIFICATION_TOKEN: "v-token" })).toThrow(
      /FEISHU_ENCRYPT_KEY and FEISHU_VERIFICATION_TOKEN: set both/,
    );
  });

  it("serves events on PORT in HTTP mode, where /healthz and /metrics are too", () => {
    const http = { ...app, FEISHU_ENCRYPT_KEY: "key", FEISHU_VERIFICATION_TOKEN: "token", PORT: "3100" };
    expect(loadConfig(http).feishu?.http).toEqual({ encryptKey: "key", verificationToken: "token", port: 3100 });
    expect(() => loadConfig({ ...http, METRICS_PORT: "3100" })).toThrow(/METRICS_PORT: the HTTP port \(PORT\)/);
  });
});

describe("configuration for DingTalk", () => {
  it("runs over Stream mode from the app's key and secret, its robot the app's unless named, its API overridable", () => {
    const app = { DINGTALK_CLIENT_ID: "dingabcdefghijklmnop", DINGTALK_CLIENT_SECRET: "dingtalk-secret-0123" };
    expect(loadConfig(app).dingtalk).toEqual({
      clientId: "dingabcdefghijklmnop",
      clientSecret: "dingtalk-secret-0123",
      robotCode: "dingabcdefghijklmnop",
      apiUrl: "https://api.dingtalk.com",
      oapiUrl: "https://oapi.dingtalk.com",
      cardTemplateId: "1366a1eb-bc54-4859-ac88-517c56a9acb1.schema",
    });
    expect(
      loadConfig({
        ...app,
        DINGTALK_ROBOT_CODE: "robot1",
        DINGTALK_API_URL: "http://127.0.0.1:9/",
        DINGTALK_CARD_TEMPLATE_ID: "our-alert-card.schema",
      }).dingtalk,
    ).toMatchObject({
      robotCode: "robot1",
      apiUrl: "http://127.0.0.1:9",
      oapiUrl: "http://127.0.0.1:9",
      cardTemplateId: "our-alert-card.schema",
    });
    // Robot messages instead of cards: alerts are then posted again when they change.
    expect(loadConfig({ ...app, DINGTALK_CARD_TEMPLATE_ID: "off" }).dingtalk?.cardTemplateId).toBeUndefined();
    expect(() => loadConfig({ DINGTALK_CLIENT_ID: app.DINGTALK_CLIENT_ID })).toThrow(
      /DINGTALK_CLIENT_ID and DINGTALK_CLIENT_SECRET: set both, or neither/,
    );
    expect(loadConfig({}).dingtalk).toBeUndefined();
  });
});
