import type { PersonEvent } from '@ws/contracts';
import { fold } from '@ws/kernel';
import { type PersonCommand, personDecider } from './person.decider';

const personId = '0190a000-0000-7000-8000-000000000001';
const requestId = '0190a000-0000-7000-8000-0000000000aa';
const given = (...events: PersonEvent[]) => fold(personDecider, events);
const when = (command: PersonCommand, ...events: PersonEvent[]) => personDecider.decide(command, given(...events), { now: new Date() });
const requested: PersonEvent = { type: 'PersonErasureRequested', data: { personId, requestId } };

describe('person decider (erasure requests)', () => {
  it('records a request once; a repeat of the same id is a no-op; a second open request is refused', () => {
    expect(when({ type: 'RequestErasure', personId, requestId })).toEqual([requested]);
    expect(when({ type: 'RequestErasure', personId, requestId }, requested)).toEqual([]);
    expect(when({ type: 'RequestErasure', personId, requestId: 'other' }, requested)).toMatchObject({ code: 'erasure_already_requested' });
  });

  it('refuses an open request with a reason, but not one already settled by the erasure, and never with a mobile in it', () => {
    expect(when({ type: 'RefuseErasure', personId, requestId, reason: '会籍转移未办结' }, requested)).toEqual([
      { type: 'PersonErasureRefused', data: { personId, requestId, reason: '会籍转移未办结' } },
    ]);
    expect(when({ type: 'RefuseErasure', personId, requestId, reason: '' }, requested)).toMatchObject({ code: 'validation_failed', field: 'reason' });
    expect(when({ type: 'RefuseErasure', personId, requestId, reason: '请联系 13800138000' }, requested)).toMatchObject({ code: 'personal_data_in_text' });
    expect(when({ type: 'RefuseErasure', personId, requestId, reason: '理由' }, requested, { type: 'PersonErased', data: { personId } })).toMatchObject({ code: 'erasure_request_settled' });
    expect(when({ type: 'RefuseErasure', personId, requestId: 'nope', reason: '理由' })).toMatchObject({ code: 'erasure_request_not_found' });
  });

  it('refuses a request for a person already erased', () => {
    expect(when({ type: 'RequestErasure', personId, requestId }, { type: 'PersonErased', data: { personId } })).toMatchObject({ code: 'person_already_erased' });
  });
});
