import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';
import { Kysely, Transaction } from 'kysely';
import { checkMobile, IDENTITY_REFUSAL_STATUSES, shanghaiToday } from '@ws/contracts';
import type { CodePurpose, VerificationCodeRequest } from '@ws/contracts';
import { defineErrorTable, DomainError, errorsOf, keyedHash, newId } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import type { VerificationTables } from './tables';

/**
 * Every refusal of a verification code, with its HTTP status (and the mobile's refusals: a code
 * goes to a checked mobile); a service that sends codes includes it in its table.
 */
export const VERIFICATION_ERRORS = defineErrorTable(
  {
    code_throttled: 429,
    code_daily_limit: 429,
    code_attempts_exceeded: 429,
    code_invalid: 422,
    code_expired: 422,
    code_not_sent: 503,
  },
  defineErrorTable(IDENTITY_REFUSAL_STATUSES),
);

const verificationError = errorsOf(VERIFICATION_ERRORS);

export interface VerificationSettings {
  /** The service's own secret for keyed hashes: neither the mobile nor the code is stored in clear. */
  hmacKey: Buffer;
  /** How long a code is good for (default 5 minutes). */
  ttlMs?: number;
  /** Wrong tries before the code is dead (default 5). */
  maxAttempts?: number;
  /** A new code for the same mobile and purpose not before this long (default 60 s). */
  resendAfterMs?: number;
  /** Codes per mobile and purpose per Asia/Shanghai day (default 10). */
  maxPerDay?: number;
}

/** Delivers a code (notify's SMS, over the request subject); throws when it could not. */
export interface CodeSender {
  send(request: VerificationCodeRequest): Promise<void>;
}

export interface IssuedCode {
  expiresAt: string;
  /** When a new code may be asked for. */
  resendAfter: string;
}

/** A code that matched: consume it in the transaction of what it unlocks (unused if that fails). */
export interface VerifiedCode {
  consume(trx: Transaction<any>): Promise<void>;
}

const CODE_DIGITS = 6;

/**
 * SMS verification codes for a mobile and a purpose (join, volunteer sign-in …), shared by the
 * services that must check a mobile: six random digits, stored only as a keyed hash under a keyed
 * hash of the mobile, one live code per mobile and purpose, a short expiry, a limit of wrong tries
 * (counted in their own transaction, so a refused request cannot roll them back), a resend
 * throttle and a daily cap. The code goes out through notify; this side keeps no mobile.
 */
export class VerificationCodes {
  private readonly ttlMs: number;
  private readonly maxAttempts: number;
  private readonly resendAfterMs: number;
  private readonly maxPerDay: number;

  constructor(
    private readonly db: Kysely<any>,
    private readonly sender: CodeSender,
    private readonly clock: Clock,
    private readonly settings: VerificationSettings,
  ) {
    this.ttlMs = settings.ttlMs ?? 5 * 60_000;
    this.maxAttempts = settings.maxAttempts ?? 5;
    this.resendAfterMs = settings.resendAfterMs ?? 60_000;
    this.maxPerDay = settings.maxPerDay ?? 10;
  }

  async issue(mobileInput: string, purpose: CodePurpose): Promise<IssuedCode> {
    const mobile = normalisedMobile(mobileInput);
    const mobileHash = this.mobileHash(mobile, purpose);
    const now = this.clock.now();
    const today = shanghaiToday(now);
    const code = String(randomInt(0, 10 ** CODE_DIGITS)).padStart(CODE_DIGITS, '0');
    const requestId = newId();
    const expiresAt = new Date(now.getTime() + this.ttlMs);
    await this.codes().transaction().execute(async (trx) => {
      const row = await trx.selectFrom('verification_codes').selectAll().where('mobile_hash', '=', mobileHash).forUpdate().executeTakeFirst();
      if (row) {
        const wait = row.issued_at.getTime() + this.resendAfterMs - now.getTime();
        if (wait > 0) {
          const seconds = Math.ceil(wait / 1000);
          throw verificationError('code_throttled', `验证码发送过于频繁，请 ${seconds} 秒后再试`, 'mobile', { retryAfterSeconds: seconds });
        }
        if (row.day === today && row.sent_today >= this.maxPerDay) {
          throw verificationError('code_daily_limit', '今天获取验证码的次数已用完，请明天再试', 'mobile');
        }
      }
      const values = {
        code_hash: this.codeHash(mobileHash, requestId, code),
        request_id: requestId,
        issued_at: now,
        expires_at: expiresAt,
        attempts: 0,
        consumed_at: null,
        day: today,
        sent_today: row && row.day === today ? row.sent_today + 1 : 1,
      };
      if (row) await trx.updateTable('verification_codes').set(values).where('mobile_hash', '=', mobileHash).execute();
      else await trx.insertInto('verification_codes').values({ mobile_hash: mobileHash, purpose, ...values }).execute();
    });
    try {
      await this.sender.send({ mobile, purpose, code, expiresAt: expiresAt.toISOString(), requestId });
    } catch {
      // Not sent: the code is void, and the person may ask again at once.
      await this.codes().updateTable('verification_codes').set({ consumed_at: now, issued_at: new Date(0) }).where('mobile_hash', '=', mobileHash).where('request_id', '=', requestId).execute();
      throw verificationError('code_not_sent', '验证码发送失败，请稍后再试', 'mobile');
    }
    return { expiresAt: expiresAt.toISOString(), resendAfter: new Date(now.getTime() + this.resendAfterMs).toISOString() };
  }

