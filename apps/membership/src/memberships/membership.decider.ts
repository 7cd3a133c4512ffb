import type { MemberOccupation, MembershipEvent, TransferRequested } from '@ws/contracts';
import { assertNever, checkEventText, Decider, DomainError } from '@ws/kernel';
import { membershipError } from '../membership.errors';

export const REASON_MAX = 200;

export type MembershipStatus = 'none' | 'active' | 'suspended' | 'left' | 'transferred_out';

export interface PendingTransfer {
  transferId: string;
  toUnionId: string;
  fromNode: string;
  toNode: string;
}

export interface MembershipState {
  status: MembershipStatus;
  membershipId: string;
  personId: string;
  unionId: string;
  cardNumber: string;
  occupation: MemberOccupation;
  streetCode: string | null;
  pendingTransfer: PendingTransfer | null;
  /** Transfers already completed or declined: a redelivered completion is a no-op. */
  settledTransfers: string[];
  volunteerId: string | null;
}

export type MembershipCommand =
  | {
      type: 'ActivateMembership';
      membershipId: string;
      personId: string;
      unionId: string;
      cardNumber: string;
      occupation: MemberOccupation;
      streetCode: string | null;
      applicationId: string | null;
      transferId: string | null;
    }
  | { type: 'RequestTransfer'; transferId: string; toUnionId: string; fromNode: string; toNode: string; toUnionActive: boolean }
  /** `pointsCarried`: the balance leaving with a member to another node (0 inside the node). */
  | { type: 'CompleteTransfer'; transferId: string; pointsCarried: number }
  | { type: 'DeclineTransfer'; transferId: string; reason: string }
  /** A merge moves every member of the absorbed union at once: request and completion together. */
  | { type: 'MoveByMerge'; transferId: string; toUnionId: string; node: string }
  | { type: 'SuspendMembership'; reason: string }
  | { type: 'ReinstateMembership' }
  | { type: 'LeaveMembership'; reason: string }
  | { type: 'LinkVolunteer'; volunteerId: string };

const initialState = (): MembershipState => ({
  status: 'none',
  membershipId: '',
  personId: '',
  unionId: '',
  cardNumber: '',
  occupation: 'other',
  streetCode: null,
  pendingTransfer: null,
  settledTransfers: [],
  volunteerId: null,
});

function requireExisting(state: MembershipState): DomainError | undefined {
  if (state.status === 'none') return membershipError('membership_not_found', '会籍不存在');
  if (state.status === 'left' || state.status === 'transferred_out') {
    return membershipError('membership_not_active', state.status === 'left' ? '会员已退会' : '会籍已转出本节点');
  }
  return undefined;
}

function requireNoTransfer(state: MembershipState): DomainError | undefined {
  if (state.pendingTransfer) {
    return membershipError('transfer_in_flight', '会籍正在转接中', undefined, { transferId: state.pendingTransfer.transferId });
  }
  return undefined;
}

/** The transfer's ends plus what a target on another node needs to take the member in. */
function transferData(state: MembershipState, transferId: string, toUnionId: string, fromNode: string, toNode: string): TransferRequested['data'] {
  return {
    transferId,
    membershipId: state.membershipId,
    fromUnionId: state.unionId,
    toUnionId,
    fromNode,
    toNode,
    personId: state.personId,
    cardNumber: state.cardNumber,
    occupation: state.occupation,
    streetCode: state.streetCode,
  };
}

function reasonOf(text: string): string | DomainError {
  return checkEventText(text, 'reason', { max: REASON_MAX, label: '原因' });
}

