import { type RunObserver, UNOBSERVED } from "../core/observer.js";
import { argDescription, argLabel, choiceLabel, listed } from "../core/command-texts.js";
import { randomBytes } from "node:crypto";
import type { z } from "zod";
import type { Locale } from "../core/locale.js";
import { DEFAULT_LIMITS, type Limits } from "../core/limits.js";
import type { Role } from "../core/roles.js";
import { repositoriesOf, type PrismaClient } from "../db/client.js";
import type { Repositories } from "../db/repositories/index.js";
import { scopeToWorkspace, type WorkspaceDb } from "../db/scope.js";
import { formatId } from "../domain/ids.js";
import { createServices } from "../domain/services.js";
import { formatterFor, type Formatter } from "../i18n/format.js";
import { translator } from "../i18n/index.js";
import { type MessageKey, type Translate, phrase } from "../core/messages.js";
import type { ChannelAccess } from "../outbound/port.js";
import type { Logger } from "../logger.js";
import { arg, type ArgSpec, type ParseEnv } from "../core/args.js";
import { bindTokens, commandLine, normalizeArgName, type Reader, UnknownArgumentError } from "../core/bind.js";
import { COMMAND_WORDS_ZH, englishCommandWord } from "../core/command-words.js";
import { nearest, withPinyin } from "../core/suggest.js";
import { commandKey, type Attachment } from "../core/command-shape.js";
import { ROLE_RANK, type Actor } from "../core/roles.js";
import type { AdminClaim } from "./admin-claim.js";
import type { AnyCommand } from "./command.js";
import { type Phrase, UserError } from "../core/errors.js";
import { commandHelp, commandListHelp } from "../core/help.js";
import { errorReply, type Reply } from "../core/reply.js";
import { tokenize, UnclosedQuoteError, type Token } from "../core/tokenize.js";

export interface Caller {
  workspaceId: number;
  userId: number;
  /**
   * Files that came with the command, or how to fetch them: fetched only once the command is known
   * and the user may run it, so a file sent with a command they may not run is never downloaded.
   */
  attachments?: readonly Attachment[] | (() => Promise<readonly Attachment[]>);
  progress?: (text: string) => void;
  /** The group chat or channel the command was sent in, when it was one (not a direct message). */
  channel?: string | undefined;
}

export interface RouterOptions {
  prisma: PrismaClient;
  commands: readonly AnyCommand[];
  logger: Logger;
  /** The clock, injectable so that tests control "today". */
  now?: () => Date;
  /** Asks a workspace's platform whether the bot can post to a channel; "unknown" where it cannot tell. */
  channelAccess?: (
    platform: string,
    workspaceExternalId: string,
    channelId: string,
  ) => Promise<ChannelAccess | "unknown">;
  /** The code that makes a workspace's first admin (see AdminClaim); none: no one can claim. */
  adminClaim?: AdminClaim;
  /** How much one user may put in at once (rows, bytes, amounts); the defaults unless configured. */
  limits?: Partial<Limits>;
  /** Told how long sweeps and imports took (the metrics); no one by default. */
  observer?: RunObserver;
}

// biome-ignore lint/suspicious/noControlCharactersInRegex: these are the characters it removes
const CONTROL_CHARACTERS = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F]/g;
const HELP_WORDS = new Set(["help", "帮助", "?", "？"]);
/** What starts a command: "/", or what a Chinese input method types for it ("／", "、"). */
const COMMAND_MARK = /^[/／、]/;
/** `/crm ...` is the bot's own command; `/crm help` lists everything. */
const BOT_GROUP = "crm";

/**
 * Every platform's commands pass through here: parse → bind → validate → permission → handler.
 * This is the one error boundary: a UserError becomes a translated private reply; anything else is
 * logged with an id and the user gets a short message quoting it.
 */
export class Router {
  private readonly byName = new Map<string, AnyCommand>();
  private readonly keys = new Map<string, AnyCommand>();
  private readonly groups = new Set<string>();
  private readonly scopes = new Map<number, WorkspaceDb>();
  private readonly now: () => Date;
  private readonly data: Repositories;
  private readonly limits: Limits;

  constructor(private readonly options: RouterOptions) {
    for (const command of options.commands) {
      this.byName.set(command.path.join(" "), command);
      this.keys.set(commandKey(command), command);
      this.groups.add(command.path[0]);
    }
    this.now = options.now ?? (() => new Date());
    this.data = repositoriesOf(options.prisma);
    this.limits = { ...DEFAULT_LIMITS, ...options.limits };
  }

