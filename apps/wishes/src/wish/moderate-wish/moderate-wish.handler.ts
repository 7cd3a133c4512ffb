import { Injectable } from '@nestjs/common';
import type { WishStreamEvent } from '@ws/contracts';
import { DomainError, Principal, authorize } from '@ws/kernel';
import { refuseStaleVersion } from '@ws/platform';
import { WishCommands } from '../wish-commands';
import type { WishCommand, WishState } from '../wish.decider';
import { wishesError } from '../../errors';

export interface ModerationResult {
  wishId: string;
  status: string;
  version: number;
}

/** 审核: the station manager, the street officer or the district accepts, declines or merges. */
@Injectable()
export class ModerateWishHandler {
  constructor(private readonly wishes: WishCommands) {}

  async moderate(wishId: string, principal: Principal, command: WishCommand, expectedVersion?: number): Promise<ModerationResult> {
    const result = await this.wishes.execute(
      wishId,
      (state) => {
        this.assertMayModerate(principal, state);
        return command;
      },
      { expectedVersion, meta: { actor: principal.subject } },
    );
    return { wishId, status: result.state.status, version: result.version };
  }

  /**
   * A duplicate joins the wish it repeats: closed as merged, counted there as one more 附议.
   * Both streams change in one transaction or not at all.
   */
  async merge(wishId: string, intoWishId: string, principal: Principal, expectedVersion?: number): Promise<ModerationResult> {
    const { aggregate, runner } = this.wishes;
    const { decider } = aggregate;
    const [source, target] = await Promise.all([this.wishes.load(wishId), this.wishes.load(intoWishId)]);
    this.assertMayModerate(principal, source.state);
    refuseStaleVersion(expectedVersion, source.version);
    if (target.state.status === 'none') throw wishesError('merge_target_invalid', '要合并到的心愿不存在', 'intoWishId');
    if (target.state.streetCode !== source.state.streetCode) throw wishesError('merge_target_invalid', '只能合并同一街道的心愿', 'intoWishId');
    const now = runner.now();
    const merged = decider.decide({ type: 'MergeWish', moderatorId: principal.subject, intoWishId }, source.state, { now });
    if (merged instanceof DomainError) throw merged;
    const seconded = decider.decide({ type: 'SecondWish', seconderHash: `merged:${wishId}` }, target.state, { now });
    if (seconded instanceof DomainError) {
      throw wishesError('merge_target_invalid', `要合并到的心愿不能再附议：${seconded.message}`, 'intoWishId');
    }
    const meta = { actor: principal.subject };
    await runner.transaction(async (trx) => {
      await runner.append(aggregate, wishId, source.version, merged, meta, trx);
      await runner.append(aggregate, intoWishId, target.version, seconded, meta, trx);
    });
    const state = merged.reduce<WishState>((s, e: WishStreamEvent) => decider.evolve(s, e), source.state);
    return { wishId, status: state.status, version: source.version + merged.length };
  }

  private assertMayModerate(principal: Principal, state: WishState): void {
    if (state.status === 'none') throw wishesError('wish_not_found', '没有这条心愿');
    authorize(principal, { station: state.stationId, street: state.streetCode });
  }
}
