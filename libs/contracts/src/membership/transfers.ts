import type { DomainEvent } from '../envelope';
import { MEMBERSHIP_AGGREGATES, type MemberOccupation } from './events';

/**
 * A transfer to another node (会籍跨节点接转). Facts go up as events; the lowest node above both
 * ends (their common ancestor, which sees both subtrees' events) turns them into directives down
 * its DIR stream, addressed by node code in the payload:
 *
 *   source  TransferRequested ──▶ ancestor ──TransferOffered──▶ target   IncomingTransferReceived
 *   target  IncomingTransferAccepted|Declined ──▶ ancestor ──TransferAnswered──▶ source
 *   source  TransferCompleted (the one moment: out of the old union, into the new) | TransferDeclined
 *           ──▶ ancestor ──TransferSettled──▶ target   MembershipActivated (transferId) | IncomingTransferCancelled
 *   target  fetches the person's data from the source (request/reply, sealed to its handover key),
 *           IncomingTransferDataReceived ──▶ ancestor ──TransferHandedOver──▶ source   drops its copy
 *
 * Ids, codes and a public key only, like every event: personal data never travels in a stream.
 */
export const TRANSFER_AGGREGATE = MEMBERSHIP_AGGREGATES.transfer;

/** What the target node needs to know about the member who is coming. */
export interface TransferringMember {
  membershipId: string;
  personId: string;
  cardNumber: string;
  occupation: MemberOccupation;
  streetCode: string | null;
}

export interface TransferEnds {
  transferId: string;
  fromNode: string;
  fromUnionId: string;
  toNode: string;
  toUnionId: string;
}

// ---- events at the target node (stream transfer-<transferId>) ----
export type IncomingTransferReceived = DomainEvent<'IncomingTransferReceived', TransferEnds & { member: TransferringMember }>;
export type IncomingTransferAccepted = DomainEvent<'IncomingTransferAccepted', TransferEnds & {
  membershipId: string;
  /** Raw X25519 public key (base64) the source seals the member's personal data to. */
  handoverKey: string;
}>;
export type IncomingTransferDeclined = DomainEvent<'IncomingTransferDeclined', TransferEnds & { membershipId: string; reason: string }>;
/** The source withdrew the request, or declined it before the answer arrived. */
export type IncomingTransferCancelled = DomainEvent<'IncomingTransferCancelled', TransferEnds & { membershipId: string }>;
/** The member is active here: the membership stream has its MembershipActivated. */
export type IncomingTransferCompleted = DomainEvent<'IncomingTransferCompleted', TransferEnds & { membershipId: string }>;
/** The member's personal data arrived from the source and is in this node's vault. */
export type IncomingTransferDataReceived = DomainEvent<'IncomingTransferDataReceived', TransferEnds & { membershipId: string }>;
export type IncomingTransferEvent =
  | IncomingTransferReceived
  | IncomingTransferAccepted
  | IncomingTransferDeclined
  | IncomingTransferCancelled
  | IncomingTransferCompleted
  | IncomingTransferDataReceived;

// ---- event at the common ancestor (its own audit of what it routed) ----
export type TransferRouted = DomainEvent<'TransferRouted', { transferId: string; directive: TransferDirectiveType; toNode: string }>;

// ---- directives, issued by the common ancestor on its DIR stream ----
export type TransferOffered = DomainEvent<'TransferOffered', TransferEnds & { member: TransferringMember }>;
export type TransferAnswered = DomainEvent<'TransferAnswered', TransferEnds & {
  membershipId: string;
  accepted: boolean;
  reason: string | null;
  handoverKey: string | null;
}>;
/** `pointsCarried`: the balance the source debited with its TransferCompleted, for the target to credit (schema 2). */
export type TransferSettled = DomainEvent<'TransferSettled', TransferEnds & { member: TransferringMember; completed: boolean; pointsCarried: number }>;
/** The target holds the member's personal data now: the source may drop its copy. */
export type TransferHandedOver = DomainEvent<'TransferHandedOver', TransferEnds & { membershipId: string; personId: string }>;
export type TransferDirective = TransferOffered | TransferAnswered | TransferSettled | TransferHandedOver;
export type TransferDirectiveType = TransferDirective['type'];

export const TRANSFER_EVENT_SCHEMAS = {
  IncomingTransferReceived: 1,
  IncomingTransferAccepted: 1,
  IncomingTransferDeclined: 1,
  IncomingTransferCancelled: 1,
  IncomingTransferCompleted: 1,
  IncomingTransferDataReceived: 1,
  TransferRouted: 1,
  TransferOffered: 1,
  TransferAnswered: 1,
  TransferSettled: 2,
  TransferHandedOver: 1,
} as const;

/** The core-NATS subject where a node's membership service hands personal data to a transfer's target. */
export function handoverSubject(sourceNode: string): string {
  return `pii.${sourceNode}.membership.handover`;
}

/** The lowest node whose subtree holds both codes (GB/T 2260 codes nest by prefix). */
export function lowestCommonAncestor(a: string, b: string): string | undefined {
  let common = '';
  for (let i = 0; i < Math.min(a.length, b.length); i += 2) {
    if (a.slice(i, i + 2) !== b.slice(i, i + 2)) break;
    common = a.slice(0, i + 2);
  }
  return common === '' ? undefined : common;
}
