import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import { DB } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';
import { WishCommands } from '../wish-commands';
import { sha256Hex } from '../wish-identity';
import { wishIdByNo } from '../wish-lookup';
import type { SecondWishDto } from './second-wish.dto';

/** 附议: the wish found by its public number; the seconder kept as a digest, once per wish. */
@Injectable()
export class SecondWishHandler {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    private readonly wishes: WishCommands,
  ) {}

  async second(wishNo: string, dto: SecondWishDto) {
    const wishId = await wishIdByNo(this.db, wishNo);
    const seconderHash = sha256Hex(`second:${dto.seconderKey}`);
    const result = await this.wishes.execute(wishId, { type: 'SecondWish', seconderHash }, { retryOnConflict: true, meta: { actor: 'public' } });
    return { wishId, seconds: result.state.seconders.length };
  }
}
