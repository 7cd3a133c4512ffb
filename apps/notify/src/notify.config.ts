import { IsIn, IsInt, IsOptional, IsString, Max, Min, MinLength } from 'class-validator';
import { loadConfig, secretWithDevelopmentValue } from '@ws/kernel';
import { KNOWN_PUSH_SERVICES } from './channels/push-endpoints';

/** Notify's settings from the environment, on top of the platform's (see README, "Notifications"). */
export class NotifyEnv {
  /** Where links in messages point: the node's public front (WAYSTATION_PUBLIC_HOST or the local front). */
  @IsString()
  PUBLIC_ORIGIN: string = 'http://127.0.0.1:4100';

  /**
   * `aliyun`: the Aliyun SMS API (dysmsapi, RPC signature); `dev`: the development message box;
   * `off`. Unset: `dev` with NOTIFY_DEV_BOX=on, else `off` (the same for WeChat and push).
   */
  @IsOptional() @IsIn(['dev', 'aliyun', 'off'])
  SMS_GATEWAY?: string;

  @IsString() SMS_ENDPOINT: string = 'https://dysmsapi.aliyuncs.com/';
  @IsOptional() @IsString() SMS_ACCESS_KEY_ID?: string;
  @IsOptional() @IsString() SMS_ACCESS_KEY_SECRET?: string;
  @IsString() SMS_SIGN_NAME: string = '工会驿站';
  /** JSON object message kind → TemplateCode registered at the gateway (default SMS_WS_<KIND>). */
  @IsOptional() @IsString() SMS_TEMPLATE_CODES?: string;

  /** `official`: the 公众号's subscription messages (bizsend); `dev`: the message box; `off`. */
  @IsOptional() @IsIn(['dev', 'official', 'off'])
  WECHAT_GATEWAY?: string;

  @IsString() WECHAT_API_BASE: string = 'https://api.weixin.qq.com';
  @IsOptional() @IsString() WECHAT_APP_ID?: string;
  @IsOptional() @IsString() WECHAT_APP_SECRET?: string;
  /** JSON object message kind → template_id of the 公众号's subscription template. */
  @IsOptional() @IsString() WECHAT_TEMPLATE_IDS?: string;

  /**
   * `webpush`: VAPID Web Push to the subscribed browsers; `dev`: the message box (with
   * VAPID_PUBLIC_KEY set, browsers can still subscribe: npm start's nodes); `off`.
   */
  @IsOptional() @IsIn(['dev', 'webpush', 'off'])
  PUSH_GATEWAY?: string;

  @IsOptional() @IsString() VAPID_PUBLIC_KEY?: string;
  @IsOptional() @IsString() VAPID_PRIVATE_KEY?: string;
  @IsString() VAPID_SUBJECT: string = 'mailto:ops@waystation.invalid';

  /** The push services browsers' subscriptions may name, comma-separated origins (`*.` for subdomains); unset: the four major browsers' own. */
  @IsOptional() @IsString() PUSH_ENDPOINT_ORIGINS?: string;

  /**
   * The development message box at /messages/ (what would have been sent, SMS codes included:
   * never on a node people use). npm start turns it on.
   */
  @IsIn(['on', 'off'])
  NOTIFY_DEV_BOX: string = 'off';

  /** Master key of notify's own vault (WeChat and push bindings); required in production. */
  @IsOptional() @IsString() @MinLength(32)
  NOTIFY_VAULT_KEY?: string;

  /** Gateway calls per channel in flight at once. */
  @IsInt() @Min(1) @Max(256)
  NOTIFY_SEND_CONCURRENCY: number = 16;

  /** How often due deliveries, reminders and digests are looked for. */
  @IsInt() @Min(20) @Max(60_000)
  NOTIFY_POLL_MS: number = 250;

  /** A gateway call slower than this is a transient failure (timeout). */
  @IsInt() @Min(100) @Max(120_000)
  NOTIFY_GATEWAY_TIMEOUT_MS: number = 10_000;

  /** Attempts of one delivery before it fails; transient errors wait base × 2^(n−1) between them. */
  @IsInt() @Min(1) @Max(20)
  NOTIFY_MAX_ATTEMPTS: number = 5;

  @IsInt() @Min(10) @Max(3_600_000)
  NOTIFY_RETRY_BASE_MS: number = 30_000;

