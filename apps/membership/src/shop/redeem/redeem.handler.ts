import { Inject, Injectable } from '@nestjs/common';
import type { Kysely } from 'kysely';
import { CommandRunner, DB } from '@ws/platform';
import { pointsAggregate, shopItemAggregate } from '../../aggregates';
import type { MembershipDatabase } from '../../db/database';
import { membershipByCard } from '../../memberships/membership-registry';
import type { RedeemDto } from './redeem.dto';
import { membershipError } from '../../membership.errors';

/**
 * A redemption at the points shop: stock leaves the item and points leave the member's account
 * in one transaction, each stream at the version read, so neither can go below zero however
 * many redemptions race. The redemption id makes a retry a no-op.
 */
@Injectable()
export class RedeemHandler {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(DB) private readonly db: Kysely<MembershipDatabase>,
  ) {}

  /**
   * `actor`: the officer or manager at the kiosk, or the member on their own page (`member:<membershipId>`);
   * `stationId`: the station it is handed over at (a station manager's claim), recorded on the redemption.
   */
  async redeem(dto: RedeemDto, actor: string, stationId?: string) {
    const membership = await membershipByCard(this.db, dto.cardNumber.trim().toUpperCase());
    if (!membership || membership.status !== 'active') throw membershipError('membership_not_active', '会员卡无效或会籍未生效', 'cardNumber');
    const item = await this.commands.load(shopItemAggregate, dto.itemId);
    const account = await this.commands.load(pointsAggregate, membership.membershipId);

    const taken = this.commands.decide(shopItemAggregate, { type: 'TakeForRedemption', redemptionId: dto.redemptionId, quantity: dto.quantity }, item.state);
    const earlier = account.state.redemptions[dto.redemptionId];
    const points = earlier?.points ?? item.state.points * dto.quantity;
    const debited = this.commands.decide(
      pointsAggregate,
      { type: 'RedeemPoints', membershipId: membership.membershipId, redemptionId: dto.redemptionId, itemId: dto.itemId, quantity: dto.quantity, points, ...(stationId ? { stationId } : {}) },
      account.state,
    );
    const meta = { actor };
    if (taken.length > 0 || debited.length > 0) {
      await this.commands.transaction(async (trx) => {
        await this.commands.append(shopItemAggregate, dto.itemId, item.version, taken, meta, trx);
        await this.commands.append(pointsAggregate, membership.membershipId, account.version, debited, meta, trx);
      });
    }
    return {
      redemptionId: dto.redemptionId,
      membershipId: membership.membershipId,
      itemId: dto.itemId,
      quantity: dto.quantity,
      points,
      balance: account.state.balance - (debited.length > 0 ? points : 0),
      repeated: debited.length === 0,
    };
  }
}
