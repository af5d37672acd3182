import type { AnyCommand } from "../../application/command.js";
import type { InboundEvent, PlatformUser } from "../../application/inbound/event.js";
import type { Inbound } from "../../application/inbound/handle.js";
import { commandLine } from "../../core/bind.js";
import { translator } from "../../i18n/index.js";
import type { Logger } from "../../logger.js";
import type { FeishuApi } from "./api.js";
import { type Conversation, feishuAnswerer } from "./answer.js";
import { fieldError, typedLine } from "../chat-input.js";
import { importOffer } from "../import-offer.js";
import { type FormValue, formCard, submittedArgs, submittedCard } from "./forms.js";
import { type ButtonValue, renderFeishu } from "./render.js";

/**
 * The bot's menu (机器人自定义菜单): each item's event key, as configured in the developer
 * console, and what it does: a command, or a command's form.
 */
export const MENU: Record<string, { line: string }> = {
  today: { line: "/today" },
  find_customer: { line: "/customer find" },
  log_visit: { line: "/visit log" },
  my_alerts: { line: "/alert list" },
};

/** A file waiting in a 1:1 chat for its import button: the message and the file's key. */
interface FileRef {
  m: string;
  k: string;
  n: string;
}
/** The events and callbacks to subscribe to in the developer console. */
export const FEISHU_EVENTS = ["im.message.receive_v1", "card.action.trigger", "application.bot.menu_v6"] as const;
type FeishuEventType = (typeof FEISHU_EVENTS)[number];

type CallbackValue = Partial<ButtonValue & FormValue & { file: FileRef }>;

/** How long names from the contact API are kept before being asked again. */
const NAME_TTL_MS = 10 * 60_000;
const MAX_NAMES_KEPT = 10_000;
const MAX_DIRECT_CHATS_KEPT = 100_000;
/** Mentions in a message's text are placeholders: @_user_1, @_all. */
const MENTION = /@_(?:user_\d+|all)/g;

// The events' shapes, as far as the bot reads them (open.feishu.cn, event v2.0, flattened by the SDK).
interface Sender {
  sender_id?: { open_id?: string };
  sender_type?: string;
  tenant_key?: string;
}
interface MessageEvent {
  event_id?: string;
  tenant_key?: string;
  sender?: Sender;
  message?: {
    message_id: string;
    chat_id: string;
    chat_type: "p2p" | "group" | string;
    message_type: string;
    content: string;
    mentions?: { key: string }[];
  };
}
interface CardActionEvent {
  event_id?: string;
  tenant_key?: string;
  operator?: { open_id?: string; tenant_key?: string };
  action?: { value?: CallbackValue; form_value?: Record<string, unknown>; name?: string };
  context?: { open_message_id?: string; open_chat_id?: string };
}
interface MenuEvent {
  event_id?: string;
  tenant_key?: string;
  event_key?: string;
  operator?: { operator_name?: string; operator_id?: { open_id?: string } };
}

/** What a card callback answers Feishu with, inside its 3 seconds: a toast, and the card replaced. */
type CallbackAnswer = {
  toast?: { type: "info" | "success" | "error" | "warning"; content: string };
  card?: { type: "raw"; data: unknown };
};

/**
 * The Feishu receiver: one set of handlers for messages, card callbacks and menu clicks, which
 * the long connection (WSClient) and the HTTP route both feed. Each handler answers Feishu at
 * once and hands the work to the application; a form refused by its own rules comes back with
 * the error on the card within the callback's 3 seconds.
 */