  /**
   * Checks a code. A wrong one counts against the limit at once (committed here); a right one is
   * returned to be consumed with what it unlocks.
   */
  async check(mobileInput: string, purpose: CodePurpose, code: string): Promise<VerifiedCode> {
    const checked = checkMobile(mobileInput);
    if (!checked.ok) throw invalid();
    const mobile = checked.value;
    const mobileHash = this.mobileHash(mobile, purpose);
    const now = this.clock.now();
    const requestId = await this.codes().transaction().execute(async (trx) => {
      const row = await trx.selectFrom('verification_codes').selectAll().where('mobile_hash', '=', mobileHash).forUpdate().executeTakeFirst();
      if (!row || row.consumed_at !== null) return invalid();
      if (row.attempts >= this.maxAttempts) return verificationError('code_attempts_exceeded', '验证码错误次数过多，请重新获取', 'code');
      if (row.expires_at.getTime() <= now.getTime()) return verificationError('code_expired', '验证码已过期，请重新获取', 'code');
      const given = Buffer.from(this.codeHash(mobileHash, row.request_id, code.trim()), 'hex');
      if (!timingSafeEqual(given, Buffer.from(row.code_hash, 'hex'))) {
        await trx.updateTable('verification_codes').set({ attempts: row.attempts + 1 }).where('mobile_hash', '=', mobileHash).execute();
        return invalid();
      }
      return row.request_id;
    });
    if (requestId instanceof DomainError) throw requestId;
    return {
      consume: async (trx) => {
        const { numUpdatedRows } = await (trx as Transaction<VerificationTables>)
          .updateTable('verification_codes')
          .set({ consumed_at: this.clock.now() })
          .where('mobile_hash', '=', mobileHash)
          .where('request_id', '=', requestId)
          .where('consumed_at', 'is', null)
          .executeTakeFirst();
        if (Number(numUpdatedRows) !== 1) throw invalid();
      },
    };
  }

  /** Checks and consumes at once, for a code that unlocks nothing written (a session). */
  async verify(mobile: string, purpose: CodePurpose, code: string): Promise<void> {
    const verified = await this.check(mobile, purpose, code);
    await this.codes().transaction().execute((trx) => verified.consume(trx));
  }

  /** Codes dead for a day are deleted (they hold nothing but hashes; the daily count needs today's). */
  async prune(): Promise<number> {
    const before = new Date(this.clock.now().getTime() - 24 * 3600_000);
    const { numDeletedRows } = await this.codes().deleteFrom('verification_codes').where('expires_at', '<', before).executeTakeFirst();
    return Number(numDeletedRows);
  }

  private mobileHash(mobile: string, purpose: CodePurpose): string {
    return keyedHash(this.settings.hmacKey, `verification-mobile:${purpose}`, mobile);
  }

  private codeHash(mobileHash: string, requestId: string, code: string): string {
    return createHmac('sha256', this.settings.hmacKey).update(`verification-code:${mobileHash}:${requestId}:${code}`).digest('hex');
  }

  private codes(): Kysely<VerificationTables> {
    return this.db as Kysely<VerificationTables>;
  }
}

function invalid(): DomainError {
  return verificationError('code_invalid', '验证码不正确或已失效', 'code');
}

function normalisedMobile(input: string): string {
  const checked = checkMobile(input);
  if (!checked.ok) throw verificationError(checked.code, checked.message, 'mobile');
  return checked.value;
}

