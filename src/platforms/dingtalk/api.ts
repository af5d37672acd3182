import type { ReplyFile } from "../../core/reply.js";

/** What DingTalk said when it refused a call: the HTTP status, its error code and message, its wait. */
export class DingTalkFailure extends Error {
  constructor(
    readonly status: number | undefined,
    readonly code: string | undefined,
    message: string,
    readonly retryAfterMs: number | undefined,
  ) {
    super(message);
    this.name = "DingTalkFailure";
  }
}

/** A robot message in the OpenAPI's shape: a message template (msgKey) and its parameters. */
export interface RobotMessage {
  msgKey: string;
  msgParam: Record<string, string>;
}

/** Where a card is put: a person's 1:1 chat with the robot, or a group the robot is in. */
export type CardSpace = { kind: "user"; staffId: string } | { kind: "group"; conversationId: string };

/** Where DingTalk's session webhooks live. */
const SESSION_WEBHOOK_ORIGIN = "https://oapi.dingtalk.com";
/** Renew the access token this long before DingTalk says it expires. */
const TOKEN_MARGIN_MS = 5 * 60_000;
const REQUEST_TIMEOUT_MS = 15_000;
/** The member API's answer for a staff id not in the organisation (找不到该用户). */
const NO_SUCH_MEMBER = 60121;

/**
 * The calls the bot makes to DingTalk's OpenAPI (api.dingtalk.com, or `DINGTALK_API_URL`): the
 * app's access token, fetched and renewed here, and the robot's messages to people and groups.
 */
export class DingTalkApi {
  private token: { value: string; until: number } | undefined;
  private pending: Promise<string> | undefined;

  constructor(
    readonly options: {
      apiUrl: string;
      oapiUrl: string;
      clientId: string;
      clientSecret: string;
      robotCode: string;
      /** The card template alerts are posted with; none: robot messages, which DingTalk cannot edit. */
      cardTemplateId?: string | undefined;
    },
  ) {}

  private async accessToken(): Promise<string> {
    if (this.token && Date.now() < this.token.until) return this.token.value;
    this.pending ??= this.request<{ accessToken: string; expireIn: number }>("/v1.0/oauth2/accessToken", {
      appKey: this.options.clientId,
      appSecret: this.options.clientSecret,
    })
      .then((answer) => {
        this.token = { value: answer.accessToken, until: Date.now() + answer.expireIn * 1000 - TOKEN_MARGIN_MS };
        return answer.accessToken;
      })
      .finally(() => {
        this.pending = undefined;
      });
    return this.pending;
  }

  /** Sends JSON (POST unless said); a non-2xx answer becomes a DingTalkFailure with its code and any Retry-After. */
  private async request<T>(path: string, body: object, token?: string, method = "POST"): Promise<T> {
    const response = await fetch(path.startsWith("http") ? path : `${this.options.apiUrl}${path}`, {
      method,
      headers: { "content-type": "application/json", ...(token ? { "x-acs-dingtalk-access-token": token } : {}) },
      body: JSON.stringify(body),
      signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
    });
    const answer = (await response.json().catch(() => ({}))) as T & {
      code?: string;
      message?: string;
      errcode?: number;
      errmsg?: string;
    };
    // The session webhook answers 200 with errcode, the OpenAPI an HTTP error with code.
    if (!response.ok || (answer.errcode !== undefined && answer.errcode !== 0)) {
      const retryAfter = Number(response.headers.get("retry-after"));
      const code = answer.code ?? (answer.errcode !== undefined ? String(answer.errcode) : undefined);
      throw new DingTalkFailure(
        response.status,
        code,
        `HTTP ${response.status} ${code ?? ""} ${answer.message ?? answer.errmsg ?? ""}`.trim(),
        Number.isFinite(retryAfter) && retryAfter > 0 ? retryAfter * 1000 : undefined,
      );
    }
    return answer;
  }

  /** Sends a robot message to people in their 1:1 chats with the robot; returns its query key. */
  async sendToUsers(userIds: string[], message: RobotMessage): Promise<string> {
    const answer = await this.request<{ processQueryKey?: string; invalidStaffIdList?: string[] }>(
      "/v1.0/robot/oToMessages/batchSend",
      {
        robotCode: this.options.robotCode,
        userIds,
        msgKey: message.msgKey,
        msgParam: JSON.stringify(message.msgParam),
      },
      await this.accessToken(),
    );
    if (answer.invalidStaffIdList?.length)
      throw new DingTalkFailure(
        400,
        "staffId.notExisted",
        `not in the organisation: ${answer.invalidStaffIdList}`,
        undefined,
      );
    return answer.processQueryKey ?? "";
  }

  /** Sends a robot message to a group the robot is in; returns its query key. */
  async sendToGroup(conversationId: string, message: RobotMessage): Promise<string> {
    const answer = await this.request<{ processQueryKey?: string }>(
      "/v1.0/robot/groupMessages/send",
      {
        robotCode: this.options.robotCode,
        openConversationId: conversationId,
        msgKey: message.msgKey,
        msgParam: JSON.stringify(message.msgParam),
      },
      await this.accessToken(),
    );
    return answer.processQueryKey ?? "";
  }