  /** A claimed delivery whose process died is taken up again after this long. */
  @IsInt() @Min(1000) @Max(3_600_000)
  NOTIFY_CLAIM_MS: number = 60_000;

  /** Gateway messages per person per Asia/Shanghai day (invitations and codes are never held back). */
  @IsInt() @Min(1) @Max(1000)
  NOTIFY_DAILY_CAP: number = 10;

  /** How long a message may wait for its gateway deliveries (quiet hours, retries) before they expire. */
  @IsInt() @Min(1) @Max(24 * 30)
  NOTIFY_MESSAGE_TTL_HOURS: number = 72;

  /** Quiet hours, Asia/Shanghai, as HH:MM-HH:MM (22:00-07:00). */
  @IsString()
  NOTIFY_QUIET_HOURS: string = '22:00-07:00';

  /** Reminder this long before an invitation expires (at least a third of its time is left to answer). */
  @IsInt() @Min(1) @Max(24 * 60 * 60)
  NOTIFY_INVITATION_REMINDER_SECONDS: number = 600;

  /** Reminders before an upgrade's due date and a directive's deadline. */
  @IsInt() @Min(1) @Max(90)
  NOTIFY_DEADLINE_REMINDER_DAYS: number = 7;

  /** The officers' daily digest of overdue work, at this hour (Asia/Shanghai). */
  @IsInt() @Min(0) @Max(23)
  NOTIFY_DIGEST_HOUR: number = 8;

  /** The "shift tomorrow" reminder, at this hour of the day before (Asia/Shanghai). */
  @IsInt() @Min(0) @Max(23)
  NOTIFY_SHIFT_REMINDER_HOUR: number = 18;

  /** Request/reply time limit towards the owning services (contact look-ups, proofs). */
  @IsInt() @Min(100) @Max(60_000)
  NOTIFY_LOOKUP_TIMEOUT_MS: number = 5_000;
}

export interface GatewaySettings {
  sms:
    | { kind: 'dev' | 'off' }
    | { kind: 'aliyun'; endpoint: string; accessKeyId: string; accessKeySecret: string; signName: string; templateCodes: Record<string, string> };
  wechat: { kind: 'dev' | 'off' } | { kind: 'official'; apiBase: string; appId: string; appSecret: string; templateIds: Record<string, string> };
  /** `dev` with VAPID keys set: browsers can subscribe (the key is published) while pushes go to the message box. */
  push: { kind: 'off' } | { kind: 'dev'; publicKey?: string } | { kind: 'webpush'; publicKey: string; privateKey: string; subject: string };
}

export interface NotifyConfig {
  publicOrigin: string;
  gateways: GatewaySettings;
  /** Origins a push subscription's endpoint may be at (channels/push-endpoints.ts). */
  pushEndpointOrigins: readonly string[];
  devBox: boolean;
  vaultKey: string;
  sendConcurrency: number;
  pollMs: number;
  gatewayTimeoutMs: number;
  maxAttempts: number;
  retryBaseMs: number;
  claimMs: number;
  dailyCap: number;
  messageTtlMs: number;
  quietHours: { from: number; to: number };
  invitationReminderMs: number;
  deadlineReminderDays: number;
  digestHour: number;
  shiftReminderHour: number;
  lookupTimeoutMs: number;
  /** Passes only when the scheduler's run() is called (integration tests drive the clock and the passes). */
  manualPasses?: boolean;
}

export const NOTIFY_CONFIG = Symbol('NOTIFY_CONFIG');

