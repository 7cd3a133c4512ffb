import type { PersonEvent } from '@ws/contracts';
import { assertNever, checkEventText, type Decider, DomainError } from '@ws/kernel';
import { membershipError } from '../../membership.errors';

export const MAX_REFUSAL_REASON = 200;

/** A person's erasure requests: each requested, then refused or (by the erasure itself) done. */
export interface PersonState {
  erased: boolean;
  requests: Record<string, 'requested' | 'refused' | 'erased'>;
}

export type PersonCommand =
  | { type: 'RequestErasure'; personId: string; requestId: string }
  | { type: 'RefuseErasure'; personId: string; requestId: string; reason: string };

const initialState = (): PersonState => ({ erased: false, requests: {} });

function decide(command: PersonCommand, state: PersonState): PersonEvent[] | DomainError {
  switch (command.type) {
    case 'RequestErasure': {
      const earlier = state.requests[command.requestId];
      if (earlier !== undefined) return [];
      if (state.erased) return membershipError('person_already_erased', '该人员的个人信息已注销', 'personId');
      if (Object.values(state.requests).includes('requested')) {
        return membershipError('erasure_already_requested', '该人员已有待处理的注销申请', 'personId');
      }
      return [{ type: 'PersonErasureRequested', data: { personId: command.personId, requestId: command.requestId } }];
    }
    case 'RefuseErasure': {
      const request = state.requests[command.requestId];
      if (request === undefined) return membershipError('erasure_request_not_found', '没有该注销申请', 'requestId');
      if (request === 'refused') return [];
      if (request === 'erased') return membershipError('erasure_request_settled', '该申请已办结（个人信息已注销）', 'requestId');
      const reason = checkEventText(command.reason, 'reason', { max: MAX_REFUSAL_REASON, label: '不予注销的理由' });
      if (reason instanceof DomainError) return reason;
      return [{ type: 'PersonErasureRefused', data: { personId: command.personId, requestId: command.requestId, reason } }];
    }
    default:
      return assertNever(command, 'person command');
  }
}

function evolve(state: PersonState, event: PersonEvent): PersonState {
  switch (event.type) {
    case 'PersonErasureRequested':
      return { ...state, requests: { ...state.requests, [event.data.requestId]: 'requested' } };
    case 'PersonErasureRefused':
      return { ...state, requests: { ...state.requests, [event.data.requestId]: 'refused' } };
    case 'PersonErased':
      // The erasure settles whatever was open.
      return { erased: true, requests: Object.fromEntries(Object.entries(state.requests).map(([id, s]) => [id, s === 'requested' ? 'erased' : s])) };
    default:
      return assertNever(event, 'person event');
  }
}

export const personDecider: Decider<PersonCommand, PersonEvent, PersonState> = { decide, evolve, initialState };
