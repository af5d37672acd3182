import { outsideDateYears, parseDate, parseMonth, parsePeriod } from "../../core/dates.js";
import { BoundedMemo } from "../../core/memo.js";
import { parseMoney, wholeAmount } from "../../core/money.js";
import type { MessageKey } from "../../core/messages.js";
import {
  CONTACT_ROLE_WORDS,
  CONTACT_ROLES,
  CUSTOMER_STATUS_WORDS,
  CUSTOMER_STATUSES,
  CUSTOMER_TYPE_WORDS,
  CUSTOMER_TYPES,
  STANCE_WORDS,
  STANCES,
} from "../vocabulary.js";

export interface ParseEnv {
  now: Date;
  timezone: string;
  /** The largest amount one row may carry, in minor units (CRM_MAX_AMOUNT). */
  maxAmount: bigint;
}

export type Parsed = { ok: true; value: unknown } | { ok: false; reason: MessageKey; params?: Record<string, string> };

/** One column of an import file: the headers it is known by, and how a cell is read. */
export interface Column {
  field: string;
  /** The header written on export, per language; every one of them is accepted on import, with the aliases. */
  header: { "zh-CN": string; en: string };
  aliases?: readonly string[];
  required?: boolean;
  /** A closed vocabulary's name: the export writes its values as the reader's words (经销商, not dealer). */
  vocabulary?: string;
  /** The vocabulary's stored values. */
  values?: readonly string[];
  parse(raw: string, env: ParseEnv): Parsed;
}

const ok = (value: unknown): Parsed => ({ ok: true, value });
const bad = (reason: MessageKey, params?: Record<string, string>): Parsed => ({
  ok: false,
  reason,
  ...(params ? { params } : {}),
});

const text = (max: number) => (raw: string) => (raw.length > max ? bad("import.cell.tooLong") : ok(raw));
const money = (raw: string, env: ParseEnv) => {
  const value = parseMoney(raw);
  if (value === undefined) return bad("import.cell.notMoney");
  if (value > env.maxAmount) return bad("import.cell.moneyTooLarge", { max: wholeAmount(env.maxAmount) });
  return value <= 0n ? bad("import.cell.notPositive") : ok(value);
};
/**
 * Days already read, by time zone and text: a file of a hundred thousand rows holds a few hundred
 * distinct dates, and working out a midnight in a time zone is the slow part.
 */
const MAX_REMEMBERED_DAYS = 20_000;
const days = new BoundedMemo<string, Date | undefined>(MAX_REMEMBERED_DAYS);

function dayIn(text: string, env: ParseEnv): Date | undefined {
  return days.get(`${env.timezone}|${text}`, () => {
    const compact = /^(\d{4})(\d{2})(\d{2})$/.exec(text);
    return /^\d{4}/.test(text)
      ? parseDate(compact ? `${compact[1]}-${compact[2]}-${compact[3]}` : text, env.now, env.timezone)
      : undefined;
  });
}

/** Spreadsheet dates: 2026-01-05, 2026/1/5, 2026.1.5, 20260105, with or without a time after them. */
const date = (raw: string, env: ParseEnv) => {
  const day = raw.split(/[ T]/)[0]!;
  const value = dayIn(day, env);
  if (outsideDateYears(day, value, env.timezone)) return bad("import.cell.dateOutOfRange");
  if (!value) return bad("import.cell.notDate");
  return value > env.now ? bad("import.cell.dateInFuture") : ok(value);
};
const anyDate = (raw: string, env: ParseEnv) => {
  const day = raw.split(/[ T]/)[0]!;
  const value = parseDate(day, env.now, env.timezone);
  if (outsideDateYears(day, value, env.timezone)) return bad("import.cell.dateOutOfRange");
  return value ? ok(value) : bad("import.cell.notDate");
};
const month = (raw: string, env: ParseEnv) => {
  const value = parseMonth(raw.replace(/[/.]/, "-"), env.now, env.timezone);
  return value ? ok(value) : bad("import.cell.notMonth");
};
const period = (raw: string, env: ParseEnv) => {
  const value = parsePeriod(raw.replace(/[/.]/, "-"), env.now, env.timezone);
  return value ? ok(value) : bad("import.cell.notPeriod");
};
const number = (raw: string) => {
  const value = Number(raw.replaceAll(",", ""));
  return Number.isFinite(value) && value >= 0 ? ok(value) : bad("import.cell.notNumber");
};
const int = (raw: string) => {
  const value = Number(raw);
  return Number.isInteger(value) && value > 0 && value <= 3660 ? ok(value) : bad("import.cell.notInt");
};
const bool = (raw: string) => {
  const v = raw.toLowerCase();
  if (["1", "y", "yes", "true", "是", "已结", "已结账", "√"].includes(v)) return ok(true);
  if (["0", "n", "no", "false", "否", "未结", "未结账"].includes(v)) return ok(false);
  return bad("import.cell.notBool");
};
/** A closed vocabulary's column: its stored values (in any case) or the Chinese words for them. */
const choice = (vocabulary: string, values: readonly string[], words: Record<string, string>) => ({
  vocabulary,
  values,
  parse: (raw: string) => {
    const value = values.find((v) => v === raw.toLowerCase()) ?? words[raw];
    return value ? ok(value) : bad("import.cell.notChoice");
  },
});

