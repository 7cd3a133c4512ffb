import { Controller, Inject, Logger } from '@nestjs/common';
import { EventPattern, Payload } from '@nestjs/microservices';
import type { EventEnvelope, RecordedVisit, ReportRewarded, TaskCompleted } from '@ws/contracts';
import { derivedId } from '@ws/kernel';
import { MEMBERSHIP_CONFIG, type MembershipConfig } from '../membership-config';
import { membershipByCard } from '../memberships/membership-registry';
import { BookPointsHandler, CreditRequest } from '../points/book-points/book-points.handler';
import { Aggregates } from '../shared/aggregates';

/**
 * Points from other services' facts on this node. Each credit's entry id derives from the
 * causing event, so a redelivered event books nothing twice. A fact about someone who is not a
 * member here (no card, unknown card, unlinked volunteer) is acknowledged and skipped.
 */
@Controller()
export class RewardsSubscription {
  private readonly log = new Logger('RewardsSubscription');

  constructor(
    private readonly points: BookPointsHandler,
    private readonly aggregates: Aggregates,
    @Inject(MEMBERSHIP_CONFIG) private readonly config: MembershipConfig,
  ) {}

  /** 随手拍: a valid street report's reward, already in points (wishes: POINTS_PER_REWARD_YUAN). */
  @EventPattern('wishes.report.ReportRewarded')
  async reportRewarded(@Payload() envelope: EventEnvelope<'ReportRewarded', ReportRewarded['data']>): Promise<void> {
    const { memberCard, points } = envelope.data;
    const membershipId = memberCard ? (await membershipByCard(this.aggregates.db, memberCard.trim().toUpperCase()))?.membershipId : undefined;
    if (!membershipId) return this.skip(envelope, 'no member card of this node');
    await this.credit(envelope, { membershipId, entryId: derivedId(envelope.eventId, 'points'), points, source: 'street_report', sourceRef: envelope.eventId });
  }

  /** Volunteer hours of a completed dispatch task, for a volunteer linked to a member. */
  @EventPattern('dispatch.task.TaskCompleted')
  async taskCompleted(@Payload() envelope: EventEnvelope<'TaskCompleted', TaskCompleted['data']>): Promise<void> {
    const points = Math.round(envelope.data.hours * this.config.pointsPerVolunteerHour);
    if (points <= 0) return this.skip(envelope, 'no hours to reward');
    const link = await this.aggregates.db
      .selectFrom('volunteer_links')
      .select('membership_id')
      .where('volunteer_id', '=', envelope.data.volunteerId)
      .executeTakeFirst();
    if (!link) return this.skip(envelope, 'volunteer not linked to a member');
    await this.credit(envelope, {
      membershipId: link.membership_id,
      entryId: derivedId(envelope.eventId, 'points'),
      points,
      source: 'volunteer_hours',
      sourceRef: envelope.eventId,
    });
  }

  /** Check-ins with a member card, when the node rewards them (MEMBERSHIP_POINTS_PER_CHECKIN > 0). */
  @EventPattern('stations.checkins.VisitsRecorded')
  async visitsRecorded(@Payload() envelope: EventEnvelope<'VisitsRecorded', { stationId: string; visits: RecordedVisit[] }>): Promise<void> {
    if (this.config.pointsPerCheckin === 0) return;
    for (const visit of envelope.data.visits) {
      if (!visit.memberCard) continue;
      const membership = await membershipByCard(this.aggregates.db, visit.memberCard.trim().toUpperCase());
      if (!membership || membership.status !== 'active') continue;
      await this.credit(envelope, {
        membershipId: membership.membershipId,
        entryId: derivedId(envelope.eventId, `checkin:${visit.key}`),
        points: this.config.pointsPerCheckin,
        source: 'checkin',
        sourceRef: envelope.eventId,
      });
    }
  }

  private async credit(envelope: EventEnvelope, request: CreditRequest): Promise<void> {
    await this.points.credit(request, { actor: 'system', causationId: envelope.eventId, correlationId: envelope.metadata.correlationId });
  }

  private skip(envelope: EventEnvelope, why: string): void {
    this.log.debug(`${envelope.type} ${envelope.eventId}: ${why}`);
  }
}
