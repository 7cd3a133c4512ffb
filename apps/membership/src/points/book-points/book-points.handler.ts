import { Injectable } from '@nestjs/common';
import { MEMBERSHIP_AGGREGATES, PointsSource } from '@ws/contracts';
import { DomainError } from '@ws/kernel';
import type { AppendMeta } from '@ws/eventstore';
import { membershipById } from '../../memberships/membership-registry';
import { Aggregates, target } from '../../shared/aggregates';
import { type PointsCommand, pointsDecider } from '../points.decider';

export interface CreditRequest {
  membershipId: string;
  entryId: string;
  points: number;
  source: PointsSource;
  sourceRef: string | null;
}

/** Credits and debits on a member's points account (积分). Repeating an entry id books nothing. */
@Injectable()
export class BookPointsHandler {
  constructor(private readonly aggregates: Aggregates) {}

  async credit(request: CreditRequest, meta: AppendMeta) {
    await this.requireMember(request.membershipId);
    const { events, before } = await this.aggregates.handle(pointsDecider, target(MEMBERSHIP_AGGREGATES.points, request.membershipId), { type: 'CreditPoints', ...request }, { meta });
    return { membershipId: request.membershipId, entryId: request.entryId, booked: events.length > 0, balance: before.balance + (events.length > 0 ? request.points : 0) };
  }

  /** A VisitsRecorded event's check-ins with one member's card, up to the day's cap (checkin_points_daily_cap when none is left). */
  async creditCheckins(request: Omit<Extract<PointsCommand, { type: 'CreditCheckinPoints' }>, 'type'>, meta: AppendMeta) {
    await this.requireMember(request.membershipId);
    await this.aggregates.handle(pointsDecider, target(MEMBERSHIP_AGGREGATES.points, request.membershipId), { type: 'CreditCheckinPoints', ...request }, { meta });
  }

  async debit(membershipId: string, entryId: string, points: number, reason: string, meta: AppendMeta) {
    await this.requireMember(membershipId);
    const { events, before } = await this.aggregates.handle(
      pointsDecider,
      target(MEMBERSHIP_AGGREGATES.points, membershipId),
      { type: 'DebitPoints', membershipId, entryId, points, reason },
      { meta },
    );
    return { membershipId, entryId, booked: events.length > 0, balance: before.balance - (events.length > 0 ? points : 0) };
  }

  async account(membershipId: string) {
    await this.requireMember(membershipId);
    const { events } = await this.aggregates.store.readStream(`${MEMBERSHIP_AGGREGATES.points}-${membershipId}`);
    let balance = 0;
    const entries = events.map((e) => {
      const data = e.data as { points: number; entryId?: string; redemptionId?: string; source?: string; reason?: string; itemId?: string };
      const delta = e.type === 'PointsCredited' ? data.points : -data.points;
      balance += delta;
      return { at: e.occurredAt, type: e.type, points: delta, balance, ref: data.entryId ?? data.redemptionId, source: data.source ?? null, itemId: data.itemId ?? null };
    });
    return { membershipId, balance, entries };
  }

  private async requireMember(membershipId: string): Promise<void> {
    const membership = await membershipById(this.aggregates.db, membershipId);
    if (!membership || membership.status === 'transferred_out') throw new DomainError('membership_not_found', '本节点没有该会员');
  }
}
