import { Writable } from "node:stream";
import fc from "fast-check";
import iconv from "iconv-lite";
import { pino } from "pino";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { commands } from "../commands/index.js";
import { Router } from "../src/application/router.js";
import { zhCN } from "../src/i18n/locales/zh-CN.js";
import { testProviders } from "./support/databases.js";
import { Harness, NOW, type TestUser } from "./support/harness.js";

/**
 * How many random command lines each run sends: `FUZZ_RUNS=30000 npx vitest run test/fuzz.test.ts`
 * for a long run; `FUZZ_SEED=random` for new inputs, `FUZZ_SEED=<seed>` to replay a reported failure.
 */
const RUNS = Number(process.env.FUZZ_RUNS ?? 1500);

function keys(tree: object, prefix = ""): string[] {
  return Object.entries(tree).flatMap(([k, v]) =>
    typeof v === "string" ? [`${prefix}${k}`] : keys(v as object, `${prefix}${k}.`),
  );
}
const MESSAGE_KEYS = keys(zhCN).filter((k) => k.split(".").length > 2 || /[A-Z]/.test(k));

/** Only the other workspace holds these. */
const SECRETS = ["秘密甲方ZQX", "13911112222", "保密内容ZQX"];

/** What a hostile or careless user types: other scripts, full-width forms, huge values, injections, ids of another workspace. */
const NASTY = [
  '\'; DROP TABLE "Customer"; --',
  '" OR 1=1 --',
  // biome-ignore lint/suspicious/noTemplateCurlyInString: a log-injection probe, meant literally
  "${jndi:ldap://x}",
  "<script>alert(1)</script>",
  "%00",
  "\u0000",
  "\u202e反转",
  "😀🇨🇳",
  "１２３",
  "：",
  "“未闭合",
  "「引号」",
  "　",
  "\t",
  "\n",
  "9".repeat(40),
  "-1",
  "1e309",
  "NaN",
  "0x10",
  "2026-02-30",
  "9999-99-99",
  "+99999d",
  "TS-0001",
  "YJ-0001",
  "HF-0001",
  "C0001",
  "C9999",
  "秘密甲方",
  "ZQX",
  "全部",
  "team",
  "public",
  "help",
  "page:999999",
  "a".repeat(5000),
  "customer:",
  ":",
  "::",
  "key:value",
  "金额：-5",
  "授信额度：1e9万",
  "who:外人",
  "month:2026-13",
  "date:明天",
  "回访：昨天",
];

