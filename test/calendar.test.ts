import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { escalateOverdueComplaints } from "../src/domain/complaints/escalation.js";
import { runDueWorkspaceJobs } from "../src/jobs/workspace-jobs.js";
import { createLogger } from "../src/logger.js";
import { testProviders } from "./support/databases.js";
import { Harness, NOW, type TestUser } from "./support/harness.js";

/** An instant in Shanghai time, 2026. */
const at = (text: string) => new Date(`2026-${text}:00+08:00`);

/*
 * 2026's National Day week as China's State Council set it (and chinese-days has it): 10-01 (Thu)
 * to 10-07 (Wed) off, Sunday 09-20 and Saturday 10-10 worked in exchange (调休).
 */
describe.each(testProviders())("the working calendar on %s", (provider) => {
  let h: Harness;
  let admin: TestUser;
  let manager: TestUser;
  let wang: TestUser;
  let workspaceId: number;

  const complaint = (number: number) => h.prisma.complaint.findFirstOrThrow({ where: { number } });
  const jobsRun = async () =>
    (await runDueWorkspaceJobs(h.prisma, h.now, createLogger("silent")))
      .filter((r) => r.workspaceId === workspaceId)
      .map((r) => r.job)
      .sort();

  beforeAll(async () => {
    h = await Harness.open(provider);
    const ws = await h.workspace();
    workspaceId = ws.id;
    admin = await h.user(ws.id, "管理员", "admin");
    manager = await h.user(ws.id, "李经理", "manager");
    wang = await h.user(ws.id, "王伟", "rep", { manager });
    await h.say(admin, "/customer add 北京华达商贸 type:dealer owner:王伟");
  });
  afterEach(() => {
    h.now = NOW;
  });
  afterAll(() => h.close());

  it("shows a Shanghai workspace China's holidays and the weekend days worked for them", async () => {
    h.now = at("09-15T10:00");
    const zh = await h.say(wang, "/crm calendar");
    expect(zh).toContain("工作日按：中国的法定节假日和调休（按时区 Asia/Shanghai）");
    expect(zh).toContain("今天：工作日");
    expect(zh).toContain("下一个工作日：9月16日（周三）");
    expect(zh).toContain("国庆节  9月20日（周日）上班（调休）");
    expect(zh).toContain("国庆节  10月1日（周四）至10月7日（周三）放假");
    expect(zh).toContain("国庆节  10月10日（周六）上班（调休）");
    expect(zh).not.toContain("还没公布");

    h.now = at("10-02T10:00");
    const en = await h.say(await h.user(workspaceId, "Amy", "rep", { locale: "en" }), "/crm calendar");
    expect(en).toContain("Today: a day off (National Day)");
    expect(en).toContain("Next working day: October 8 (Thu)");
    expect(en).toContain("National Day  October 10 (Sat) worked (make-up day)");
  });

  it("counts complaint deadlines in working days around 国庆, the Saturday worked for it included", async () => {
    h.now = at("09-30T10:00");
    expect(await h.say(wang, "/complaint file 华达 质量 外箱破损")).toContain("本步期限：2026/10/08 10:00");
    expect((await complaint(1)).stepDueAt).toEqual(at("10-08T10:00"));
    h.now = at("10-08T09:00");
    await h.say(wang, "/complaint validate TS-0001 属实");
    // Three working days from receipt: Thursday 10-08, Friday 10-09 and Saturday 10-10.
    expect((await complaint(1)).stepDueAt).toEqual(at("10-10T10:00"));

    h.now = at("09-19T15:00"); // a Saturday: the next working day is the Sunday worked for 国庆
    await h.say(wang, "/complaint file 华达 包装 纸箱受潮");
    expect((await complaint(2)).stepDueAt).toEqual(at("09-20T15:00"));
  });

  it("escalates to the admins only after working days: the holiday does not count", async () => {
    h.now = at("09-30T09:00");
    await h.say(wang, "/complaint file 华达 服务 送货晚了");
    const escalatedAt = async (when: string) => {
      h.now = at(when);
      await escalateOverdueComplaints(h.prisma, h.now);
      return (await complaint(3)).escalationLevel;
    };
    expect(await escalatedAt("10-07T18:00")).toBe(0);
    expect(await escalatedAt("10-08T09:30")).toBe(1);
    // Two working days after the manager was told: Friday 10-09 and the Saturday worked, 10-10.
    expect(await escalatedAt("10-10T09:00")).toBe(1);
    expect(await escalatedAt("10-10T09:30")).toBe(2);
  });

  it("sends the working-day morning list on the Saturday worked, not during the holiday", async () => {
    h.now = at("10-01T08:00"); // Thursday, National Day
    expect(await jobsRun()).toEqual(["sweep"]);
    h.now = at("10-09T08:00"); // Friday
    expect(await jobsRun()).toEqual(["morning", "sweep"]);
    h.now = at("10-09T16:00");
    expect(await jobsRun()).toEqual(["sweep", "weekly"]);
    h.now = at("10-10T08:00"); // Saturday, worked for the holiday
    expect(await jobsRun()).toEqual(["morning", "sweep"]);
    h.now = at("10-11T08:00"); // Sunday
    expect(await jobsRun()).toEqual(["sweep"]);
  });

  it("lets only an admin choose another calendar, by name or code, and refuses one it does not know", async () => {
    expect(await h.say(wang, "/crm calendar 新加坡")).toContain("只有管理员可以修改这些设置。");
    expect(await h.say(admin, "/crm calendar 火星")).toContain(
      "不认识“火星”这个国家或地区。可以写中国、CN、新加坡、SG 等两位国家代码，或“无”（只按周一至周五）。",
    );
    expect(await h.prisma.workspaceSetting.count({ where: { key: "calendar" } })).toBe(0);

    h.now = at("09-30T10:00");
    const none = await h.say(admin, "/crm calendar 无");
    expect(none).toContain("已更新工作日历");
    expect(none).toContain("工作日按：周一至周五（不排除节假日）");
    expect(none).toContain("没有节假日。");
    await h.say(wang, "/complaint file 华达 质量 瓶盖松动");
    const filed = await h.prisma.complaint.findFirstOrThrow({ orderBy: { id: "desc" } });
    expect(filed.stepDueAt).toEqual(at("10-01T10:00"));

    h.now = at("08-01T10:00");
    const singapore = await h.say(admin, "/crm calendar SG");
    expect(singapore).toContain("工作日按：新加坡的法定节假日");
    expect(singapore).toContain("公共假期  8月10日（周一）放假");
    expect(await h.say(admin, "/crm calendar 中国")).toContain("工作日按：中国的法定节假日和调休\n");
  });
});