function decide(command: MembershipCommand, state: MembershipState): MembershipEvent[] | DomainError {
  switch (command.type) {
    case 'ActivateMembership': {
      if (state.status !== 'none') {
        // The same transfer delivered twice activates once.
        if (command.transferId !== null && state.settledTransfers.includes(command.transferId)) return [];
        return membershipError('membership_already_exists', '会籍已存在', 'membershipId');
      }
      const { type: _type, ...data } = command;
      return [{ type: 'MembershipActivated', data }];
    }
    case 'RequestTransfer': {
      const refused = requireExisting(state) ?? requireNoTransfer(state);
      if (refused) return refused;
      if (state.status !== 'active') return membershipError('membership_not_active', '会籍已暂停，不能转会');
      if (command.toUnionId === state.unionId) return membershipError('transfer_to_same_union', '已在该工会', 'toUnionId');
      if (!command.toUnionActive) return membershipError('union_not_accepting', '转入工会不存在或已撤销', 'toUnionId');
      return [{ type: 'TransferRequested', data: transferData(state, command.transferId, command.toUnionId, command.fromNode, command.toNode) }];
    }
    case 'CompleteTransfer': {
      if (state.settledTransfers.includes(command.transferId)) return [];
      const pending = state.pendingTransfer;
      if (!pending || pending.transferId !== command.transferId) return membershipError('transfer_not_found', '没有该转会申请', 'transferId');
      return [
        {
          type: 'TransferCompleted',
          data: {
            transferId: pending.transferId,
            membershipId: state.membershipId,
            fromUnionId: state.unionId,
            toUnionId: pending.toUnionId,
            fromNode: pending.fromNode,
            toNode: pending.toNode,
            pointsCarried: pending.toNode === pending.fromNode ? 0 : command.pointsCarried,
          },
        },
      ];
    }
    case 'DeclineTransfer': {
      if (state.settledTransfers.includes(command.transferId)) return [];
      const pending = state.pendingTransfer;
      if (!pending || pending.transferId !== command.transferId) return membershipError('transfer_not_found', '没有该转会申请', 'transferId');
      const reason = reasonOf(command.reason);
      if (reason instanceof DomainError) return reason;
      return [{ type: 'TransferDeclined', data: { transferId: pending.transferId, membershipId: state.membershipId, reason } }];
    }
    case 'MoveByMerge': {
      if (state.settledTransfers.includes(command.transferId)) return [];
      const refused = requireExisting(state) ?? requireNoTransfer(state);
      if (refused) return refused;
      const requested = transferData(state, command.transferId, command.toUnionId, command.node, command.node);
      const { transferId, membershipId, fromUnionId, toUnionId, fromNode, toNode } = requested;
      return [
        { type: 'TransferRequested', data: requested },
        { type: 'TransferCompleted', data: { transferId, membershipId, fromUnionId, toUnionId, fromNode, toNode, pointsCarried: 0 } },
      ];
    }
    case 'SuspendMembership': {
      const refused = requireExisting(state) ?? requireNoTransfer(state);
      if (refused) return refused;
      if (state.status !== 'active') return membershipError('membership_not_active', '会籍已暂停');
      const reason = reasonOf(command.reason);
      if (reason instanceof DomainError) return reason;
      return [{ type: 'MembershipSuspended', data: { membershipId: state.membershipId, reason } }];
    }
    case 'ReinstateMembership': {
      const refused = requireExisting(state);
      if (refused) return refused;
      if (state.status !== 'suspended') return membershipError('membership_not_suspended', '会籍未暂停');
      return [{ type: 'MembershipReinstated', data: { membershipId: state.membershipId } }];
    }
    case 'LeaveMembership': {
      const refused = requireExisting(state) ?? requireNoTransfer(state);
      if (refused) return refused;
      const reason = reasonOf(command.reason);
      if (reason instanceof DomainError) return reason;
      return [{ type: 'MembershipLeft', data: { membershipId: state.membershipId, reason } }];
    }
    case 'LinkVolunteer': {
      const refused = requireExisting(state);
      if (refused) return refused;
      if (state.volunteerId === command.volunteerId) return [];
      return [{ type: 'VolunteerLinked', data: { membershipId: state.membershipId, volunteerId: command.volunteerId } }];
    }
    default:
      return assertNever(command, 'membership command');
  }
}

function evolve(state: MembershipState, event: MembershipEvent): MembershipState {
  switch (event.type) {
    case 'MembershipActivated':
      return {
        ...state,
        status: 'active',
        membershipId: event.data.membershipId,
        personId: event.data.personId,
        unionId: event.data.unionId,
        cardNumber: event.data.cardNumber,
        occupation: event.data.occupation,
        streetCode: event.data.streetCode,
        settledTransfers: event.data.transferId ? [...state.settledTransfers, event.data.transferId] : state.settledTransfers,
      };
    case 'TransferRequested':
      return {
        ...state,
        pendingTransfer: { transferId: event.data.transferId, toUnionId: event.data.toUnionId, fromNode: event.data.fromNode, toNode: event.data.toNode },
      };
    case 'TransferCompleted': {
      const leftNode = event.data.toNode !== event.data.fromNode;
      return {
        ...state,
        status: leftNode ? 'transferred_out' : state.status,
        unionId: leftNode ? state.unionId : event.data.toUnionId,
        pendingTransfer: null,
        settledTransfers: [...state.settledTransfers, event.data.transferId],
      };
    }
    case 'TransferDeclined':
      return { ...state, pendingTransfer: null, settledTransfers: [...state.settledTransfers, event.data.transferId] };
    case 'MembershipSuspended':
      return { ...state, status: 'suspended' };
    case 'MembershipReinstated':
      return { ...state, status: 'active' };
    case 'MembershipLeft':
      return { ...state, status: 'left' };
    case 'VolunteerLinked':
      return { ...state, volunteerId: event.data.volunteerId };
    default:
      return assertNever(event, 'membership event');
  }
}

export const membershipDecider: Decider<MembershipCommand, MembershipEvent, MembershipState> = { decide, evolve, initialState };