  get commands(): readonly AnyCommand[] {
    return this.options.commands;
  }

  /** The command a form, shortcut or modal names by its key (`customer_add`). */
  byKey(key: string): AnyCommand | undefined {
    return this.keys.get(key);
  }

  /** The workspace-scoped client, kept per workspace: extending a client is not free. */
  private scope(workspaceId: number): WorkspaceDb {
    let db = this.scopes.get(workspaceId);
    if (!db) {
      db = scopeToWorkspace(this.options.prisma, workspaceId);
      this.scopes.set(workspaceId, db);
    }
    return db;
  }

  /**
   * Runs one command line such as `/customer find zs` as the given user. The answer is private
   * unless the platform's own switch (`visibility`) or the line's `公开:是` / `public:yes` asks
   * for the channel; a refusal is always private.
   */
  async run(caller: Caller, input: string, options: { visibility?: Reply["visibility"] } = {}): Promise<Reply> {
    // Control characters mean nothing in a command, and PostgreSQL cannot store a NUL in text.
    const text = input.replace(CONTROL_CHARACTERS, "");
    let locale: Locale = "zh-CN";
    let t: Translate = translator(locale);
    let fmt: Formatter | undefined;
    try {
      const session = await this.session(caller);
      ({ locale, t, fmt } = session);
      const { reply, visibility } = await this.dispatch(session, text);
      const shown = (options.visibility ?? visibility) === "public" && reply.tone === "ok" ? "public" : "private";
      return { ...reply, visibility: shown, locale };
    } catch (error) {
      return { ...failureReply(t, fmt, error, this.options.logger, text), locale };
    }
  }

  /**
   * The answer to a failure outside a command (a download that failed, a stale button), in the
   * user's language when the user can be read, in the default language otherwise.
   */
  async explain(caller: Caller | undefined, error: unknown, fallback: Locale = "zh-CN"): Promise<Reply> {
    let session: Awaited<ReturnType<Router["session"]>> | undefined;
    try {
      if (caller) session = await this.session(caller);
    } catch {
      // The user cannot be read (the database is down): answer in the platform's language.
    }
    const locale = session?.locale ?? fallback;
    return { ...failureReply(session?.t ?? translator(locale), session?.fmt, error, this.options.logger), locale };
  }

  /**
   * Checks a line's command and arguments without the database, as a form must before it closes:
   * the refusal (with the argument it names), or undefined when the line may run.
   */
  check(input: string, where: Omit<ParseEnv, "now" | "maxAmount">): Reply | undefined {
    const env = { ...where, now: this.now(), maxAmount: this.limits.amount };
    const t = translator(env.locale);
    try {
      const text = input.replace(CONTROL_CHARACTERS, "");
      const parsed = this.parse(text);
      if ("definition" in parsed)
        this.parseArgs(t, env, parsed.definition, this.bind(parsed, text, { t, locale: env.locale }));
      return undefined;
    } catch (error) {
      return error instanceof UserError
        ? { ...failureReply(t, undefined, error, this.options.logger), locale: env.locale }
        : undefined;
    }
  }