export function notifyConfig(env: NodeJS.ProcessEnv = process.env): NotifyConfig {
  const raw = loadConfig(NotifyEnv, env);
  const unset = raw.NOTIFY_DEV_BOX === 'on' ? 'dev' : 'off';
  const smsGateway = raw.SMS_GATEWAY ?? unset;
  const wechatGateway = raw.WECHAT_GATEWAY ?? unset;
  const pushGateway = raw.PUSH_GATEWAY ?? unset;
  return {
    publicOrigin: raw.PUBLIC_ORIGIN.replace(/\/+$/, ''),
    gateways: {
      sms:
        smsGateway === 'aliyun'
          ? {
              kind: 'aliyun',
              endpoint: raw.SMS_ENDPOINT,
              accessKeyId: required(raw.SMS_ACCESS_KEY_ID, 'SMS_ACCESS_KEY_ID'),
              accessKeySecret: required(raw.SMS_ACCESS_KEY_SECRET, 'SMS_ACCESS_KEY_SECRET'),
              signName: raw.SMS_SIGN_NAME,
              templateCodes: jsonMap(raw.SMS_TEMPLATE_CODES, 'SMS_TEMPLATE_CODES'),
            }
          : { kind: smsGateway as 'dev' | 'off' },
      wechat:
        wechatGateway === 'official'
          ? {
              kind: 'official',
              apiBase: raw.WECHAT_API_BASE.replace(/\/+$/, ''),
              appId: required(raw.WECHAT_APP_ID, 'WECHAT_APP_ID'),
              appSecret: required(raw.WECHAT_APP_SECRET, 'WECHAT_APP_SECRET'),
              templateIds: jsonMap(raw.WECHAT_TEMPLATE_IDS, 'WECHAT_TEMPLATE_IDS'),
            }
          : { kind: wechatGateway as 'dev' | 'off' },
      push:
        pushGateway === 'webpush'
          ? {
              kind: 'webpush',
              publicKey: required(raw.VAPID_PUBLIC_KEY, 'VAPID_PUBLIC_KEY'),
              privateKey: required(raw.VAPID_PRIVATE_KEY, 'VAPID_PRIVATE_KEY'),
              subject: raw.VAPID_SUBJECT,
            }
          : pushGateway === 'dev' && raw.VAPID_PUBLIC_KEY
            ? { kind: 'dev', publicKey: raw.VAPID_PUBLIC_KEY }
            : { kind: pushGateway as 'dev' | 'off' },
    },
    pushEndpointOrigins: raw.PUSH_ENDPOINT_ORIGINS ? raw.PUSH_ENDPOINT_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean) : KNOWN_PUSH_SERVICES,
    devBox: raw.NOTIFY_DEV_BOX === 'on',
    vaultKey: secretWithDevelopmentValue('NOTIFY_VAULT_KEY', raw.NOTIFY_VAULT_KEY, env['NODE_ENV'], 'WeChat and push bindings are sealed', 'waystation-dev-notify-vault-key-change-me'),
    sendConcurrency: raw.NOTIFY_SEND_CONCURRENCY,
    pollMs: raw.NOTIFY_POLL_MS,
    gatewayTimeoutMs: raw.NOTIFY_GATEWAY_TIMEOUT_MS,
    maxAttempts: raw.NOTIFY_MAX_ATTEMPTS,
    retryBaseMs: raw.NOTIFY_RETRY_BASE_MS,
    claimMs: raw.NOTIFY_CLAIM_MS,
    dailyCap: raw.NOTIFY_DAILY_CAP,
    messageTtlMs: raw.NOTIFY_MESSAGE_TTL_HOURS * 3600_000,
    quietHours: parseQuietHours(raw.NOTIFY_QUIET_HOURS),
    invitationReminderMs: raw.NOTIFY_INVITATION_REMINDER_SECONDS * 1000,
    deadlineReminderDays: raw.NOTIFY_DEADLINE_REMINDER_DAYS,
    digestHour: raw.NOTIFY_DIGEST_HOUR,
    shiftReminderHour: raw.NOTIFY_SHIFT_REMINDER_HOUR,
    lookupTimeoutMs: raw.NOTIFY_LOOKUP_TIMEOUT_MS,
  };
}

/** Minutes of the day, Asia/Shanghai: 22:00-07:00 → { from: 1320, to: 420 }. */
export function parseQuietHours(text: string): { from: number; to: number } {
  const match = /^(\d{2}):(\d{2})-(\d{2}):(\d{2})$/.exec(text);
  const minutes = match ? [Number(match[1]) * 60 + Number(match[2]), Number(match[3]) * 60 + Number(match[4])] : [];
  if (!match || minutes.some((m) => m > 24 * 60)) throw new Error(`NOTIFY_QUIET_HOURS must be HH:MM-HH:MM: ${text}`);
  return { from: minutes[0]!, to: minutes[1]! };
}

function required(value: string | undefined, name: string): string {
  if (!value) throw new Error(`${name} is required by the gateway chosen`);
  return value;
}

function jsonMap(text: string | undefined, name: string): Record<string, string> {
  if (!text) return {};
  const parsed: unknown = JSON.parse(text);
  if (!parsed || typeof parsed !== 'object' || Object.values(parsed).some((v) => typeof v !== 'string')) throw new Error(`${name} must be a JSON object of strings`);
  return parsed as Record<string, string>;
}
