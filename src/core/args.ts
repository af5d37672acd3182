import { addYears } from "date-fns/addYears";
import { z } from "zod";
import type { Locale } from "./locale.js";
import type { MessageKey } from "./messages.js";
import { missingDay, outsideDateYears, parseDate, parseMonth, parsePeriod, type Month, type Period } from "./dates.js";
import { parseMoney, wholeAmount } from "./money.js";

/** What a value is parsed against: the time "now", the user's time zone, the largest amount allowed. */
export interface ParseEnv {
  now: Date;
  timezone: string;
  locale: Locale;
  /** In minor units (CRM_MAX_AMOUNT). */
  maxAmount: bigint;
}

export type ArgKind =
  | "text"
  | "choice"
  | "int"
  | "number"
  | "money"
  | "date"
  | "month"
  | "period"
  | "customer"
  | "user"
  | "bool"
  | "role";

/** Records a text argument names by its short id, which platforms can offer as the user types. */
export type Completion = "complaint" | "alert" | "followUp";

/**
 * One argument of a command. Its zod schema validates the raw text (from the console, a Slack
 * command or a Discord option); the rest tells the text parser, the help and the platform
 * adapters how the argument is written.
 */
export interface ArgSpec<T = unknown, Required extends boolean = boolean> {
  kind: ArgKind;
  required: Required;
  /** Positional arguments are taken in declaration order from the plain words. */
  positional: boolean;
  /** The last positional argument may take all remaining words ("谈了新品 下周三再去"). */
  rest: boolean;
  /** Other names accepted in key:value form, e.g. 电话 for phone. */
  aliases: readonly string[];
  /** For choices: the accepted values (labels in every locale are accepted too). */
  choices?: readonly string[];
  /** For choices: the vocabulary whose translated labels name the values. */
  vocabulary?: string;
  maxLength?: number;
  /** For numbers: the smallest and largest value accepted (Discord's min_value / max_value). */
  min?: number;
  max?: number;
  /** For ids: what to suggest as the user types (Discord's autocomplete). */
  complete?: Completion;
  /** A file: a path on the console, the file attached to the command where a platform carries one. */
  file?: boolean;
  /** Translation key of the expected form, shown when the value is refused. */
  expected: MessageKey;
  schema(env: ParseEnv): z.ZodType<T>;
}

interface Common {
  required?: boolean;
  positional?: boolean;
  rest?: boolean;
  aliases?: readonly string[];
  complete?: Completion;
  file?: boolean;
}

/** Required-ness read from the options object, inferred as a const type parameter. */
type IsRequired<O> = O extends { required: true } ? true : false;

function spec<T, R extends boolean>(
  kind: ArgKind,
  options: Common,
  expected: MessageKey,
  /** A schema that reads the time or zone is built per command; the others once, here. */
  schema: z.ZodType<T> | ((env: ParseEnv) => z.ZodType<T>),
  extra: Partial<ArgSpec<T, R>> = {},
): ArgSpec<T, R> {
  return {
    kind,
    required: (options.required ?? false) as R,
    positional: options.positional ?? options.rest ?? false,
    rest: options.rest ?? false,
    aliases: options.aliases ?? [],
    ...(options.complete ? { complete: options.complete } : {}),
    ...(options.file ? { file: true } : {}),
    expected,
    schema: typeof schema === "function" ? schema : () => schema,
    ...extra,
  };
}

const DEFAULT_MAX_TEXT = 200;
/** How far ahead a follow-up or promise may be set. */
export const FUTURE_DATE_YEARS = 2;

function textSchema(max: number) {
  return z.string().trim().min(1).max(max);
}

