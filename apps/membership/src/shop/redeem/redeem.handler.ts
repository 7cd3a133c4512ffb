import { Injectable } from '@nestjs/common';
import { MEMBERSHIP_AGGREGATES } from '@ws/contracts';
import { DomainError } from '@ws/kernel';
import { membershipByCard } from '../../memberships/membership-registry';
import { pointsDecider } from '../../points/points.decider';
import { Aggregates, target } from '../../shared/aggregates';
import { shopItemDecider } from '../shop-item.decider';
import type { RedeemDto } from './redeem.dto';

/**
 * A redemption at the points shop: stock leaves the item and points leave the member's account
 * in one transaction, each stream at the version read, so neither can go below zero however
 * many redemptions race. The redemption id makes a retry a no-op.
 */
@Injectable()
export class RedeemHandler {
  constructor(private readonly aggregates: Aggregates) {}

  /**
   * `actor`: the officer or manager at the kiosk, or the member on their own page (`member:<membershipId>`);
   * `stationId`: the station it is handed over at (a station manager's claim), recorded on the redemption.
   */
  async redeem(dto: RedeemDto, actor: string, stationId?: string) {
    const membership = await membershipByCard(this.aggregates.db, dto.cardNumber.trim().toUpperCase());
    if (!membership || membership.status !== 'active') throw new DomainError('membership_not_active', '会员卡无效或会籍未生效', 'cardNumber');
    const itemStream = target(MEMBERSHIP_AGGREGATES.shopItem, dto.itemId);
    const accountStream = target(MEMBERSHIP_AGGREGATES.points, membership.membershipId);
    const item = await this.aggregates.load(shopItemDecider, itemStream);
    const account = await this.aggregates.load(pointsDecider, accountStream);

    const taken = this.aggregates.decide(shopItemDecider, { type: 'TakeForRedemption', redemptionId: dto.redemptionId, quantity: dto.quantity }, item.state);
    const earlier = account.state.redemptions[dto.redemptionId];
    const points = earlier?.points ?? item.state.points * dto.quantity;
    const debited = this.aggregates.decide(
      pointsDecider,
      { type: 'RedeemPoints', membershipId: membership.membershipId, redemptionId: dto.redemptionId, itemId: dto.itemId, quantity: dto.quantity, points, ...(stationId ? { stationId } : {}) },
      account.state,
    );
    const meta = { actor };
    if (taken.length > 0 || debited.length > 0) {
      await this.aggregates.transaction(async (trx) => {
        await this.aggregates.append(trx, itemStream, item.version, taken, meta);
        await this.aggregates.append(trx, accountStream, account.version, debited, meta);
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