  /**
   * Suggestions for an argument as the user types it (Discord's autocomplete): customers by name,
   * pinyin, code or phone, and the short ids of open complaints, active alerts and open follow-ups,
   * all within what the user may see. At most `limit`; an empty list when anything goes wrong.
   */
  async complete(
    caller: Caller,
    definition: AnyCommand,
    argName: string,
    query: string,
    limit = 25,
  ): Promise<{ name: string; value: string }[]> {
    try {
      const session = await this.session(caller);
      const spec = (definition.args as Record<string, ArgSpec>)[argName];
      const services = this.servicesFor(session);
      const q = query.trim();
      if (spec?.kind === "customer") {
        if (q === "") return [];
        return (await services.customers.search(q, limit)).map((c) => ({
          name: session.fmt.aside(c.name, c.code),
          value: c.code,
        }));
      }
      const matches = (id: string, text: string) =>
        q === "" || id.toLowerCase().includes(q.toLowerCase()) || text.includes(q);
      const page = { page: 1, skip: 0, take: 100 };
      if (spec?.complete === "complaint") {
        const { rows } = await services.complaints.list({ status: "open" }, page);
        return rows
          .map((c) => ({
            value: formatId("complaint", c.number),
            name: `${formatId("complaint", c.number)} ${c.customer.name} ${c.description}`,
          }))
          .filter((c) => matches(c.value, c.name))
          .slice(0, limit);
      }
      if (spec?.complete === "alert") {
        const { rows } = await services.alerts.list({ ownerIds: null, status: "active" }, page);
        return rows
          .map((a) => ({
            value: formatId("alert", a.number),
            name: `${formatId("alert", a.number)} ${a.customer?.name ?? ""} ${phrase(session.t, "vocab.alertRule", a.rule)}`,
          }))
          .filter((a) => matches(a.value, a.name))
          .slice(0, limit);
      }
      if (spec?.complete === "followUp") {
        const { rows } = await services.followUps.due(
          await services.users.scope(session.actor.role === "rep" ? "me" : "team"),
          page,
        );
        return rows
          .map((f) => ({
            value: formatId("followUp", f.number),
            name: `${formatId("followUp", f.number)} ${f.customer.name} ${f.text ?? ""}`,
          }))
          .filter((f) => matches(f.value, f.name))
          .slice(0, limit);
      }
      return [];
    } catch (error) {
      this.options.logger.warn({ err: error }, "autocomplete failed");
      return [];
    }
  }

  /** The domain services as the session's user, in their workspace. */
  private servicesFor(session: { actor: Actor; timezone: string }) {
    const { actor, timezone } = session;
    return createServices({
      db: this.scope(actor.workspaceId),
      data: this.data,
      actor,
      now: this.now,
      timezone,
      logger: this.options.logger,
      limits: this.limits,
      observer: this.options.observer ?? UNOBSERVED,
    });
  }

  private async session(caller: Caller) {
    const user = await this.data.users.session(caller.userId);
    if (!user) throw new Error(`no user ${caller.userId}`);
    if (user.workspaceId !== caller.workspaceId)
      throw new Error(`user ${user.id} is not in workspace ${caller.workspaceId}`);
    if (!user.active) throw new UserError("user.deactivated");
    const locale = (user.locale ?? user.workspaceLocale) as Locale;
    const actor: Actor = { id: user.id, workspaceId: user.workspaceId, name: user.name, role: user.role as Role };
    const { timezone } = user;
    return {
      actor,
      locale,
      t: translator(locale),
      fmt: formatterFor(locale, timezone, user.currency),
      timezone,
      platform: user.platform,
      workspaceExternalId: user.workspaceExternalId,
      attachments: caller.attachments ?? [],
      progress: caller.progress ?? (() => {}),
      channel: caller.channel,
    };
  }

  /** What a line asks for: help (on everything, a group or one command) or a command with its argument tokens. */
  private parse(
    text: string,
  ): { visibility: Reply["visibility"] } & (
    | { help: { group?: string; command?: AnyCommand } }
    | { definition: AnyCommand; rest: Token[] }
  ) {
    let tokens: Token[];
    try {
      tokens = tokenize(text.trim().replace(COMMAND_MARK, ""));
    } catch (error) {
      if (error instanceof UnclosedQuoteError) throw new UserError("args.unclosedQuote", { quote: error.message });
      throw error;
    }
    const { tokens: all, visibility } = takeVisibility(tokens);
    const words = all.map((token) => (token.kind === "word" ? englishCommandWord(token.value) : ""));
    const first = words[0] ?? "";
    if (
      first === "" ||
      HELP_WORDS.has(first) ||
      (first === BOT_GROUP && (words.length === 1 || HELP_WORDS.has(words[1]!.toLowerCase())))
    ) {
      return { help: {}, visibility };
    }
    const definition = this.lookup(words);
    if (!definition) {
      const second = words[1] ?? "";
      if (this.groups.has(first)) {
        if (second === "" || HELP_WORDS.has(second)) return { help: { group: first }, visibility };
        const near = this.nearestCommands(text, first);
        if (near.length === 0)
          throw new UserError("command.unknownSub", { group: `/${first}`, sub: second, subs: this.subcommands(first) });
        throw near.error(`/${first} ${second}`);
      }
      const near = this.nearestCommands(text);
      throw near.length === 0 ? new UserError("command.unknown", { command: `/${first}` }) : near.error(`/${first}`);
    }
    const rest = all.slice(definition.path.length);
    if (rest.length === 1 && rest[0]!.kind === "word" && HELP_WORDS.has(rest[0]!.value.toLowerCase()))
      return { help: { command: definition }, visibility };
    return { definition, rest, visibility };
  }

