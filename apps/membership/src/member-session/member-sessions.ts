import { createHash, randomBytes } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { checkMobile } from '@ws/contracts';
import { CLOCK, type Clock } from '@ws/kernel';
import { DB } from '@ws/platform';
import { VerificationCodes } from '@ws/verification';
import type { MembershipDatabase } from '../db/database';
import { CURRENT_STATUSES, membershipById, type RegisteredMembership } from '../memberships/membership-registry';
import { PersonalDataVault } from '../personal-data/personal-data.vault';
import { membershipError } from '../membership.errors';

/** A member's session lasts this long: enough to show the card at a station and redeem, short if the phone is lost. */
export const MEMBER_SESSION_MINUTES = 30;
/** The header the worker pages send the session in (never the URL). */
export const MEMBER_SESSION_HEADER = 'x-member-session';

const hashOf = (token: string) => createHash('sha256').update(token).digest('hex');
const refused = () => membershipError('member_unauthenticated', '会员卡号、手机号或验证码不正确');

/**
 * A member signs in on the worker pages with the card number and an SMS code sent to the mobile
 * on record: a random token (kept here only as its SHA-256) for MEMBER_SESSION_MINUTES. The
 * card number and mobile travel in request bodies; the token in a header.
 */
@Injectable()
export class MemberSessions {
  constructor(
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(CLOCK) private readonly clock: Clock,
    private readonly codes: VerificationCodes,
    @Inject(PersonalDataVault) private readonly vault: PersonalDataVault,
  ) {}

  /** A code to the mobile only when it is the current member's with that card; a stranger gets the same answer and no SMS. */
  async sendCode(cardNumber: string, mobileInput: string) {
    const mobile = checkMobile(mobileInput);
    if (!mobile.ok) throw membershipError(mobile.code, mobile.message, 'mobile');
    if (await this.memberWith(cardNumber, mobile.value)) return this.codes.issue(mobile.value, 'member_login');
    const now = this.clock.now().getTime();
    return { expiresAt: new Date(now + 5 * 60_000).toISOString(), resendAfter: new Date(now + 60_000).toISOString() };
  }

  async signIn(cardNumber: string, mobileInput: string, code: string): Promise<{ token: string; expiresAt: string; cardNumber: string }> {
    const mobile = checkMobile(mobileInput);
    if (!mobile.ok) throw membershipError(mobile.code, mobile.message, 'mobile');
    const membership = await this.memberWith(cardNumber, mobile.value);
    // No code was sent for a stranger, so the check answers alike for one.
    const verified = await this.codes.check(mobile.value, 'member_login', code);
    if (!membership) throw refused();
    const token = randomBytes(32).toString('base64url');
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + MEMBER_SESSION_MINUTES * 60_000);
    await this.db.transaction().execute(async (trx) => {
      await verified.consume(trx);
      await trx.deleteFrom('member_sessions').where('expires_at', '<', now).execute();
      await trx.insertInto('member_sessions').values({ token_hash: hashOf(token), membership_id: membership.membershipId, created_at: now, expires_at: expiresAt }).execute();
    });
    return { token, expiresAt: expiresAt.toISOString(), cardNumber: membership.cardNumber };
  }

  /** The current membership the token speaks for, or 401. */
  async member(token: string | undefined): Promise<RegisteredMembership> {
    const expired = () => membershipError('member_session_invalid', '登录已过期，请重新登录', 'session');
    if (!token || !/^[A-Za-z0-9_-]{43}$/.test(token)) throw expired();
    const row = await this.db.selectFrom('member_sessions').select(['membership_id', 'expires_at']).where('token_hash', '=', hashOf(token)).executeTakeFirst();
    if (!row || row.expires_at.getTime() <= this.clock.now().getTime()) throw expired();
    const membership = await membershipById(this.db, row.membership_id);
    if (!membership || !CURRENT_STATUSES.includes(membership.status)) throw expired();
    return membership;
  }

  async signOut(token: string | undefined): Promise<void> {
    if (token) await this.db.deleteFrom('member_sessions').where('token_hash', '=', hashOf(token)).execute();
  }

  private async memberWith(cardNumber: string, mobile: string): Promise<{ membershipId: string; cardNumber: string } | undefined> {
    const row = await this.db
      .selectFrom('membership_registry as m')
      .innerJoin('persons as p', 'p.person_id', 'm.person_id')
      .select(['m.membership_id', 'm.card_number', 'p.mobile_hmac'])
      .where('m.card_number', '=', cardNumber.trim().toUpperCase())
      .where('m.status', 'in', CURRENT_STATUSES)
      .executeTakeFirst();
    if (!row || row.mobile_hmac !== this.vault.mobileHmac(mobile)) return undefined;
    return { membershipId: row.membership_id, cardNumber: row.card_number };
  }
}