  /**
   * Creates a card from the template with `params` and puts it in a person's 1:1 chat with the
   * robot or in a group. `outTrackId` is the bot's own name for the card, by which it is updated.
   */
  async deliverCard(outTrackId: string, to: CardSpace, params: Record<string, string>): Promise<void> {
    const { robotCode, cardTemplateId } = this.options;
    const space =
      to.kind === "group"
        ? {
            openSpaceId: `dtv1.card//IM_GROUP.${to.conversationId}`,
            imGroupOpenSpaceModel: { supportForward: true },
            imGroupOpenDeliverModel: { robotCode },
          }
        : {
            openSpaceId: `dtv1.card//IM_ROBOT.${to.staffId}`,
            imRobotOpenSpaceModel: { supportForward: true },
            imRobotOpenDeliverModel: { spaceType: "IM_ROBOT", robotCode },
          };
    const answer = await this.request<{ result?: { deliverResults?: { success?: boolean; errorMsg?: string }[] } }>(
      "/v1.0/card/instances/createAndDeliver",
      {
        cardTemplateId,
        outTrackId,
        cardData: { cardParamMap: params },
        callbackType: "STREAM",
        userIdType: 1,
        ...space,
      },
      await this.accessToken(),
    );
    // Created, but not put where it was sent: DingTalk says so per place, with a 200.
    const failed = answer.result?.deliverResults?.find((r) => r.success === false);
    if (failed) throw new DingTalkFailure(200, "card.deliverFailed", failed.errorMsg ?? "not delivered", undefined);
  }

  /** Replaces a card's content in every chat it was put in. */
  async updateCard(outTrackId: string, params: Record<string, string>): Promise<void> {
    const answer = await this.request<{ success?: boolean; result?: boolean }>(
      "/v1.0/card/instances",
      { outTrackId, cardData: { cardParamMap: params }, cardUpdateOptions: { updateCardDataByKey: true } },
      await this.accessToken(),
      "PUT",
    );
    if (answer.success === false || answer.result === false)
      throw new DingTalkFailure(200, "card.updateFailed", `card ${outTrackId} was not updated`, undefined);
  }

  /**
   * Calls the older OpenAPI (oapi), which takes the token in the query and answers errcode 0 when
   * it did what was asked. Anything else is a DingTalkFailure naming `what`, except an errcode in
   * `expected`, whose answer is returned for the caller to read.
   */
  private async oapi<T>(path: string, body: string | FormData, what: string, expected: number[] = []) {
    const token = encodeURIComponent(await this.accessToken());
    const response = await fetch(
      `${this.options.oapiUrl}${path}${path.includes("?") ? "&" : "?"}access_token=${token}`,
      {
        method: "POST",
        ...(typeof body === "string" ? { headers: { "content-type": "application/json" } } : {}),
        body,
        signal: AbortSignal.timeout(REQUEST_TIMEOUT_MS),
      },
    );
    const answer = (await response.json().catch(() => ({}))) as Partial<T> & { errcode?: number; errmsg?: string };
    if (answer.errcode !== undefined && expected.includes(answer.errcode)) return answer;
    if (!response.ok || answer.errcode !== 0)
      throw new DingTalkFailure(
        response.status,
        String(answer.errcode ?? ""),
        `${what}: ${answer.errmsg ?? ""}`,
        undefined,
      );
    return answer;
  }

  /** A member of the app's organisation by staff id (their name), or none when DingTalk knows no such member. */
  async member(staffId: string): Promise<{ name: string } | undefined> {
    const answer = await this.oapi<{ result: { name?: string } }>(
      "/topapi/v2/user/get",
      JSON.stringify({ userid: staffId, language: "zh_CN" }),
      `member ${staffId}`,
      [NO_SUCH_MEMBER],
    );
    if (answer.errcode === NO_SUCH_MEMBER) return undefined;
    if (!answer.result) throw new DingTalkFailure(200, "noResult", `member ${staffId}: no result`, undefined);
    return { name: answer.result.name ?? staffId };
  }

  /** Uploads a chart (image) or an export (file) as media; returns its media id. */
  async uploadMedia(file: ReplyFile): Promise<string> {
    const type = file.mime === "image/png" ? "image" : "file";
    const form = new FormData();
    form.append("media", new Blob([Buffer.from(file.data)], { type: file.mime }), file.name);
    const answer = await this.oapi<{ media_id: string }>(`/media/upload?type=${type}`, form, `uploading ${file.name}`);
    if (!answer.media_id) throw new DingTalkFailure(200, "noMediaId", `uploading ${file.name}: no media id`, undefined);
    return answer.media_id;
  }

  /** A chart as an image message, an export as a file message, through the robot's templates. */
  async mediaMessage(file: ReplyFile): Promise<RobotMessage> {
    const mediaId = await this.uploadMedia(file);
    if (file.mime === "image/png") return { msgKey: "sampleImageMsg", msgParam: { photoURL: mediaId } };
    const fileType = file.name.split(".").pop() ?? "csv";
    return { msgKey: "sampleFile", msgParam: { mediaId, fileName: file.name, fileType } };
  }

  /** Where a file sent to the robot can be fetched (a short-lived URL), from its download code. */
  async fileUrl(downloadCode: string): Promise<string> {
    const answer = await this.request<{ downloadUrl?: string }>(
      "/v1.0/robot/messageFiles/download",
      { downloadCode, robotCode: this.options.robotCode },
      await this.accessToken(),
    );
    if (!answer.downloadUrl)
      throw new DingTalkFailure(200, "noDownloadUrl", "DingTalk gave no download URL", undefined);
    return answer.downloadUrl;
  }

  /**
   * Answers through a message's session webhook (valid for a while after the message). Only
   * DingTalk's own hosts (or the configured API's) are called: a message cannot send the bot elsewhere.
   */
  async webhook(url: string, body: object): Promise<void> {
    const origin = URL.canParse(url) ? new URL(url).origin : "";
    if (origin !== SESSION_WEBHOOK_ORIGIN && origin !== new URL(this.options.apiUrl).origin)
      throw new DingTalkFailure(undefined, "foreignWebhook", `a session webhook on ${origin || "no host"}`, undefined);
    await this.request(url, body);
  }
}
