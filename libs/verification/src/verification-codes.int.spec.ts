import { Kysely } from 'kysely';
import type { VerificationCodeRequest } from '@ws/contracts';
import { createDb, migrateToLatest } from '@ws/eventstore';
import { DomainError, FixedClock } from '@ws/kernel';
import { createTestDatabase, type TestDatabase } from '@ws/testing';
import { verificationMigrations } from './migrations';
import { VerificationCodes } from './verification-codes';

describe('VerificationCodes (real Postgres)', () => {
  let database: TestDatabase;
  let db: Kysely<any>;
  const clock = new FixedClock(new Date('2026-06-01T02:00:00Z'));
  const sent: VerificationCodeRequest[] = [];
  let failSending = false;
  const sender = {
    send: async (request: VerificationCodeRequest) => {
      if (failSending) throw new Error('notify unreachable');
      sent.push(request);
    },
  };
  let codes: VerificationCodes;
  let mobileSeq = 0;
  const freshMobile = () => `1391234${String(++mobileSeq).padStart(4, '0')}`;
  const lastCode = () => sent[sent.length - 1]!.code;
  const errorCode = (promise: Promise<unknown>) => promise.then(() => 'resolved', (error: unknown) => (error instanceof DomainError ? error.code : String(error)));

  beforeAll(async () => {
    database = await createTestDatabase('verification');
    db = createDb(database.url, { max: 2 });
    await migrateToLatest(db, verificationMigrations);
    codes = new VerificationCodes(db, sender, clock, { hmacKey: Buffer.alloc(32, 7), maxPerDay: 3 });
  });
  afterAll(async () => {
    await db.destroy();
    await database.drop();
  });

  it('sends six digits, keeps neither the mobile nor the code, and takes the right code once', async () => {
    const mobile = freshMobile();
    const issued = await codes.issue(mobile, 'join');
    expect(sent[sent.length - 1]).toMatchObject({ mobile, purpose: 'join', expiresAt: issued.expiresAt });
    expect(lastCode()).toMatch(/^\d{6}$/);
    const stored = JSON.stringify(await db.selectFrom('verification_codes').selectAll().execute());
    expect(stored).not.toContain(mobile);
    expect(stored).not.toContain(`"${lastCode()}"`);

    const verified = await codes.check(mobile, 'join', lastCode());
    await db.transaction().execute((trx) => verified.consume(trx));
    expect(await errorCode(codes.check(mobile, 'join', lastCode()))).toBe('code_invalid');
  });

  it('a code for one purpose does not open another, and a refused unlock leaves the code usable', async () => {
    const mobile = freshMobile();
    await codes.issue(mobile, 'join');
    const code = lastCode();
    expect(await errorCode(codes.check(mobile, 'volunteer_login', code))).toBe('code_invalid');
    const verified = await codes.check(mobile, 'join', code);
    await expect(db.transaction().execute(async (trx) => {
      await verified.consume(trx);
      throw new Error('the application was refused');
    })).rejects.toThrow('refused');
    await codes.verify(mobile, 'join', code);
  });

  it('counts wrong tries even though each is refused, and a dead code stays dead', async () => {
    const mobile = freshMobile();
    await codes.issue(mobile, 'join');
    const code = lastCode();
    const wrong = code === '000000' ? '111111' : '000000';
    for (let i = 0; i < 5; i++) expect(await errorCode(codes.check(mobile, 'join', wrong))).toBe('code_invalid');
    expect(await errorCode(codes.check(mobile, 'join', code))).toBe('code_attempts_exceeded');
  });

  it('expires, throttles resends and caps a day', async () => {
    const mobile = freshMobile();
    await codes.issue(mobile, 'volunteer_login');
    const code = lastCode();
    expect(await errorCode(codes.issue(mobile, 'volunteer_login'))).toBe('code_throttled');
    clock.advance(5 * 60_000 + 1);
    expect(await errorCode(codes.check(mobile, 'volunteer_login', code))).toBe('code_expired');
    await codes.issue(mobile, 'volunteer_login');
    clock.advance(61_000);
    await codes.issue(mobile, 'volunteer_login');
    clock.advance(61_000);
    expect(await errorCode(codes.issue(mobile, 'volunteer_login'))).toBe('code_daily_limit');
    clock.advance(24 * 3600_000);
    await codes.issue(mobile, 'volunteer_login');
  });

  it('a code notify could not send is void, and the person may ask again at once', async () => {
    const mobile = freshMobile();
    failSending = true;
    expect(await errorCode(codes.issue(mobile, 'join'))).toBe('code_not_sent');
    failSending = false;
    await codes.issue(mobile, 'join');
    await codes.verify(mobile, 'join', lastCode());
  });
});
