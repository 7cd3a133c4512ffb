import {
  IncomingTransferEvent,
  lowestCommonAncestor,
  MembershipEvent,
  TransferDirective,
  TransferEnds,
  TransferringMember,
} from '@ws/contracts';

/** A cross-node transfer as its common ancestor remembers it between the steps. */
export interface RoutedTransfer {
  ends: TransferEnds;
  member: TransferringMember;
}

/**
 * What the common ancestor of a cross-node transfer's two ends sends down for a fact that came
 * up from one of them. Pure: the router projection feeds it every membership event of its
 * subtree and issues what it returns. A node that is not the lowest common ancestor of the two
 * ends returns nothing (the ends' own nodes, and ancestors higher up, stay out of it).
 *
 * The source's TransferRequested carries the member; `remembered` gives it back for the later
 * steps (TransferDeclined carries no ends of its own).
 */
export function routeTransferFact(
  self: string,
  event: MembershipEvent | IncomingTransferEvent,
  remembered: RoutedTransfer | undefined,
): TransferDirective | undefined {
  const ends = endsOf(event) ?? remembered?.ends;
  if (!ends || ends.fromNode === ends.toNode || lowestCommonAncestor(ends.fromNode, ends.toNode) !== self) return undefined;
  switch (event.type) {
    case 'TransferRequested': {
      const { personId, cardNumber, occupation, streetCode, membershipId } = event.data;
      return { type: 'TransferOffered', data: { ...ends, member: { membershipId, personId, cardNumber, occupation, streetCode } } };
    }
    case 'IncomingTransferAccepted':
      return { type: 'TransferAnswered', data: { ...ends, membershipId: event.data.membershipId, accepted: true, reason: null, handoverKey: event.data.handoverKey } };
    case 'IncomingTransferDeclined':
      return { type: 'TransferAnswered', data: { ...ends, membershipId: event.data.membershipId, accepted: false, reason: event.data.reason, handoverKey: null } };
    case 'IncomingTransferDataReceived':
      if (!remembered) return undefined;
      return { type: 'TransferHandedOver', data: { ...ends, membershipId: event.data.membershipId, personId: remembered.member.personId } };
    case 'TransferCompleted':
    case 'TransferDeclined': {
      if (!remembered) return undefined;
      const completed = event.type === 'TransferCompleted';
      // Schema 1 of TransferCompleted carried no points.
      const pointsCarried = completed ? (event.data.pointsCarried ?? 0) : 0;
      return { type: 'TransferSettled', data: { ...ends, member: remembered.member, completed, pointsCarried } };
    }
    default:
      return undefined;
  }
}

/** Which end of a transfer speaks each fact the common ancestor routes. */
const SPOKEN_BY: Partial<Record<(MembershipEvent | IncomingTransferEvent)['type'], 'fromNode' | 'toNode'>> = {
  TransferRequested: 'fromNode',
  TransferCompleted: 'fromNode',
  TransferDeclined: 'fromNode',
  IncomingTransferAccepted: 'toNode',
  IncomingTransferDeclined: 'toNode',
  IncomingTransferDataReceived: 'toNode',
};

/**
 * Why the common ancestor must not route a fact that came up on a subject of node `from`, or
 * undefined. A fact speaks for one end (the source requests, completes or withdraws; the target
 * answers and confirms the data arrived) and only that end's node may publish it; once the
 * ancestor has offered a transfer, a later fact naming other ends is not about that transfer;
 * and a target's fact for a transfer this ancestor never offered answers nothing.
 */
export function forgedTransferFact(self: string, event: MembershipEvent | IncomingTransferEvent, remembered: RoutedTransfer | undefined, from: string): string | undefined {
  const end = SPOKEN_BY[event.type];
  const claimed = endsOf(event);
  const ends = remembered?.ends ?? claimed;
  if (!end || !ends || ends.fromNode === ends.toNode || lowestCommonAncestor(ends.fromNode, ends.toNode) !== self) return undefined;
  const what = `${event.type} of transfer ${ends.transferId}`;
  if (remembered && claimed && (Object.keys(claimed) as Array<keyof TransferEnds>).some((key) => claimed[key] !== remembered.ends[key])) {
    return `${what} names ends other than those offered`;
  }
  if (!remembered && end === 'toNode') return `${what}: no such transfer was offered`;
  return ends[end] === from ? undefined : `${what} speaks for node ${ends[end]}; node ${from} may not`;
}

/** The transfer's ends when the event itself carries them. */
export function endsOf(event: MembershipEvent | IncomingTransferEvent): TransferEnds | undefined {
  const data = event.data as Partial<TransferEnds>;
  const { transferId, fromNode, toNode, fromUnionId, toUnionId } = data;
  if (!transferId || !fromNode || !toNode || !fromUnionId || !toUnionId) return undefined;
  return { transferId, fromNode, toNode, fromUnionId, toUnionId };
}
