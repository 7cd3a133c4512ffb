import { createHmac, randomUUID } from 'node:crypto';
import { smsVariables } from '../templates/templates';
import type { ChannelGateway, OutgoingMessage, SendResult } from './gateway';
import { httpStatusError, transportError } from './gateway';

/** What the Aliyun SMS API (dysmsapi 2017-05-25) needs from the node. */
export interface AliyunSmsSettings {
  endpoint: string;
  accessKeyId: string;
  accessKeySecret: string;
  signName: string;
  /** Message kind (or `verification_code`) → TemplateCode; default SMS_WS_<KIND>. */
  templateCodes: Record<string, string>;
  timeoutMs: number;
}

/** One SMS by template: the gateway renders `text`'s registered template with `vars`. */
export interface SmsRequest {
  phone: string;
  template: string;
  vars: Record<string, string>;
  outId: string;
}

/** Codes that say "later": throttling and the gateway's own trouble. */
const TRANSIENT_CODES = new Set(['isv.BUSINESS_LIMIT_CONTROL', 'Throttling', 'Throttling.User', 'ServiceUnavailable', 'InternalError', 'isp.RAM_PERMISSION_DENY_TEMP', 'SignatureNonceUsed']);

/** RFC 3986 encoding as Aliyun's RPC signature wants it (space %20, * %2A, ~ kept). */
export function percentEncode(value: string): string {
  return encodeURIComponent(value).replace(/[!'()*]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`);
}

/** Signature = Base64(HMAC-SHA1(secret + "&", METHOD & %2F & encode(sorted canonical query))). */
export function aliyunSignature(method: 'GET' | 'POST', params: Record<string, string>, secret: string): string {
  const canonical = Object.keys(params)
    .sort()
    .map((key) => `${percentEncode(key)}=${percentEncode(params[key]!)}`)
    .join('&');
  const stringToSign = `${method}&${percentEncode('/')}&${percentEncode(canonical)}`;
  return createHmac('sha1', `${secret}&`).update(stringToSign).digest('base64');
}

/** yyyyMMdd of `at` in Asia/Shanghai (QuerySendDetails' SendDate). */
function sendDate(at: Date): string {
  return new Date(at.getTime() + 8 * 3600_000).toISOString().slice(0, 10).replace(/-/g, '');
}

/**
 * SMS through the Aliyun SMS API's RPC shape: form-encoded POST of the common parameters
 * (AccessKeyId, Timestamp, SignatureNonce, HMAC-SHA1 signature) and SendSms' own; the OutId is
 * the delivery id, so an attempt in doubt is found again with QuerySendDetails.
 */
export class AliyunSmsGateway implements ChannelGateway {
  readonly channel = 'sms' as const;

  constructor(private readonly settings: AliyunSmsSettings) {}

  send(message: OutgoingMessage, phone: string): Promise<SendResult> {
    return this.sendSms({ phone, template: message.kind, vars: smsVariables(message.kind, message.params, message.url), outId: message.deliveryId });
  }

  async sendSms(request: SmsRequest): Promise<SendResult> {
    const answer = await this.call({
      Action: 'SendSms',
      PhoneNumbers: request.phone,
      SignName: this.settings.signName,
      TemplateCode: this.settings.templateCodes[request.template] ?? `SMS_WS_${request.template.toUpperCase()}`,
      TemplateParam: JSON.stringify(request.vars),
      OutId: request.outId,
    });
    if ('result' in answer) return answer.result;
    const code = String(answer.body['Code'] ?? '');
    if (code === 'OK') return { type: 'sent', gatewayRef: typeof answer.body['BizId'] === 'string' ? answer.body['BizId'] : null };
    return TRANSIENT_CODES.has(code) ? { type: 'transient', error: code } : { type: 'permanent', error: code || 'unknown' };
  }

  async findSent(message: OutgoingMessage, phone: string, since: Date): Promise<{ gatewayRef: string | null } | null | undefined> {
    const answer = await this.call({ Action: 'QuerySendDetails', PhoneNumber: phone, SendDate: sendDate(since), PageSize: '50', CurrentPage: '1' });
    if ('result' in answer || answer.body['Code'] !== 'OK') return undefined;
    const details = (answer.body['SmsSendDetailDTOs'] as { SmsSendDetailDTO?: Array<{ OutId?: string }> } | undefined)?.SmsSendDetailDTO ?? [];
    return details.some((detail) => detail.OutId === message.deliveryId) ? { gatewayRef: null } : null;
  }

  private async call(action: Record<string, string>): Promise<{ body: Record<string, unknown> } | { result: SendResult }> {
    const params: Record<string, string> = {
      AccessKeyId: this.settings.accessKeyId,
      Format: 'JSON',
      RegionId: 'cn-hangzhou',
      SignatureMethod: 'HMAC-SHA1',
      SignatureNonce: randomUUID(),
      SignatureVersion: '1.0',
      Timestamp: new Date().toISOString().replace(/\.\d{3}Z$/, 'Z'),
      Version: '2017-05-25',
      ...action,
    };
    const body = new URLSearchParams({ ...params, Signature: aliyunSignature('POST', params, this.settings.accessKeySecret) });
    let response: Response;
    try {
      response = await fetch(this.settings.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/x-www-form-urlencoded' },
        body,
        signal: AbortSignal.timeout(this.settings.timeoutMs),
      });
    } catch (error) {
      return { result: transportError(error) };
    }
    let parsed: Record<string, unknown> | undefined;
    try {
      parsed = (await response.json()) as Record<string, unknown>;
    } catch {
      parsed = undefined;
    }
    // Aliyun answers a refused request with 4xx and a JSON Code; anything else is the HTTP status.
    if (parsed && typeof parsed['Code'] === 'string') return { body: parsed };
    return { result: response.ok ? { type: 'transient', error: 'bad_answer' } : httpStatusError(response.status) };
  }
}
