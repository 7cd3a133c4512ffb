import type { RegisteredMembership } from '../../memberships/membership-registry';
import type { PendingApplication } from '../application-registry';
import type { ItemOutcomeDto } from './submit-application.dto';

export interface KnownPerson {
  /** The mobile given is the one on record: the ID number alone is not proof of identity. */
  sameMobile: boolean;
  /**
   * Whoever submitted vouches for the mobile: an officer's token, or the SMS code sent to it.
   * Without that, the mobile is just more text anyone could have copied.
   */
  proven: boolean;
  membership: RegisteredMembership | undefined;
  pending: PendingApplication | undefined;
}

export type KnownPersonAnswer =
  | { kind: 'answer'; outcome: ItemOutcomeDto }
  /** A member asking to join another union of this node: their application becomes a transfer (转会). */
  | { kind: 'transfer'; membership: RegisteredMembership; toUnionId: string }
  | { kind: 'apply' };

/**
 * One person holds one current membership. A second application with an ID number this node
 * knows is answered with what the person already has — with its numbers only when the mobile
 * matches — or, when a member (proven by the mobile) names a different union, turned into a
 * transfer request that union's officer accepts or declines like any other. Nobody becomes a
 * member twice. A person with nothing current (left, rejected before) applies afresh.
 *
 * A submitter who has not proven the mobile on record learns only `on_record`: the same answer
 * for a member and for an application in progress, so the public form never tells whether an
 * ID number belongs to a member. The status itself is read with the application number + mobile.
 */
export function answerKnownPerson(index: number, person: KnownPerson, namedUnionId: string | null): KnownPersonAnswer {
  const { membership, pending } = person;
  if ((membership || pending) && !person.proven) return { kind: 'answer', outcome: { index, status: 'on_record' } };
  const sameMobile = person.sameMobile;
  if (membership) {
    const wantsAnotherUnion = namedUnionId !== null && namedUnionId !== membership.unionId;
    if (sameMobile && wantsAnotherUnion && membership.status === 'active' && membership.pendingTransferId === null) {
      return { kind: 'transfer', membership, toUnionId: namedUnionId };
    }
    const details = sameMobile ? { membershipId: membership.membershipId, cardNumber: membership.cardNumber, unionId: membership.unionId } : {};
    return { kind: 'answer', outcome: { index, status: 'existing_membership', ...details } };
  }
  if (pending) {
    const details = sameMobile ? { applicationId: pending.applicationId, applicationNumber: pending.applicationNumber, unionId: pending.unionId } : {};
    return { kind: 'answer', outcome: { index, status: 'existing_application', ...details } };
  }
  return { kind: 'apply' };
}