  private async dispatch(
    session: Awaited<ReturnType<Router["session"]>>,
    text: string,
  ): Promise<{ reply: Reply; visibility: Reply["visibility"] }> {
    const parsed = this.parse(text);
    if ("help" in parsed) {
      const { command, group } = parsed.help;
      return {
        reply: command ? commandHelp(session, command) : commandListHelp(session.t, this.commands, group),
        visibility: parsed.visibility,
      };
    }
    return {
      reply: await this.execute(session, parsed.definition, this.bind(parsed, text, session)),
      visibility: parsed.visibility,
    };
  }

  private lookup(words: string[]): AnyCommand | undefined {
    const [first = "", second = "", third = ""] = words;
    return (
      this.byName.get(`${first} ${second} ${third}`) ?? this.byName.get(`${first} ${second}`) ?? this.byName.get(first)
    );
  }

  /**
   * The commands nearest to a line whose command word was not found (`/custmer find 华达`, `/客护`,
   * `/customer fnid`), by spelling in English, in Chinese and in pinyin, each as the line it would
   * have been; a word that is none of them but near an argument's name (信用额度) offers the help
   * of the commands that take it.
   */
  private nearestCommands(text: string, group?: string) {
    const words = text.trim().replace(COMMAND_MARK, "").split(/\s+/);
    const at = group === undefined ? 0 : 1;
    const wordsOf = (position: number) =>
      [...new Set(this.commands.filter((c) => at === 0 || c.path[0] === group).map((c) => c.path[position]))].filter(
        (w): w is string => w !== undefined,
      );
    const names = (word: string) => withPinyin([word, COMMAND_WORDS_ZH[word] ?? word]);
    const near = nearest(
      words[at] ?? "",
      wordsOf(at).map((word) => ({ names: names(word), value: word })),
    );
    let lines = near.map((word) => `/${words.map((w, i) => (i === at ? word : w)).join(" ")}`);
    if (lines.length === 0 && at === 0) {
      const byArgument = nearest(
        words[0] ?? "",
        this.commands.map((c) => ({
          names: withPinyin(Object.values(c.args as Record<string, ArgSpec>).flatMap((spec) => spec.aliases)),
          value: `/${c.path.join(" ")}`,
        })),
      );
      lines = byArgument.map((command) => `${command} help`);
    }
    const shown = lines.map((line) =>
      line
        .split(" ")
        .slice(0, line.endsWith(" help") ? -1 : at + 1)
        .join(" "),
    );
    return {
      length: lines.length,
      error: (command: string) =>
        new UserError(
          "command.unknownNear",
          { command, suggestions: shown.join(" / ") },
          lines.map((line, i) => ({ label: shown[i]!, arg: "", value: line })),
        ),
    };
  }

  /** The line's words and key:value pairs bound to the command's arguments; a misspelt name is offered corrected. */
  private bind(
    parsed: { definition: AnyCommand; rest: Token[] },
    text: string,
    reader: Reader,
  ): Record<string, string> {
    try {
      return bindTokens(parsed.definition, parsed.rest, reader);
    } catch (error) {
      if (!(error instanceof UnknownArgumentError) || error.suggested.length === 0) throw error;
      const key = new RegExp(`(^|\\s)${error.typedKey.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}(?=[:：])`, "u");
      throw new UserError(
        error.code,
        error.params,
        error.suggested.map((name) => ({ label: `${name}:`, arg: "", value: text.replace(key, `$1${name}`) })),
      );
    }
  }

  /** A reply without the buttons whose command needs a role above the reader's: a rep is not offered 批准方案. */
  private withoutForbiddenButtons(answer: Reply, role: Role): Reply {
    const allowed = (command: string) => {
      const found = this.find(command);
      return !found || ROLE_RANK[role] >= ROLE_RANK[found.definition.role];
    };
    const blocks = answer.blocks.flatMap((block): Reply["blocks"] => {
      if (block.type !== "buttons") return [block];
      const buttons = block.buttons.filter((b) => allowed(b.command));
      return buttons.length === 0 ? [] : [{ ...block, buttons }];
    });
    return { ...answer, blocks };
  }

