import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { Kysely } from 'kysely';
import { type EventEnvelope, type ReportRewarded, shanghaiDayAndHour, type TaskCompleted, type VisitsRecorded } from '@ws/contracts';
import { derivedId, DomainError } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { MembershipDatabase } from '../db/database';
import { MEMBERSHIP_CONFIG, type MembershipConfig } from '../membership-config';
import { CURRENT_STATUSES, membershipByCard, membershipById, type RegisteredMembership } from '../memberships/membership-registry';
import { BookPointsHandler, CreditRequest } from '../points/book-points/book-points.handler';
import { REWARD_PATTERNS } from './reward-patterns';

/**
 * Points from other services' facts on this node. Each credit's entry id derives from the
 * causing event, so a redelivered event books nothing twice. A fact about someone who is not a
 * current member here (no card, unknown card, left, transferred away, unlinked volunteer), or
 * one the points account refuses, is logged by event id and acknowledged: retrying could not
 * change the answer. Only a failure of the database or the bus is retried (by redelivery).
 */
/** Points go to a current (active or suspended) membership of this node only. */
function currentMember(membership: RegisteredMembership | undefined): RegisteredMembership | undefined {
  return membership && CURRENT_STATUSES.includes(membership.status) ? membership : undefined;
}

@Controller()
export class RewardsSubscription {
  private readonly log = new Logger('RewardsSubscription');

  constructor(
    private readonly points: BookPointsHandler,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
    @Inject(MEMBERSHIP_CONFIG) private readonly config: MembershipConfig,
  ) {}

  /** 随手拍: a valid street report's reward, already in points (wishes: POINTS_PER_REWARD_YUAN). */
  @EventPattern(REWARD_PATTERNS.reportRewarded)
  async reportRewarded(@Payload() envelope: EventEnvelope<'ReportRewarded', ReportRewarded['data']>): Promise<void> {
    const { memberCard, points } = envelope.data;
    const member = memberCard ? currentMember(await membershipByCard(this.db, memberCard.trim().toUpperCase())) : undefined;
    if (!member) return this.skip(envelope, 'no current member with that card on this node');
    await this.credit(envelope, { membershipId: member.membershipId, entryId: derivedId(envelope.eventId, 'points'), points, source: 'street_report', sourceRef: envelope.eventId });
  }

  /** Volunteer hours of a completed dispatch task, for a volunteer linked to a member. */
  @EventPattern(REWARD_PATTERNS.taskCompleted)
  async taskCompleted(@Payload() envelope: EventEnvelope<'TaskCompleted', TaskCompleted['data']>): Promise<void> {
    const points = Math.round(envelope.data.hours * this.config.pointsPerVolunteerHour);
    if (points <= 0) return this.skip(envelope, 'no hours to reward');
    const link = await this.db
      .selectFrom('volunteer_links')
      .select('membership_id')
      .where('volunteer_id', '=', envelope.data.volunteerId)
      .executeTakeFirst();
    const member = link ? currentMember(await membershipById(this.db, link.membership_id)) : undefined;
    if (!member) return this.skip(envelope, 'volunteer not linked to a current member');
    await this.credit(envelope, { membershipId: member.membershipId, entryId: derivedId(envelope.eventId, 'points'), points, source: 'volunteer_hours', sourceRef: envelope.eventId });
  }

  /** Check-ins with a member card, when the node rewards them (MEMBERSHIP_POINTS_PER_CHECKIN > 0): one booking per card and event. */
  @EventPattern(REWARD_PATTERNS.visitsRecorded)
  async visitsRecorded(@Payload() envelope: EventEnvelope<'VisitsRecorded', VisitsRecorded['data']>): Promise<void> {
    if (this.config.pointsPerCheckin === 0) return;
    const byCard = new Map<string, Array<{ entryId: string; day: string }>>();
    for (const visit of envelope.data.visits) {
      if (!visit.memberCard) continue;
      const card = visit.memberCard.trim().toUpperCase();
      const checkins = byCard.get(card) ?? [];
      checkins.push({ entryId: derivedId(envelope.eventId, `checkin:${visit.key}`), day: shanghaiDayAndHour(new Date(visit.at)).day });
      byCard.set(card, checkins);
    }
    for (const [card, checkins] of byCard) {
      const member = currentMember(await membershipByCard(this.db, card));
      if (!member || member.status !== 'active') continue;
      const credit = { membershipId: member.membershipId, points: this.config.pointsPerCheckin, sourceRef: envelope.eventId, dailyCap: this.config.checkinPointsPerDay, checkins };
      await this.refusalLogged(envelope, () => this.points.creditCheckins(credit, this.metaOf(envelope)));
    }
  }

  private async credit(envelope: EventEnvelope, request: CreditRequest): Promise<void> {
    await this.refusalLogged(envelope, () => this.points.credit(request, this.metaOf(envelope)));
  }

  private metaOf(envelope: EventEnvelope) {
    return { actor: 'system', causationId: envelope.eventId, correlationId: envelope.metadata.correlationId };
  }

  private async refusalLogged(envelope: EventEnvelope, book: () => Promise<unknown>): Promise<void> {
    try {
      await book();
    } catch (error) {
      // version_conflict is a race with another booking on the account: redelivery settles it.
      if (!(error instanceof DomainError) || error.code === 'version_conflict') throw error;
      this.log.warn(`${envelope.type} ${envelope.eventId}: points refused (${error.code})`);
    }
  }

  private skip(envelope: EventEnvelope, why: string): void {
    this.log.debug(`${envelope.type} ${envelope.eventId}: ${why}`);
  }
}
