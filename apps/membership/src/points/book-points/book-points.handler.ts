import { Inject, Injectable } from '@nestjs/common';
import type { Kysely, Transaction } from 'kysely';
import type { PointsSource } from '@ws/contracts';
import type { AppendMeta } from '@ws/eventstore';
import { CommandRunner, DB, type PageQueryDto } from '@ws/platform';
import { pointsAggregate } from '../../aggregates';
import type { MembershipDatabase } from '../../db/database';
import { membershipById } from '../../memberships/membership-registry';
import { pointsAccountPage } from '../points-account';
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

  /** `trx`: a reaction's transaction, which also moves its checkpoint. */
  async credit(request: CreditRequest, meta: AppendMeta, trx?: Transaction<MembershipDatabase>) {
    await this.requireMember(request.membershipId, trx);
    const { events, state } = await this.commands.run(pointsAggregate, request.membershipId, { type: 'CreditPoints', ...request }, { meta, ...(trx ? { trx } : {}) });
    return { membershipId: request.membershipId, entryId: request.entryId, booked: events.length > 0, balance: state.balance };
  }

  /** A VisitsRecorded event's check-ins with one member's card, up to the day's cap (checkin_points_daily_cap when none is left). */
  async creditCheckins(request: Omit<Extract<PointsCommand, { type: 'CreditCheckinPoints' }>, 'type'>, meta: AppendMeta, trx?: Transaction<MembershipDatabase>) {
    await this.requireMember(request.membershipId, trx);
    await this.commands.run(pointsAggregate, request.membershipId, { type: 'CreditCheckinPoints', ...request }, { meta, ...(trx ? { trx } : {}) });
  }

  async debit(membershipId: string, entryId: string, points: number, reason: string, meta: AppendMeta) {
    await this.requireMember(membershipId);
    const { events, state } = await this.commands.run(pointsAggregate, membershipId, { type: 'DebitPoints', membershipId, entryId, points, reason }, { meta });
    return { membershipId, entryId, booked: events.length > 0, balance: state.balance };
  }

  /** A keyset page of the account's entries, newest first, with the balance (pointsAccountPage). */
  async account(membershipId: string, query: PageQueryDto) {
    await this.requireMember(membershipId);
    const { balance, version, entries } = await pointsAccountPage(this.commands, membershipId, query);
    const items = entries.items.map((e) => {
      const data = e.data as { points: number; entryId?: string; redemptionId?: string; source?: string; reason?: string; itemId?: string };
      return { at: e.occurredAt, type: e.type, points: e.type === 'PointsCredited' ? data.points : -data.points, ref: data.entryId ?? data.redemptionId, source: data.source ?? null, itemId: data.itemId ?? null };
    });
    return { membershipId, balance, version, items, next: entries.next };
  }

  private async requireMember(membershipId: string, trx?: Transaction<MembershipDatabase>): Promise<void> {
    const membership = await membershipById(trx ?? this.db, membershipId);
    if (!membership || membership.status === 'transferred_out') throw membershipError('membership_not_found', '本节点没有该会员');
  }
}
