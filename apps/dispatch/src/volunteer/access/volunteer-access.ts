import { Inject, Injectable } from '@nestjs/common';
import { createHmac, randomBytes, randomInt, scrypt as scryptCallback, timingSafeEqual } from 'node:crypto';
import { promisify } from 'node:util';
import { jwtVerify, SignJWT } from 'jose';
import { Kysely, Transaction } from 'kysely';
import { CLOCK } from '@ws/kernel';
import type { Clock } from '@ws/kernel';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { DISPATCH_CONFIG } from '../../dispatch.config';
import type { DispatchConfig } from '../../dispatch.config';
import type { DispatchDatabase } from '../../db/database';
import { dispatchError } from '../../dispatch.errors';

const scrypt = promisify(scryptCallback) as (password: string, salt: Buffer, keylen: number) => Promise<Buffer>;

/** No 0/O, 1/I/L: a code read aloud or copied from a card survives. 12 characters ≈ 60 bits. */
const CODE_ALPHABET = '23456789ABCDEFGHJKMNPQRSTUVWXYZ';
const CODE_LENGTH = 12;
const TOKEN_TYPE = 'volunteer';

function newAccessCode(): string {
  return Array.from({ length: CODE_LENGTH }, () => CODE_ALPHABET[randomInt(CODE_ALPHABET.length)]).join('');
}

const unauthenticated = () => dispatchError('volunteer_unauthenticated', '志愿者编号或登录码不正确');

/**
 * Volunteers have no officer account. At registration (or a reset by an officer) they get an
 * access code, shown once; with their volunteer id and the code they obtain a volunteer token.
 * The token is signed with a key derived from VOLUNTEER_TOKEN_SECRET for this purpose only (HS256):
 * it can never pass as an officer's token (EdDSA, announced keys), nor an officer's as a volunteer's.
 */
@Injectable()
export class VolunteerAccess {
  private readonly signingKey: Uint8Array;

  constructor(
    @Inject(DB) private readonly db: Kysely<DispatchDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly platform: PlatformConfig,
    @Inject(DISPATCH_CONFIG) private readonly config: DispatchConfig,
    @Inject(CLOCK) private readonly clock: Clock,
  ) {
    this.signingKey = createHmac('sha256', config.volunteerTokenSecret).update('waystation:volunteer-token').digest();
  }

  /** A fresh code for the volunteer (replacing any earlier one); returns it for showing once. */
  async issueCode(executor: Kysely<any> | Transaction<any>, volunteerId: string): Promise<string> {
    const code = newAccessCode();
    const salt = randomBytes(16);
    const codeHash = await scrypt(code, salt, 32);
    await (executor as Kysely<DispatchDatabase>)
      .insertInto('volunteer_access_codes')
      .values({ volunteer_id: volunteerId, code_hash: codeHash, salt, issued_at: this.clock.now() })
      .onConflict((oc) => oc.column('volunteer_id').doUpdateSet({ code_hash: codeHash, salt, issued_at: this.clock.now() }))
      .execute();
    return code;
  }

  async login(volunteerId: string, code: string): Promise<{ token: string; expiresAt: string }> {
    const row = await this.db
      .selectFrom('volunteer_access_codes')
      .select(['code_hash', 'salt'])
      .where('volunteer_id', '=', volunteerId)
      .executeTakeFirst();
    // Hash even for an unknown id so timing does not tell which ids exist.
    const attempt = await scrypt(code.toUpperCase(), row?.salt ?? randomBytes(16), 32);
    if (!row || !timingSafeEqual(attempt, row.code_hash)) throw unauthenticated();
    return this.sessionFor(volunteerId);
  }

  /** A volunteer token for someone whose identity was proven (access code, or mobile + SMS code). */
  async sessionFor(volunteerId: string): Promise<{ token: string; expiresAt: string }> {
    const now = this.clock.now();
    const expiresAt = new Date(now.getTime() + this.config.volunteerTokenTtlSeconds * 1000);
    const token = await new SignJWT({ typ: TOKEN_TYPE, node: this.platform.node.code })
      .setProtectedHeader({ alg: 'HS256' })
      .setSubject(volunteerId)
      .setIssuedAt(Math.floor(now.getTime() / 1000))
      .setExpirationTime(Math.floor(expiresAt.getTime() / 1000))
      .sign(this.signingKey);
    return { token, expiresAt: expiresAt.toISOString() };
  }

  /** The volunteer id of a valid token issued by this node; a code reset does not revoke earlier tokens. */
  async verify(token: string): Promise<string> {
    try {
      const { payload } = await jwtVerify(token, this.signingKey, { algorithms: ['HS256'], currentDate: this.clock.now() });
      if (payload['typ'] !== TOKEN_TYPE || payload['node'] !== this.platform.node.code || typeof payload.sub !== 'string') throw unauthenticated();
      return payload.sub;
    } catch {
      throw dispatchError('volunteer_unauthenticated', '志愿者令牌无效或已过期');
    }
  }
}