const customerRef: Column = {
  field: "customer",
  header: { "zh-CN": "客户编码", en: "customer" },
  aliases: ["客户", "customer code", "客户代码"],
  parse: text(100),
};
/** Written on export for people reading the file; on import it names the customer when no code is given. */
const customerName: Column = {
  field: "customerName",
  header: { "zh-CN": "客户名称", en: "customer name" },
  aliases: ["客户全称"],
  parse: text(100),
};
const externalId: Column = {
  field: "externalId",
  header: { "zh-CN": "单号", en: "id" },
  aliases: ["编号", "单据号", "订单号", "external id"],
  parse: text(100),
};
const amount: Column = { field: "amount", header: { "zh-CN": "金额", en: "amount" }, required: true, parse: money };
/** The mark an export writes on a voided entry: such a row is refused, never imported as one that stands. */
const voidedMark = text(500);
const voided: Column = { field: "voided", header: { "zh-CN": "作废", en: "void" }, parse: voidedMark };

export const IMPORT_KINDS = ["customers", "contacts", "orders", "payments", "expenses", "plans", "budgets"] as const;
export type ImportKind = (typeof IMPORT_KINDS)[number];

export const COLUMNS: Record<ImportKind, readonly Column[]> = {
  customers: [
    { field: "code", header: { "zh-CN": "编码", en: "code" }, aliases: ["客户编码", "简码", "代码"], parse: text(20) },
    {
      field: "name",
      header: { "zh-CN": "名称", en: "name" },
      aliases: ["客户名称", "客户", "客户全称"],
      required: true,
      parse: text(100),
    },
    { field: "shortName", header: { "zh-CN": "简称", en: "short name" }, parse: text(50) },
    {
      field: "type",
      header: { "zh-CN": "类型", en: "type" },
      aliases: ["客户类型", "客户构成"],
      ...choice("customerType", CUSTOMER_TYPES, CUSTOMER_TYPE_WORDS),
    },
    {
      field: "status",
      header: { "zh-CN": "状态", en: "status" },
      ...choice("customerStatus", CUSTOMER_STATUSES, CUSTOMER_STATUS_WORDS),
    },
    { field: "region", header: { "zh-CN": "区域", en: "region" }, aliases: ["地区"], parse: text(50) },
    { field: "route", header: { "zh-CN": "线路", en: "route" }, parse: text(50) },
    { field: "phone", header: { "zh-CN": "电话", en: "phone" }, aliases: ["手机", "联系电话"], parse: text(30) },
    { field: "address", header: { "zh-CN": "地址", en: "address" }, parse: text(200) },
    { field: "owner", header: { "zh-CN": "负责人", en: "owner" }, aliases: ["业务员", "客户经理"], parse: text(64) },
    {
      field: "legalRep",
      header: { "zh-CN": "法人代表", en: "legal representative" },
      aliases: ["法人"],
      parse: text(50),
    },
    { field: "source", header: { "zh-CN": "客户来源", en: "source" }, aliases: ["来源"], parse: text(100) },
    {
      field: "relationSince",
      header: { "zh-CN": "开始交往", en: "relation since" },
      aliases: ["交往时间", "合作开始"],
      parse: anyDate,
    },
    {
      field: "creditLimit",
      header: { "zh-CN": "授信额度", en: "credit limit" },
      aliases: ["信用额度", "额度"],
      parse: money,
    },
    { field: "keyAccountManual", header: { "zh-CN": "大客户", en: "key account" }, parse: bool },
    {
      field: "visitCadenceDays",
      header: { "zh-CN": "拜访周期", en: "visit cadence days" },
      aliases: ["拜访周期(天)"],
      parse: int,
    },
  ],
  contacts: [
    customerRef,
    customerName,
    {
      field: "name",
      header: { "zh-CN": "姓名", en: "name" },
      aliases: ["联系人", "联系人姓名"],
      required: true,
      parse: text(50),
    },
    { field: "title", header: { "zh-CN": "职务", en: "title" }, parse: text(50) },
    { field: "phone", header: { "zh-CN": "电话", en: "phone" }, aliases: ["手机"], parse: text(30) },
    {
      field: "role",
      header: { "zh-CN": "角色", en: "role" },
      aliases: ["决策角色"],
      ...choice("contactRole", CONTACT_ROLES, CONTACT_ROLE_WORDS),
    },
    {
      field: "stance",
      header: { "zh-CN": "态度", en: "stance" },
      ...choice("stance", STANCES, STANCE_WORDS),
    },
    { field: "birthday", header: { "zh-CN": "生日", en: "birthday" }, parse: anyDate },
  ],
  orders: [
    externalId,
    customerRef,
    customerName,
    {
      field: "date",
      header: { "zh-CN": "日期", en: "date" },
      aliases: ["进货日期", "订单日期", "下单日期"],
      required: true,
      parse: date,
    },
    {
      field: "product",
      header: { "zh-CN": "产品", en: "product" },
      aliases: ["品名", "商品", "产品名称"],
      parse: text(100),
    },
    { field: "spec", header: { "zh-CN": "规格", en: "spec" }, aliases: ["规格型号"], parse: text(100) },
    { field: "quantity", header: { "zh-CN": "数量", en: "quantity" }, aliases: ["qty"], parse: number },
    { ...amount, aliases: ["进货金额", "订单金额", "金额(元)"] },
    { field: "settled", header: { "zh-CN": "结账", en: "settled" }, aliases: ["结账情况", "已结账"], parse: bool },
    voided,
  ],
  payments: [
    externalId,
    customerRef,
    customerName,
    {
      field: "date",
      header: { "zh-CN": "日期", en: "date" },
      aliases: ["回款日期", "收款日期"],
      required: true,
      parse: date,
    },
    { ...amount, aliases: ["回款金额", "收款金额"] },
    { field: "note", header: { "zh-CN": "备注", en: "note" }, parse: text(200) },
    voided,
  ],
  expenses: [
    externalId,
    customerRef,
    customerName,
    { field: "date", header: { "zh-CN": "日期", en: "date" }, aliases: ["费用日期"], required: true, parse: date },
    { field: "category", header: { "zh-CN": "类别", en: "category" }, aliases: ["科目", "费用类别"], parse: text(50) },
    { ...amount, aliases: ["费用金额"] },
    { field: "note", header: { "zh-CN": "备注", en: "note" }, parse: text(200) },
    voided,
  ],
  plans: [
    customerRef,
    customerName,
    { field: "month", header: { "zh-CN": "月份", en: "month" }, aliases: ["计划月份"], required: true, parse: month },
    { ...amount, aliases: ["计划金额", "目标"] },
  ],
  budgets: [
    customerRef,
    customerName,
    {
      field: "period",
      header: { "zh-CN": "期间", en: "period" },
      aliases: ["预算期间", "月份"],
      required: true,
      parse: period,
    },
    { ...amount, aliases: ["预算", "预算金额"] },
  ],
};

/** How a column's cells are written, as the column guide of `/import <kind>` explains it. */
export type CellForm =
  | "text"
  | "money"
  | "date"
  | "month"
  | "period"
  | "number"
  | "days"
  | "yesNo"
  | "choice"
  | "voidMark";

const FORMS = new Map<Column["parse"], CellForm>([
  [money, "money"],
  [date, "date"],
  [anyDate, "date"],
  [month, "month"],
  [period, "period"],
  [number, "number"],
  [int, "days"],
  [bool, "yesNo"],
  [voidedMark, "voidMark"],
]);

export function cellForm(column: Column): CellForm {
  return column.vocabulary ? "choice" : (FORMS.get(column.parse) ?? "text");
}

/** Ledgers, contacts, plans and budgets name their customer by code or, without one, by full name. */
export function namesCustomer(kind: ImportKind): boolean {
  return kind !== "customers";
}

/** Header text as compared: case, spaces, _ and - ignored, a unit in brackets dropped ("金额(元)"). */
export function normalizeHeader(header: string): string {
  return header
    .toLowerCase()
    .replace(/[(（][^)）]*[)）]\s*$/, "")
    .replace(/[\s_-]/g, "");
}
