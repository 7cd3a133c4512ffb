import { type Principal, authorize } from '@ws/kernel';
import type { Kysely } from 'kysely';
import type { MembershipDatabase } from '../db/database';
import { administering } from '../shared/scope';
import { registeredUnions } from '../union/union-registry';
import { membershipById, RegisteredMembership } from './membership-registry';
import { membershipError } from '../membership.errors';

/** The membership, if it exists here and the officer administers its union. */
export async function administeredMembership(db: Kysely<MembershipDatabase>, membershipId: string, principal: Principal): Promise<RegisteredMembership> {
  const membership = await membershipById(db, membershipId);
  if (!membership) throw membershipError('membership_not_found', '会籍不存在');
  const union = (await registeredUnions(db, [membership.unionId])).get(membership.unionId);
  if (union) authorize(principal, administering(union));
  return membership;
}