  /**
   * The command a line names and whether it gives any arguments, without running it: platforms
   * open a command's form when it is started bare.
   */
  find(text: string): { definition: AnyCommand; bare: boolean } | undefined {
    try {
      const parsed = this.parse(text);
      return "definition" in parsed ? { definition: parsed.definition, bare: parsed.rest.length === 0 } : undefined;
    } catch {
      return undefined;
    }
  }

  private subcommands(group: string): string {
    return [...new Set(this.commands.filter((c) => c.path[0] === group && c.path[1]).map((c) => c.path[1]))].join(", ");
  }

  /** The arguments' raw texts validated and parsed; the first refusal throws. */
  private parseArgs(
    t: Translate,
    env: ParseEnv,
    definition: AnyCommand,
    raw: Record<string, string>,
  ): Record<string, unknown> {
    const args: Record<string, unknown> = {};
    for (const [name, spec] of Object.entries(definition.args as Record<string, ArgSpec>)) {
      const value = raw[name];
      const label = argLabel(env.locale, spec, name);
      if (value === undefined) {
        if (spec.required) {
          const what = argDescription(t, definition, name);
          throw new UserError("args.missing", {
            arg: label,
            argName: name,
            what,
            usage: `/${definition.path.join(" ")} help`,
          });
        }
        continue;
      }
      const parsed = spec.schema(env).safeParse(value);
      if (!parsed.success) {
        const refused = argumentError(t, { name, label }, value, spec, parsed.error);
        if (spec.required) throw refused;
        // Nothing is lost because an optional argument was not understood: the rest can go as it is.
        const { [name]: _, ...rest } = raw;
        throw new UserError(refused.code, refused.params, [
          { label: t("args.retryWithout", { arg: label }), arg: "", value: commandLine(definition, rest, env.locale) },
        ]);
      }
      args[name] = parsed.data;
    }
    return args;
  }

  /** Validates raw argument text, checks the role and runs the handler. */
  private async execute(
    session: Awaited<ReturnType<Router["session"]>>,
    definition: AnyCommand,
    raw: Record<string, string>,
  ): Promise<Reply> {
    const { actor, t, fmt, locale, timezone, platform, progress } = session;
    const now = this.now();
    const args = this.parseArgs(t, { now, timezone, locale, maxAmount: this.limits.amount }, definition, raw);
    if (ROLE_RANK[actor.role] < ROLE_RANK[definition.role]) {
      throw new UserError("command.forbidden", {
        command: `/${definition.path.join(" ")}`,
        role: t(`vocab.role.${definition.role}`),
      });
    }
    const attachments = typeof session.attachments === "function" ? await session.attachments() : session.attachments;
    try {
      const answer = await definition.handle({
        args,
        actor,
        services: this.servicesFor(session),
        t,
        fmt,
        now,
        lineWith: (changes) => commandLine(definition, { ...raw, ...changes }, locale),
        platform,
        channelAccess: (channelId: string) =>
          this.options.channelAccess?.(platform, session.workspaceExternalId, channelId) ??
          Promise.resolve("unknown" as const),
        redeemAdminClaim: (code: string) => this.options.adminClaim?.redeem(code, session.actor.workspaceId) ?? false,
        attachments,
        progress,
        channel: session.channel,
      });
      return this.withoutForbiddenButtons(answer, actor.role);
    } catch (error) {
      // Offer each candidate as the same command with that argument filled in.
      if (
        error instanceof UserError &&
        error.choices.length > 0 &&
        error.choices.every((c) => c.arg in definition.args)
      ) {
        throw new UserError(
          error.code,
          error.params,
          error.choices.map((c) => ({ ...c, value: commandLine(definition, { ...raw, [c.arg]: c.value }, locale) })),
        );
      }
      throw error;
    }
  }
}

/**
 * The one way a failure becomes an answer: a UserError is translated (dates in the user's format,
 * phrases in their language, choices as buttons); anything else is logged with an id that the
 * user is given, as "try again" when the database is down or busy.
 */
