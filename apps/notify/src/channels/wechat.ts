import { TEMPLATES, clip } from '../templates/templates';
import type { ChannelGateway, OutgoingMessage, SendResult } from './gateway';
import { httpStatusError, transportError } from './gateway';

export interface WechatSettings {
  apiBase: string;
  appId: string;
  appSecret: string;
  /** Message kind → the 公众号's subscription template id; a kind without one is not sent by WeChat. */
  templateIds: Record<string, string>;
  timeoutMs: number;
}

/** errcodes that say "later": system busy, the API's frequency limit. */
const TRANSIENT = new Set([-1, 45009, 45011]);
/** The access token was refused: fetch a new one and try once more. */
const TOKEN_REFUSED = new Set([40001, 40014, 42001]);
/** How long a field of each type may be (thing 20, phrase 5, character_string 32 …). */
const FIELD_LIMITS: Array<[RegExp, number]> = [[/^thing/, 20], [/^phrase/, 5], [/^character_string/, 32], [/^number/, 32], [/^time/, 40]];

function fieldValue(key: string, value: string): string {
  const limit = FIELD_LIMITS.find(([pattern]) => pattern.test(key))?.[1] ?? 20;
  return clip(value, limit) || '-';
}

/**
 * WeChat subscription messages of the node's 公众号 (订阅通知, `message/subscribe/bizsend`), with the
 * access token from `cgi-bin/token` kept until shortly before it expires and renewed when refused.
 */
export class WechatGateway implements ChannelGateway {
  readonly channel = 'wechat' as const;
  private token?: { value: string; until: number };

  constructor(private readonly settings: WechatSettings) {}

  async send(message: OutgoingMessage, openId: string): Promise<SendResult> {
    const templateId = this.settings.templateIds[message.kind];
    if (!templateId) return { type: 'permanent', error: 'wechat_no_template' };
    const fields = TEMPLATES[message.kind].wechat(message.params);
    const body = {
      touser: openId,
      template_id: templateId,
      ...(message.url ? { page: message.url } : {}),
      data: Object.fromEntries(Object.entries(fields).map(([key, value]) => [key, { value: fieldValue(key, value) }])),
    };
    for (let attempt = 1; ; attempt++) {
      const token = await this.accessToken(attempt > 1);
      if (typeof token !== 'string') return token;
      const answer = await this.post(`/cgi-bin/message/subscribe/bizsend?access_token=${encodeURIComponent(token)}`, body);
      if ('result' in answer) return answer.result;
      const code = Number(answer.body['errcode'] ?? 0);
      if (code === 0) return { type: 'sent', gatewayRef: answer.body['msgid'] !== undefined ? String(answer.body['msgid']) : null };
      if (TOKEN_REFUSED.has(code) && attempt === 1) continue;
      return TRANSIENT.has(code) ? { type: 'transient', error: `wechat_${code}` } : { type: 'permanent', error: `wechat_${code}` };
    }
  }

  private async accessToken(renew: boolean): Promise<string | SendResult> {
    if (!renew && this.token && this.token.until > Date.now()) return this.token.value;
    const query = new URLSearchParams({ grant_type: 'client_credential', appid: this.settings.appId, secret: this.settings.appSecret });
    let response: Response;
    try {
      response = await fetch(`${this.settings.apiBase}/cgi-bin/token?${query}`, { signal: AbortSignal.timeout(this.settings.timeoutMs) });
    } catch (error) {
      return transportError(error);
    }
    if (!response.ok) return httpStatusError(response.status);
    const body = (await response.json().catch(() => ({}))) as { access_token?: string; expires_in?: number; errcode?: number };
    if (!body.access_token) return TRANSIENT.has(Number(body.errcode)) ? { type: 'transient', error: `wechat_${body.errcode}` } : { type: 'permanent', error: `wechat_token_${body.errcode ?? 'missing'}` };
    // Renewed five minutes early: a token that expires in flight costs a refused call.
    this.token = { value: body.access_token, until: Date.now() + Math.max(0, (body.expires_in ?? 7200) - 300) * 1000 };
    return body.access_token;
  }

  private async post(path: string, body: unknown): Promise<{ body: Record<string, unknown> } | { result: SendResult }> {
    let response: Response;
    try {
      response = await fetch(`${this.settings.apiBase}${path}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(body),
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      return { result: transportError(error) };
    }
    if (!response.ok) return { result: httpStatusError(response.status) };
    return { body: (await response.json().catch(() => ({ errcode: -1 }))) as Record<string, unknown> };
  }
}