export function feishuHandlers(deps: {
  api: FeishuApi;
  inbound: Inbound;
  logger: Logger;
  maxFileBytes: number;
  /** Who owns the app, as Feishu reports it: the admin it vouches for. */
  owner: () => Promise<string | undefined>;
}): Record<FeishuEventType, (data: never) => Promise<unknown>> {
  const { api, inbound, logger, maxFileBytes } = deps;
  const router = inbound.router;
  const names = new Map<string, { at: number; name: Promise<string | undefined> }>();
  /** 1:1 chats seen, so that a button pressed in one is answered there rather than as a group's private card. */
  const directChats = new Set<string>();

  const nameOf = (openId: string): Promise<string | undefined> => {
    const known = names.get(openId);
    if (known && Date.now() - known.at < NAME_TTL_MS) return known.name;
    if (names.size >= MAX_NAMES_KEPT) names.clear();
    const name = api.userName(openId).catch((err: unknown) => {
      // Without the contact permission the bot still works, under the name the event gave.
      logger.debug({ err, openId }, "feishu: contact user.get failed");
      return undefined;
    });
    names.set(openId, { at: Date.now(), name });
    return name;
  };
  /** `theirTenant` is the person's own organisation, `tenant` the one the event came to. */
  const userOf = (openId: string, tenant: string | undefined, theirTenant?: string, name?: string): PlatformUser => ({
    externalId: openId,
    profile: async () => ({ name: (await nameOf(openId)) ?? name ?? openId }),
    // Someone of another organisation met in an external group (外部群) is a guest; the app's owner an admin.
    standing: async () => {
      if (theirTenant && tenant && theirTenant !== tenant) return { guest: true };
      return { guest: false, admin: (await deps.owner()) === openId };
    },
  });
  const placeOf = (tenantKey: string | undefined): InboundEvent["place"] =>
    tenantKey ? { workspace: { platform: "feishu", externalId: tenantKey, name: tenantKey } } : { directMessage: true };
  const acknowledged = (received: number) => inbound.acknowledged("feishu", received);
  const t = (openId: string) => translator(inbound.languageOf("feishu", { externalId: openId }));

  const run = (event: Omit<InboundEvent, "platform" | "answer">, at: Conversation) =>
    void inbound.handle({ platform: "feishu", ...event, answer: feishuAnswerer(api, at, logger) });

  /** A bare command with a form (typed, or from the menu) gets the form instead of its usage. */
  const formFor = (line: string): AnyCommand | undefined => {
    const found = router.find(line);
    return found?.bare && found.definition.form ? found.definition : undefined;
  };
  const sendForm = (definition: AnyCommand, at: Conversation) => {
    const card = formCard(t(at.openId), definition);
    const sent =
      at.chatId && !at.direct
        ? api.ephemeralCard(at.chatId, at.openId, card)
        : api.sendCard({ type: "open_id", id: at.openId }, card);
    sent.catch((err: unknown) => logger.warn({ err }, "feishu: sending a form failed"));
  };

  /** A CSV (or any file) sent in a 1:1 chat: the reply offers to import it as each kind. */
  const offerImport = (file: FileRef, at: Conversation) => {
    const offer = importOffer(inbound, "feishu", at.openId, file.n, "feishu.fileReceived");
    // Each button carries the file, which its press downloads for the import.
    const card = renderFeishu(offer, "");
    for (const row of card.elements.filter((e) => e.tag === "action"))
      for (const button of row.actions as { value: CallbackValue }[]) button.value.file = file;
    return api.replyCard(at.messageId!, card);
  };

  return {
    "im.message.receive_v1": async (data: MessageEvent) => {
      const received = performance.now();
      const { message, sender } = data;
      const openId = sender?.sender_id?.open_id;
      // Only people: the bot's own posts and other apps' come back as events too.
      if (!message || !openId || sender?.sender_type !== "user") return;
      const direct = message.chat_type === "p2p";
      if (direct) {
        if (directChats.size >= MAX_DIRECT_CHATS_KEPT) directChats.clear();
        directChats.add(message.chat_id);
      }
      // In a group the bot hears only what @-mentions it (im:message.group_at_msg); anything else is not for it.
      if (!direct && !(message.mentions?.length ?? 0)) return;
      acknowledged(received);
      const at: Conversation = { openId, chatId: message.chat_id, direct, messageId: message.message_id };
      const content = JSON.parse(message.content || "{}") as { text?: string; file_key?: string; file_name?: string };
      if (message.message_type === "file" && direct && content.file_key) {
        const file = { m: message.message_id, k: content.file_key, n: content.file_name ?? "file.csv" };
        // Answered after the acknowledgement, like everything else.
        void offerImport(file, at).catch((err: unknown) => logger.warn({ err }, "feishu: offering an import failed"));
        return;
      }
      const text = message.message_type === "text" ? (content.text ?? "").replace(MENTION, " ").trim() : "";
      const line = typedLine(text);
      const form = formFor(line);
      if (form) return sendForm(form, at);
      run(
        {
          place: placeOf(data.tenant_key),
          user: userOf(openId, data.tenant_key, sender?.tenant_key),
          action: { kind: "command", line },
          deliveryId: data.event_id,
          ...(direct ? {} : { channelId: message.chat_id }),
        },
        at,
      );
    },

    "card.action.trigger": async (data: CardActionEvent): Promise<CallbackAnswer> => {
      const received = performance.now();
      const openId = data.operator?.open_id;
      const value = data.action?.value ?? {};
      if (!openId) return {};
      const chatId = data.context?.open_chat_id;
      const at: Conversation = { openId, chatId, direct: chatId !== undefined && directChats.has(chatId) };
      const who = {
        place: placeOf(data.tenant_key),
        user: userOf(openId, data.tenant_key, data.operator?.tenant_key),
      };
      const tr = t(openId);

      if (value.form) {
        const definition = router.byKey(value.form);
        const line = definition && commandLine(definition, submittedArgs(data.action?.form_value ?? {}));
        const refusal = line ? inbound.check("feishu", { externalId: openId }, line) : undefined;
        if (definition && refusal) {
          const { field, message } = fieldError(definition, refusal);
          acknowledged(received);
          return {
            toast: { type: "error", content: message },
            card: { type: "raw", data: formCard(tr, definition, { field, message }) },
          };
        }
        acknowledged(received);
        run(
          {
            ...who,
            action: line ? { kind: "command", line } : { kind: "stale" },
            // A form submitted twice (a double tap, a retried callback) is the same card: it runs once.
            deliveryId: data.context?.open_message_id ? `form:${data.context.open_message_id}` : data.event_id,
          },
          at,
        );
        return {
          toast: { type: "success", content: tr("feishu.submitted") },
          card: { type: "raw", data: submittedCard(tr, definition, line) },
        };
      }

      acknowledged(received);
      const file = value.file;
      run(
        {
          ...who,
          action: value.cmd ? { kind: "command", line: value.cmd } : { kind: "stale" },
          deliveryId: data.event_id,
          ...(file ? { attachments: async () => [await api.download(file.m, file.k, file.n, maxFileBytes)] } : {}),
        },
        at,
      );
      return {};
    },

    "application.bot.menu_v6": async (data: MenuEvent) => {
      const received = performance.now();
      const openId = data.operator?.operator_id?.open_id;
      if (!openId) return;
      acknowledged(received);
      const at: Conversation = { openId, direct: true };
      const item = data.event_key ? MENU[data.event_key] : undefined;
      const form = item && formFor(item.line);
      if (form) return sendForm(form, at);
      run(
        {
          place: placeOf(data.tenant_key),
          user: userOf(openId, data.tenant_key, undefined, data.operator?.operator_name),
          action: item ? { kind: "command", line: item.line } : { kind: "stale" },
          deliveryId: data.event_id,
        },
        at,
      );
    },
  };
}
