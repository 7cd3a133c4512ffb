import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import type { PointsSource } from '@ws/contracts';
import type { AppendMeta } from '@ws/eventstore';
import { CommandRunner, DB } from '@ws/platform';
import { pointsAggregate } from '../../aggregates';
import type { MembershipDatabase } from '../../db/database';
import { membershipById } from '../../memberships/membership-registry';
import type { PointsCommand } from '../points.decider';
import { membershipError } from '../../membership.errors';

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
  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
  ) {}

  async credit(request: CreditRequest, meta: AppendMeta) {
    await this.requireMember(request.membershipId);
    const { events, state } = await this.commands.run(pointsAggregate, request.membershipId, { type: 'CreditPoints', ...request }, { meta });
    return { membershipId: request.membershipId, entryId: request.entryId, booked: events.length > 0, balance: state.balance };
  }

  /** A VisitsRecorded event's check-ins with one member's card, up to the day's cap (checkin_points_daily_cap when none is left). */
  async creditCheckins(request: Omit<Extract<PointsCommand, { type: 'CreditCheckinPoints' }>, 'type'>, meta: AppendMeta) {
    await this.requireMember(request.membershipId);
    await this.commands.run(pointsAggregate, request.membershipId, { type: 'CreditCheckinPoints', ...request }, { meta });
  }

  async debit(membershipId: string, entryId: string, points: number, reason: string, meta: AppendMeta) {
    await this.requireMember(membershipId);
    const { events, state } = await this.commands.run(pointsAggregate, membershipId, { type: 'DebitPoints', membershipId, entryId, points, reason }, { meta });
    return { membershipId, entryId, booked: events.length > 0, balance: state.balance };
  }

  async account(membershipId: string) {
    await this.requireMember(membershipId);
    const { envelopes: events } = await this.commands.load(pointsAggregate, membershipId);
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
    const membership = await membershipById(this.db, membershipId);
    if (!membership || membership.status === 'transferred_out') throw membershipError('membership_not_found', '本节点没有该会员');
  }
}
