import { DomainError } from '@ws/kernel';
import {
  checkSingleVisit,
  checkVisit,
  checkVisitBatch,
  CLOCK_SKEW_MS,
  MAX_VISIT_AGE_MS,
  MAX_VISITS_PER_BATCH,
  type BatchVerdicts,
  type RejectedVisit,
} from './visit-validation';

const NOW = new Date('2026-06-01T02:00:00.000Z');
const at = (offsetMs: number) => new Date(NOW.getTime() + offsetMs).toISOString();
const visit = (overrides: Record<string, unknown> = {}) => ({ key: 'kiosk-17-000001', at: at(-60_000), occupation: 'rider', ...overrides });

function rejected(raw: unknown): RejectedVisit {
  const verdict = checkVisit(raw, NOW);
  if (verdict.status !== 'rejected') throw new Error(`expected a rejection, got ${JSON.stringify(verdict)}`);
  return verdict;
}

describe('checkVisit', () => {
  it('accepts a valid visit and normalises its time to UTC', () => {
    expect(checkVisit(visit({ at: '2026-06-01T09:30:00+08:00' }), NOW)).toEqual({
      index: 0,
      status: 'accepted',
      visit: { key: 'kiosk-17-000001', at: '2026-06-01T01:30:00.000Z', occupation: 'rider' },
    });
  });

  it('upper-cases and trims a member card, and treats an empty one as absent', () => {
    const withCard = checkVisit(visit({ memberCard: ' zj330802000123 ' }), NOW);
    expect(withCard.status === 'accepted' && withCard.visit.memberCard).toBe('ZJ330802000123');
    const empty = checkVisit(visit({ memberCard: '' }), NOW);
    expect(empty.status === 'accepted' && 'memberCard' in empty.visit).toBe(false);
  });

  it('allows the clock skew into the future, not more', () => {
    expect(checkVisit(visit({ at: at(CLOCK_SKEW_MS) }), NOW).status).toBe('accepted');
    expect(rejected(visit({ at: at(CLOCK_SKEW_MS + 1000) })).reason).toBe('visit_in_future');
  });

  it('accepts offline visits up to 30 days old, not older', () => {
    expect(checkVisit(visit({ at: at(-MAX_VISIT_AGE_MS) }), NOW).status).toBe('accepted');
    expect(rejected(visit({ at: at(-MAX_VISIT_AGE_MS - 1000) })).reason).toBe('visit_too_old');
  });

  it.each([
    ['a short key', { key: 'abc' }, 'invalid_visit_key', 'key'],
    ['a key with spaces', { key: 'kiosk 17 000001' }, 'invalid_visit_key', 'key'],
    ['a 65-character key', { key: 'k'.repeat(65) }, 'invalid_visit_key', 'key'],
    ['a time without zone', { at: '2026-06-01T09:30:00' }, 'invalid_visit_time', 'at'],
    ['an impossible date', { at: '2026-02-30T09:30:00Z' }, 'invalid_visit_time', 'at'],
    ['a missing time', { at: undefined }, 'invalid_visit_time', 'at'],
    ['an unknown occupation', { occupation: 'astronaut' }, 'unknown_occupation', 'occupation'],
    ['a member card with symbols', { memberCard: 'ZJ-3308' }, 'invalid_member_card', 'memberCard'],
    ['a member card too short', { memberCard: 'A1B2' }, 'invalid_member_card', 'memberCard'],
    ['a phone number field', { phone: '13800000000' }, 'unknown_visit_field', 'phone'],
  ])('rejects %s', (_why, overrides, reason, field) => {
    const verdict = rejected(visit(overrides));
    expect(verdict.reason).toBe(reason);
    expect(verdict.field).toBe(field);
  });

  it('rejects what is not an object', () => {
    for (const raw of [null, 'visit', 42, [visit()]]) expect(rejected(raw).reason).toBe('invalid_visit');
  });

  it('echoes a valid key on rejection so the client can match it, but not an invalid one', () => {
    expect(rejected(visit({ occupation: 'pilot' })).key).toBe('kiosk-17-000001');
    expect(rejected(visit({ key: '!' })).key).toBeNull();
  });
});

describe('checkSingleVisit', () => {
  it('stamps a live check-in without time with now', () => {
    expect(checkSingleVisit({ key: 'qr-scan-0001', occupation: 'courier' }, NOW)).toEqual({ key: 'qr-scan-0001', at: NOW.toISOString(), occupation: 'courier' });
  });

  it('answers a refusal as a DomainError whose code is the reason', () => {
    const error = checkSingleVisit(visit({ occupation: 'pilot' }), NOW);
    expect(error).toBeInstanceOf(DomainError);
    expect((error as DomainError).code).toBe('unknown_occupation');
    expect((error as DomainError).field).toBe('occupation');
  });
});

describe('checkVisitBatch', () => {
  it('judges each item alone: bad items are rejected with reasons, the others kept in order', () => {
    const items = [
      visit({ key: 'kiosk-17-000001' }),
      visit({ key: 'kiosk-17-000002', occupation: 'pilot' }),
      visit({ key: 'kiosk-17-000003', occupation: 'sanitation' }),
      visit({ key: 'kiosk-17-000004', at: at(-MAX_VISIT_AGE_MS - 60_000) }),
      'garbage',
      visit({ key: 'kiosk-17-000006', occupation: 'care_worker' }),
    ];
    const result = checkVisitBatch(items, NOW) as BatchVerdicts;
    expect(result.verdicts.map((v) => v.status)).toEqual(['accepted', 'rejected', 'accepted', 'rejected', 'rejected', 'accepted']);
    expect(result.accepted.map((v) => v.key)).toEqual(['kiosk-17-000001', 'kiosk-17-000003', 'kiosk-17-000006']);
    expect(result.rejected.map((v) => [v.index, v.reason])).toEqual([
      [1, 'unknown_occupation'],
      [3, 'visit_too_old'],
      [4, 'invalid_visit'],
    ]);
  });

  it('requires a time on every item of an offline upload', () => {
    const result = checkVisitBatch([{ key: 'kiosk-17-000001', occupation: 'rider' }], NOW) as BatchVerdicts;
    expect(result.rejected[0]!.reason).toBe('invalid_visit_time');
  });

  it('passes repeated keys on: the recording transaction counts them once', () => {
    const result = checkVisitBatch([visit(), visit()], NOW) as BatchVerdicts;
    expect(result.accepted).toHaveLength(2);
  });

  it(`takes ${MAX_VISITS_PER_BATCH} items, refuses more, and refuses an empty batch`, () => {
    const full = Array.from({ length: MAX_VISITS_PER_BATCH }, (_, i) => visit({ key: `kiosk-17-${String(i).padStart(6, '0')}` }));
    expect((checkVisitBatch(full, NOW) as BatchVerdicts).accepted).toHaveLength(MAX_VISITS_PER_BATCH);
    expect((checkVisitBatch([...full, visit()], NOW) as DomainError).code).toBe('checkin_batch_too_large');
    expect((checkVisitBatch([], NOW) as DomainError).code).toBe('checkin_batch_empty');
    expect((checkVisitBatch('not a list', NOW) as DomainError).code).toBe('checkin_batch_empty');
  });
});
