import type { IncomingTransferEvent } from '@ws/contracts';
import { spec } from '@ws/testing';
import { incomingTransferDecider } from './incoming-transfer.decider';

const ends = { transferId: 't1', fromNode: '330802', fromUnionId: 'ua', toNode: '330803', toUnionId: 'ub' };
const member = { membershipId: 'm1', personId: 'p1', cardNumber: '33080200000001', occupation: 'rider' as const, streetCode: null };
const received: IncomingTransferEvent = { type: 'IncomingTransferReceived', data: { ...ends, member } };
const accepted: IncomingTransferEvent = { type: 'IncomingTransferAccepted', data: { ...ends, membershipId: 'm1', handoverKey: 'K' } };
const completed: IncomingTransferEvent = { type: 'IncomingTransferCompleted', data: { ...ends, membershipId: 'm1' } };

describe('incoming transfer decider (the target node)', () => {
  it('receives an offer once, however often the directive arrives', () => {
    spec(incomingTransferDecider).given([]).when({ type: 'ReceiveOffer', ends, member }).then([received]);
    spec(incomingTransferDecider).given([received]).when({ type: 'ReceiveOffer', ends, member }).thenNothing();
  });

  it('accepts into an active union, or declines with a reason', () => {
    spec(incomingTransferDecider).given([received]).when({ type: 'AcceptIncoming', unionActive: true, handoverKey: 'K' }).then([accepted]);
    spec(incomingTransferDecider).given([received]).when({ type: 'AcceptIncoming', unionActive: false, handoverKey: 'K' }).thenError('union_not_accepting');
    spec(incomingTransferDecider).given([received]).when({ type: 'DeclineIncoming', reason: '不符合行业' })
      .then([{ type: 'IncomingTransferDeclined', data: { ...ends, membershipId: 'm1', reason: '不符合行业' } }]);
  });

  it('completes only what was accepted, once', () => {
    spec(incomingTransferDecider).given([received]).when({ type: 'CompleteIncoming' }).thenError('transfer_not_pending');
    spec(incomingTransferDecider).given([received, accepted]).when({ type: 'CompleteIncoming' }).then([completed]);
    spec(incomingTransferDecider).given([received, accepted, completed]).when({ type: 'CompleteIncoming' }).thenNothing();
  });

  it('is cancelled when the source withdraws, but not after completion', () => {
    spec(incomingTransferDecider).given([received, accepted]).when({ type: 'CancelIncoming' })
      .then([{ type: 'IncomingTransferCancelled', data: { ...ends, membershipId: 'm1' } }]);
    spec(incomingTransferDecider).given([received, accepted, completed]).when({ type: 'CancelIncoming' }).thenError('transfer_already_completed');
    spec(incomingTransferDecider).given([]).when({ type: 'AcceptIncoming', unionActive: true, handoverKey: 'K' }).thenError('transfer_not_found');
  });

  it('records once that the member’s personal data arrived, after completion only', () => {
    const received2: IncomingTransferEvent = { type: 'IncomingTransferDataReceived', data: { ...ends, membershipId: 'm1' } };
    spec(incomingTransferDecider).given([received, accepted]).when({ type: 'RecordDataReceived' }).thenError('transfer_not_pending');
    spec(incomingTransferDecider).given([received, accepted, completed]).when({ type: 'RecordDataReceived' }).then([received2]);
    spec(incomingTransferDecider).given([received, accepted, completed, received2]).when({ type: 'RecordDataReceived' }).thenNothing();
  });
});