describe.each(testProviders())("hostile input through the router on %s", (provider) => {
  let h: Harness;
  let users: TestUser[];
  let failures: unknown[];
  let router: Router;

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    const admin = await h.user(ws.id, "管理员", "admin");
    const manager = await h.user(ws.id, "李经理", "manager");
    const rep = await h.user(ws.id, "王伟", "rep", { manager });
    users = [admin, manager, rep];
    await h.say(admin, "/customer add 北京华达商贸 type:dealer owner:王伟");
    await h.say(rep, "/visit log 华达 谈了新品 承诺:送样品");
    await h.say(rep, "/complaint file 华达 质量 破损");
    // Another workspace whose data must never show.
    const other = await h.workspace("T-SECRET", "slack");
    const outsider = await h.user(other.id, "外人", "admin");
    // Its C0001, TS-0001 and YJ-0001 share their ids with this workspace's.
    await h.say(outsider, "/customer add 秘密甲方ZQX type:dealer 电话:13911112222");
    await h.say(outsider, "/complaint file 秘密甲方ZQX 质量 保密内容ZQX");
    await h.say(outsider, "/customer edit 秘密甲方ZQX 授信额度:1");
    await h.say(outsider, "/order add 秘密甲方ZQX 500");
    // Failures the router logs are unhandled errors: collect them instead of printing.
    failures = [];
    const sink = new Writable({
      write: (line, _enc, done) => {
        failures.push(JSON.parse(String(line)));
        done();
      },
    });
    router = new Router({ prisma: h.prisma, commands, logger: pino({ level: "error" }, sink), now: () => NOW });
  });
  afterAll(() => h.close());

  const lastQueued = async () => (await h.prisma.outboxMessage.aggregate({ _max: { id: true } }))._max.id ?? 0;
  /** A CSV as a spreadsheet reads it (UTF-8 with a BOM, or GBK); other files (charts) by their bytes. */
  const fileText = (file: { mime: string; data: Uint8Array }) =>
    file.mime !== "text/csv"
      ? Buffer.from(file.data).toString("latin1")
      : Buffer.from(file.data)[0] === 0xef
        ? Buffer.from(file.data).toString("utf8")
        : iconv.decode(Buffer.from(file.data), "gb18030");

  it("drops control characters from what users type: PostgreSQL cannot store a NUL (found by this test)", async () => {
    const [admin] = users;
    const reply = await router.run(
      { workspaceId: admin!.workspaceId, userId: admin!.id },
      "/customer add 天津\u0000\u0007宏发商行 type:dealer",
    );
    expect(reply.tone).toBe("ok");
    expect(await h.prisma.customer.count({ where: { name: "天津宏发商行" } })).toBe(1);
  });

  it(
    `answers ${RUNS} random and adversarial command lines: never an unhandled error, always translated, never another workspace's data, nothing written when refused`,
    async () => {
      const paths = commands.map((c) => `/${c.path.join(" ")}`);
      const token = fc.oneof(
        fc.constantFrom(...NASTY),
        fc.string({ unit: "grapheme", maxLength: 12 }),
        fc.string({ unit: "binary", maxLength: 8 }),
        fc.integer().map(String),
      );
      const random = fc
        .tuple(
          fc.constantFrom(...paths),
          fc.array(
            fc.oneof(
              token,
              fc
                .tuple(fc.constantFrom("customer", "金额", "date", "who", "id", "page", "status"), token)
                .map(([k, v]) => `${k}:${v}`),
            ),
            { maxLength: 6 },
          ),
        )
        .map(([path, words]) => `${path} ${words.join(" ")}`);
      // The commands' own examples, as they are and with a hostile word added: lines that get past
      // the parser, change data, make files (exports, charts) and queue notifications to check.
      const examples = commands.flatMap((c) => (c.examples ?? []).map((e) => `/${c.path.join(" ")} ${e}`));
      const example = fc.oneof(
        fc.constantFrom(...examples),
        fc.tuple(fc.constantFrom(...examples), token).map(([e, t]) => `${e} ${t}`),
      );
      const line = fc.oneof({ arbitrary: random, weight: 3 }, { arbitrary: example, weight: 1 });
      const examined = { files: 0, notifications: 0 };
      const check = async (text: string, who: number) => {
        const user = users[who]!;
        failures.length = 0;
        const before = await h.counts();
        const queuedBefore = await lastQueued();
        const reply = await router.run({ workspaceId: user.workspaceId, userId: user.id }, text);
        expect(failures, `unhandled error for ${JSON.stringify(text)}`).toEqual([]);
        // What the user reads: the reply, the files that come with it, and the notifications it queued for others.
        const queued = await h.prisma.outboxMessage.findMany({ where: { id: { gt: queuedBefore } } });
        examined.files += reply.files?.length ?? 0;
        examined.notifications += queued.length;
        const read: [what: string, content: string][] = [
          ["reply", JSON.stringify(reply.blocks)],
          ...(reply.files ?? []).map((f): [string, string] => [`file ${f.name}`, fileText(f)]),
          ...queued.map((m): [string, string] => [`notification to ${m.target}`, m.payload]),
        ];
        for (const [what, content] of read) {
          for (const key of MESSAGE_KEYS)
            if (content.includes(`"${key}"`) || content.includes(` ${key} `))
              throw new Error(`untranslated ${key} in the ${what} for ${JSON.stringify(text)}`);
          // The other workspace's data, unless the user typed it themselves (a search echoes its query).
          for (const secret of SECRETS)
            if (!text.includes(secret))
              expect(content, `another workspace's ${secret} in the ${what} for ${JSON.stringify(text)}`).not.toContain(
                secret,
              );
        }
        expect(
          queued.filter((m) => m.workspaceId !== user.workspaceId),
          `${JSON.stringify(text)} queued a notification in another workspace`,
        ).toEqual([]);
        if (reply.tone === "error")
          expect(await h.counts(), `a refused ${JSON.stringify(text)} wrote something`).toEqual(before);
      };
      // Every example once by each role first, so files and notifications are examined whatever the seed draws.
      for (const text of examples) for (const who of [0, 1, 2]) await check(text, who);
      await fc.assert(
        fc.asyncProperty(line, fc.constantFrom(0, 1, 2), check),
        // A fixed seed keeps CI reproducible; FUZZ_SEED=random (or any number) explores further.
        {
          numRuns: RUNS,
          ...(process.env.FUZZ_SEED === "random" ? {} : { seed: Number(process.env.FUZZ_SEED ?? 20261125) }),
        },
      );
      // The checks ran on files and notifications too, not only on replies.
      expect(examined.files).toBeGreaterThan(0);
      expect(examined.notifications).toBeGreaterThan(0);
    },
    Math.max(600_000, RUNS * 40),
  );
});