export const arg = {
  text<const O extends Common & { max?: number }>(options: O = {} as O) {
    const max = options.max ?? DEFAULT_MAX_TEXT;
    return spec<string, IsRequired<O>>("text", options, "args.expected.text", textSchema(max), { maxLength: max });
  },

  /** A value from a closed vocabulary; `labels` maps other spellings (e.g. Chinese) to values. */
  choice<const V extends string, const O extends Common = Common>(
    vocabulary: string,
    values: readonly V[],
    labels: Record<string, V>,
    options: O = {} as O,
  ) {
    const lookup = new Map<string, V>();
    for (const v of values) lookup.set(v.toLowerCase(), v);
    for (const [label, v] of Object.entries(labels)) lookup.set(label.toLowerCase(), v);
    return spec<V, IsRequired<O>>(
      "choice",
      options,
      "args.expected.choice",
      z
        .string()
        .trim()
        .transform((s, ctx) => {
          const v = lookup.get(s.toLowerCase());
          if (v === undefined) {
            ctx.addIssue({ code: "custom", message: "not a choice" });
            return z.NEVER;
          }
          return v;
        }),
      { choices: values, vocabulary },
    );
  },

  int<const O extends Common & { min?: number; max?: number }>(options: O = {} as O) {
    const min = options.min ?? 0;
    const max = options.max ?? 1_000_000;
    return spec<number, IsRequired<O>>("int", options, "args.expected.int", z.coerce.number().int().min(min).max(max), {
      min,
      max,
    });
  },

  money<const O extends Common>(options: O = {} as O) {
    return spec<bigint, IsRequired<O>>("money", options, "args.expected.money", (env) =>
      z.string().transform((s, ctx) => {
        const value = parseMoney(s);
        if (value === undefined || value < 0n) {
          ctx.addIssue({ code: "custom", message: "not an amount" });
          return z.NEVER;
        }
        if (value > env.maxAmount) {
          ctx.addIssue({
            code: "custom",
            message: "too large",
            params: { messageKey: "args.moneyTooLarge", max: wholeAmount(env.maxAmount) },
          });
          return z.NEVER;
        }
        return value;
      }),
    );
  },

  /**
   * A day. One that must not lie before today (a follow-up, a promise) must not lie more than
   * FUTURE_DATE_YEARS ahead either: 2036 for 2026 is a typing mistake, not a plan.
   */
  date<const O extends Common & { notAfterToday?: boolean; notBeforeToday?: boolean }>(options: O = {} as O) {
    const lean = options.notBeforeToday ? "future" : options.notAfterToday ? "past" : undefined;
    return spec<Date, IsRequired<O>>("date", options, "args.expected.date", (env) =>
      z.string().transform((s, ctx) => {
        const value = parseDate(s, env.now, env.timezone, lean);
        const refuse = (message: string, params: Record<string, unknown>) => {
          ctx.addIssue({ code: "custom", message, params });
          return z.NEVER;
        };
        if (outsideDateYears(s, value, env.timezone))
          return refuse("out of range", { messageKey: "args.dateOutOfRange" });
        if (value === undefined) {
          const missing = missingDay(s, env.now, env.timezone, lean);
          if (!missing) return refuse("not a date", {});
          return refuse("no such day", { messageKey: "args.noSuchDay", month: missing.month, day: missing.day });
        }
        const today = parseDate("today", env.now, env.timezone)!;
        if (options.notAfterToday && value > today) return refuse("in the future", { messageKey: "args.dateInFuture" });
        if (options.notBeforeToday && value < today) return refuse("in the past", { messageKey: "args.dateInPast" });
        const last = addYears(today, FUTURE_DATE_YEARS);
        if (options.notBeforeToday && value > last) return refuse("too far", { messageKey: "args.dateTooFar", last });
        return value;
      }),
    );
  },

  /** A calendar month, as "2026-12". */
  month<const O extends Common>(options: O = {} as O) {
    return spec<Month, IsRequired<O>>("month", options, "args.expected.month", (env) =>
      z.string().transform((s, ctx) => {
        const value = parseMonth(s, env.now, env.timezone);
        if (value === undefined) {
          ctx.addIssue({ code: "custom", message: "not a month" });
          return z.NEVER;
        }
        return value;
      }),
    );
  },

  /** A budget period: a month, a quarter (2026-Q4) or a year (2026). */
  period<const O extends Common>(options: O = {} as O) {
    return spec<Period, IsRequired<O>>("period", options, "args.expected.period", (env) =>
      z.string().transform((s, ctx) => {
        const value = parsePeriod(s, env.now, env.timezone);
        if (value === undefined) {
          ctx.addIssue({ code: "custom", message: "not a period" });
          return z.NEVER;
        }
        return value;
      }),
    );
  },

  /** A quantity, which may have decimals (2.5 箱). */
  number<const O extends Common & { min?: number; max?: number }>(options: O = {} as O) {
    const min = options.min ?? 0;
    const max = options.max ?? 1e12;
    return spec<number, IsRequired<O>>(
      "number",
      options,
      "args.expected.number",
      z.coerce.number().finite().min(min).max(max),
      { min, max },
    );
  },

  /** A customer reference: code, exact name or a unique fuzzy (pinyin) match. */
  customer<const O extends Common>(options: O = {} as O) {
    return spec<string, IsRequired<O>>("customer", options, "args.expected.customer", textSchema(100), {
      maxLength: 100,
    });
  },

  /** A user of this workspace, by name. */
  user<const O extends Common>(options: O = {} as O) {
    return spec<string, IsRequired<O>>("user", options, "args.expected.user", textSchema(64), { maxLength: 64 });
  },

  /** A role on the chat platform (a Discord server role), by its id. */
  role<const O extends Common>(options: O = {} as O) {
    return spec<string, IsRequired<O>>(
      "role",
      options,
      "args.expected.role",
      z
        .string()
        .trim()
        .regex(/^(<@&)?\d{5,25}>?$/)
        .transform((s) => s.replace(/\D/g, "")),
    );
  },

  bool<const O extends Common>(options: O = {} as O) {
    const truthy = ["yes", "y", "true", "1", "on", "是", "对"];
    const falsy = ["no", "n", "false", "0", "off", "否", "不"];
    return spec<boolean, IsRequired<O>>(
      "bool",
      options,
      "args.expected.bool",
      z.string().transform((s, ctx) => {
        const v = s.trim().toLowerCase();
        if (truthy.includes(v)) return true;
        if (falsy.includes(v)) return false;
        ctx.addIssue({ code: "custom", message: "not yes/no" });
        return z.NEVER;
      }),
    );
  },
};

// biome-ignore lint/suspicious/noExplicitAny: each argument's own value type; a spec is invariant in it, so unknown would not admit them
export type ArgSpecs = Record<string, ArgSpec<any, boolean>>;

/** The handler's view of its arguments, typed from the declaration. */
export type ArgValues<A extends ArgSpecs> = {
  [K in keyof A]: A[K] extends ArgSpec<infer T, true>
    ? T
    : A[K] extends ArgSpec<infer T, boolean>
      ? T | undefined
      : never;
};
