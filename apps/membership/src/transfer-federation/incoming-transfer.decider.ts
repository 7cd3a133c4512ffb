import type { IncomingTransferEvent, TransferEnds, TransferringMember } from '@ws/contracts';
import { assertNever, checkEventText, Decider, DomainError } from '@ws/kernel';
import { membershipError } from '../membership.errors';

export type IncomingStatus = 'none' | 'received' | 'accepted' | 'declined' | 'cancelled' | 'completed';

export interface IncomingTransferState {
  status: IncomingStatus;
  ends: TransferEnds | null;
  member: TransferringMember | null;
  /** The member's personal data has arrived from the source. */
  dataReceived: boolean;
}

/**
 * A member coming from another node, as the target node sees it (stream transfer-<id>): offered
 * by the common ancestor's directive, accepted or declined by the target union's officer, then
 * completed when the source has let the member go — or cancelled if the source withdrew.
 * Every step repeated (a redelivered directive) is a no-op.
 */
export type IncomingTransferCommand =
  | { type: 'ReceiveOffer'; ends: TransferEnds; member: TransferringMember }
  | { type: 'AcceptIncoming'; unionActive: boolean; handoverKey: string }
  | { type: 'DeclineIncoming'; reason: string }
  | { type: 'CompleteIncoming' }
  | { type: 'CancelIncoming' }
  | { type: 'RecordDataReceived' };

const initialState = (): IncomingTransferState => ({ status: 'none', ends: null, member: null, dataReceived: false });

function decide(command: IncomingTransferCommand, state: IncomingTransferState): IncomingTransferEvent[] | DomainError {
  switch (command.type) {
    case 'ReceiveOffer':
      if (state.status !== 'none') return [];
      return [{ type: 'IncomingTransferReceived', data: { ...command.ends, member: command.member } }];
    case 'AcceptIncoming': {
      if (state.status === 'accepted') return [];
      if (state.status !== 'received') return notPending(state);
      if (!command.unionActive) return membershipError('union_not_accepting', '转入工会已不再接收会员', 'toUnionId');
      return [{ type: 'IncomingTransferAccepted', data: { ...state.ends!, membershipId: state.member!.membershipId, handoverKey: command.handoverKey } }];
    }
    case 'DeclineIncoming': {
      if (state.status === 'declined') return [];
      if (state.status !== 'received') return notPending(state);
      const reason = checkEventText(command.reason, 'reason', { max: 200, label: '拒绝原因' });
      if (reason instanceof DomainError) return reason;
      return [{ type: 'IncomingTransferDeclined', data: { ...state.ends!, membershipId: state.member!.membershipId, reason } }];
    }
    case 'CompleteIncoming':
      if (state.status === 'completed') return [];
      if (state.status !== 'accepted') return notPending(state);
      return [{ type: 'IncomingTransferCompleted', data: { ...state.ends!, membershipId: state.member!.membershipId } }];
    case 'CancelIncoming':
      if (state.status === 'none' || state.status === 'cancelled' || state.status === 'declined') return [];
      if (state.status === 'completed') return membershipError('transfer_already_completed', '转会已完成');
      return [{ type: 'IncomingTransferCancelled', data: { ...state.ends!, membershipId: state.member!.membershipId } }];
    case 'RecordDataReceived':
      if (state.dataReceived) return [];
      if (state.status !== 'completed') return notPending(state);
      return [{ type: 'IncomingTransferDataReceived', data: { ...state.ends!, membershipId: state.member!.membershipId } }];
    default:
      return assertNever(command, 'incoming transfer command');
  }
}

function notPending(state: IncomingTransferState): DomainError {
  if (state.status === 'none') return membershipError('transfer_not_found', '没有该转入申请');
  return membershipError('transfer_not_pending', `转入申请已${STATUS_LABEL[state.status]}`);
}

const STATUS_LABEL: Record<IncomingStatus, string> = {
  none: '不存在',
  received: '待处理',
  accepted: '接收',
  declined: '拒绝',
  cancelled: '撤回',
  completed: '完成',
};

function evolve(state: IncomingTransferState, event: IncomingTransferEvent): IncomingTransferState {
  switch (event.type) {
    case 'IncomingTransferReceived': {
      const { member, ...ends } = event.data;
      return { status: 'received', ends, member, dataReceived: false };
    }
    case 'IncomingTransferAccepted':
      return { ...state, status: 'accepted' };
    case 'IncomingTransferDeclined':
      return { ...state, status: 'declined' };
    case 'IncomingTransferCancelled':
      return { ...state, status: 'cancelled' };
    case 'IncomingTransferCompleted':
      return { ...state, status: 'completed' };
    case 'IncomingTransferDataReceived':
      return { ...state, dataReceived: true };
    default:
      return assertNever(event, 'incoming transfer event');
  }
}

export const incomingTransferDecider: Decider<IncomingTransferCommand, IncomingTransferEvent, IncomingTransferState> = { decide, evolve, initialState };
