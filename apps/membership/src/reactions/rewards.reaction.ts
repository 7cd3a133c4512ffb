import { Inject, Injectable, Logger } from '@nestjs/common';
import type { Transaction } from 'kysely';
import { ownEventPrefix, type EventEnvelope, type ReportRewarded, shanghaiDayAndHour, type TaskCompleted, type VisitsRecorded } from '@ws/contracts';
import { derivedId } from '@ws/kernel';
import { RETIRED_DURABLES, type ConsumedEvent } from '@ws/messaging';
import { actOnEach, PLATFORM_CONFIG, Reaction, reactionMeta, type EventReaction, type PartlyRefused, type PlatformConfig } from '@ws/platform';
import type { MembershipDatabase } from '../db/database';
import { MEMBERSHIP_CONFIG, type MembershipConfig } from '../membership-config';
import { CURRENT_STATUSES, membershipByCard, membershipById, type RegisteredMembership } from '../memberships/membership-registry';
import { BookPointsHandler, type CreditRequest } from '../points/book-points/book-points.handler';
import { REWARD_EVENT_TYPES, rewardFactOf } from './reward-patterns';

/** Points go to a current (active or suspended) membership of this node only. */
function currentMember(membership: RegisteredMembership | undefined): RegisteredMembership | undefined {
  return membership && CURRENT_STATUSES.includes(membership.status) ? membership : undefined;
}

/**
 * Points from other services' facts on this node (its own events only, not its children's),
 * booked in the transaction that moves the reaction's checkpoint; each credit's entry id derives
 * from the causing event as well. A fact about someone who is not a current member here (no card,
 * unknown card, left, transferred away, unlinked volunteer) earns nothing; a credit the points
 * account refuses (a card's day already full) is recorded as refused (the reaction policy), the
 * other cards of the same check-in batch credited all the same.
 */
@Reaction()
@Injectable()
export class RewardsReaction implements EventReaction<MembershipDatabase> {
  readonly name = 'membership.rewards';
  readonly events = REWARD_EVENT_TYPES;
  readonly replaces = RETIRED_DURABLES.membership;
  readonly filter: string;
  private readonly log = new Logger('RewardsReaction');

  constructor(
    private readonly points: BookPointsHandler,
    @Inject(MEMBERSHIP_CONFIG) private readonly config: MembershipConfig,
    @Inject(PLATFORM_CONFIG) platform: PlatformConfig,
  ) {
    this.filter = `${ownEventPrefix(platform.node)}.>`;
  }

  async react(trx: Transaction<MembershipDatabase>, { subject, envelope }: ConsumedEvent): Promise<void | PartlyRefused> {
    switch (rewardFactOf(subject)) {
      case 'reportRewarded':
        return this.reportRewarded(trx, envelope as EventEnvelope<'ReportRewarded', ReportRewarded['data']>);
      case 'taskCompleted':
        return this.taskCompleted(trx, envelope as EventEnvelope<'TaskCompleted', TaskCompleted['data']>);
      case 'visitsRecorded':
        return this.visitsRecorded(trx, envelope as EventEnvelope<'VisitsRecorded', VisitsRecorded['data']>);
      default:
        return;
    }
  }

  /** 随手拍: a valid street report's reward, already in points (wishes: POINTS_PER_REWARD_YUAN). */
  private async reportRewarded(trx: Transaction<MembershipDatabase>, envelope: EventEnvelope<'ReportRewarded', ReportRewarded['data']>): Promise<void> {
    const { memberCard, points } = envelope.data;
    const member = memberCard ? currentMember(await membershipByCard(trx, memberCard.trim().toUpperCase())) : undefined;
    if (!member) return this.passOver(envelope, 'no current member with that card on this node');
    await this.credit(trx, envelope, { membershipId: member.membershipId, entryId: derivedId(envelope.eventId, 'points'), points, source: 'street_report', sourceRef: envelope.eventId });
  }

  /** Volunteer hours of a completed dispatch task, for a volunteer linked to a member. */
  private async taskCompleted(trx: Transaction<MembershipDatabase>, envelope: EventEnvelope<'TaskCompleted', TaskCompleted['data']>): Promise<void> {
    const points = Math.round(envelope.data.hours * this.config.pointsPerVolunteerHour);
    if (points <= 0) return this.passOver(envelope, 'no hours to reward');
    const link = await trx.selectFrom('volunteer_links').select('membership_id').where('volunteer_id', '=', envelope.data.volunteerId).executeTakeFirst();
    const member = link ? currentMember(await membershipById(trx, link.membership_id)) : undefined;
    if (!member) return this.passOver(envelope, 'volunteer not linked to a current member');
    await this.credit(trx, envelope, { membershipId: member.membershipId, entryId: derivedId(envelope.eventId, 'points'), points, source: 'volunteer_hours', sourceRef: envelope.eventId });
  }

  /** Check-ins with a member card, when the node rewards them (MEMBERSHIP_POINTS_PER_CHECKIN > 0): one booking per card and event. */
  private async visitsRecorded(trx: Transaction<MembershipDatabase>, envelope: EventEnvelope<'VisitsRecorded', VisitsRecorded['data']>): Promise<void | PartlyRefused> {
    if (this.config.pointsPerCheckin === 0) return;
    const byCard = new Map<string, Array<{ entryId: string; day: string }>>();
    for (const visit of envelope.data.visits) {
      if (!visit.memberCard) continue;
      const card = visit.memberCard.trim().toUpperCase();
      const checkins = byCard.get(card) ?? [];
      checkins.push({ entryId: derivedId(envelope.eventId, `checkin:${visit.key}`), day: shanghaiDayAndHour(new Date(visit.at)).day });
      byCard.set(card, checkins);
    }
    // Labelled by position: a card number is not written down in the refusal.
    return actOnEach(byCard, (_card, index) => `card ${index + 1} of ${byCard.size}`, async ([card, checkins]) => {
      const member = currentMember(await membershipByCard(trx, card));
      if (!member || member.status !== 'active') return;
      const credit = { membershipId: member.membershipId, points: this.config.pointsPerCheckin, sourceRef: envelope.eventId, dailyCap: this.config.checkinPointsPerDay, checkins };
      await this.points.creditCheckins(credit, reactionMeta(this.name, envelope, member.membershipId), trx);
    });
  }

  /** A fact that earns nobody here anything: by event id only (never the card). */
  private passOver(envelope: EventEnvelope, why: string): void {
    this.log.debug(`${envelope.type} ${envelope.eventId}: ${why}`);
  }

  private async credit(trx: Transaction<MembershipDatabase>, envelope: EventEnvelope, request: CreditRequest): Promise<void> {
    await this.points.credit(request, reactionMeta(this.name, envelope, request.membershipId), trx);
  }
}