export function failureReply(
  t: Translate,
  fmt: Formatter | undefined,
  error: unknown,
  logger: Logger,
  text?: string,
): Reply {
  if (error instanceof UserError) {
    const said = (p: Phrase) => phrase(t, p.group, p.value, p.params);
    const params = Object.fromEntries(
      Object.entries(error.params).map(([k, v]) => [
        k,
        v instanceof Date
          ? (fmt?.formatDate(v) ?? v.toISOString().slice(0, 10))
          : Array.isArray(v)
            ? listed(t, v.map(said))
            : typeof v === "object"
              ? said(v as Phrase)
              : v,
      ]),
    );
    const blocks: Reply["blocks"] = [{ type: "text", text: t(error.code, params) }];
    if (error.choices.length > 0) {
      blocks.push({ type: "buttons", buttons: error.choices.map((c) => ({ label: c.label, command: c.value })) });
    }
    const refused = errorReply(...blocks);
    const invalid = error.params.argName ?? error.params.arg;
    return typeof invalid === "string" ? { ...refused, invalidArg: invalid } : refused;
  }
  const id = randomBytes(4).toString("hex");
  logger.error({ err: error, errorId: id, ...(text === undefined ? {} : { command: text }) }, "command failed");
  const failed = errorReply({
    type: "text",
    text: t(
      isDiskFull(error)
        ? "errors.diskFull"
        : isUnavailable(error)
          ? "errors.unavailable"
          : isBusy(error)
            ? "errors.busy"
            : "errors.internal",
      { id },
    ),
  });
  return { ...failed, errorId: id };
}

/** Words that name the answer's visibility as an argument: `公开:是`, `public:yes`. */
const VISIBILITY_KEYS = new Set(["public", "公开"]);
const visibilityValue = arg.bool().schema({ now: new Date(0), timezone: "UTC", locale: "zh-CN", maxAmount: 0n });

/** Takes the visibility argument out of a line's tokens; a plain word "public" stays the user's text. */
function takeVisibility(tokens: Token[]): { tokens: Token[]; visibility: Reply["visibility"] } {
  let visibility: Reply["visibility"] = "private";
  const rest = tokens.filter((token) => {
    if (token.kind !== "named" || !VISIBILITY_KEYS.has(normalizeArgName(token.key))) return true;
    const parsed = visibilityValue.safeParse(token.value);
    if (!parsed.success) throw new UserError("args.visibility", { value: token.value });
    visibility = parsed.data ? "public" : "private";
    return false;
  });
  return { tokens: rest, visibility };
}

/** The refusal of one argument's value, naming the argument as its reader knows it (`label`) and as the form knows it. */
function argumentError(
  t: Translate,
  { name: argName, label: name }: { name: string; label: string },
  value: string,
  spec: ArgSpec,
  error: z.ZodError,
): UserError {
  const issue = error.issues[0];
  const shown = value.length > 40 ? `${value.slice(0, 40)}…` : value;
  if (issue?.code === "too_big" && spec.maxLength)
    return new UserError("args.tooLong", { arg: name, argName, max: spec.maxLength, length: [...value].length });
  if (issue?.code === "too_small" && spec.kind === "text") return new UserError("args.empty", { arg: name, argName });
  const { messageKey, ...params } =
    (issue as { params?: { messageKey?: MessageKey } & Record<string, string> } | undefined)?.params ?? {};
  if (messageKey) return new UserError(messageKey, { ...params, arg: name, argName, value: shown });
  const expected =
    spec.kind === "choice" && spec.choices
      ? listed(
          t,
          spec.choices.map((c) => choiceLabel(t, spec, c)),
        )
      : t(spec.expected);
  return new UserError("args.invalid", { arg: name, argName, value: shown, expected });
}

const errorText = (error: unknown) =>
  `${(error as Error)?.name ?? ""} ${(error as Error)?.message ?? ""} ${(error as { code?: string })?.code ?? ""}`;

/**
 * The database is down, unreachable or dropped the connection mid-command (a restarted server,
 * an administrator's kill): worth trying again rather than reporting a bug.
 */
function isUnavailable(error: unknown): boolean {
  return /ECONNREFUSED|ECONNRESET|ETIMEDOUT|EPIPE|P1001|P1017|DatabaseNotReachable|Connection terminated|connection error|not queryable|terminating connection|57P0[123]|closed the connection|connection is not open|ConnectionClosed/i.test(
    errorText(error),
  );
}

/** SQLite (or the file system under it) ran out of space: nothing was written, and retrying will not help until it is freed. */
function isDiskFull(error: unknown): boolean {
  return /SQLITE_FULL|ENOSPC|database or disk is full|No space left on device|53100/i.test(errorText(error));
}

/**
 * The command waited too long for its turn: another writer held SQLite's lock past the busy
 * timeout, no transaction could start in time (P2028), or no pooled connection came free (P2024).
 */
function isBusy(error: unknown): boolean {
  return /SQLITE_BUSY|P2028|P2024/.test(errorText(error));
}
