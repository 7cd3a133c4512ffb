import { Inject, Injectable } from '@nestjs/common';
import { Kysely } from 'kysely';
import type { Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { stationsError } from '../../errors';
import { assertMayActAt } from '../../station/venue';
import { WelfareCardVault } from '../welfare-card-vault';

/** A handout's member cards, opened from the vault (the read logged there) for who may record at its station or street. */
@Injectable()
export class ReadMemberCardsHandler {
  constructor(
    private readonly vault: WelfareCardVault,
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
  ) {}

  async memberCards(handoutId: string, principal: Principal) {
    const handout = await this.db.selectFrom('welfare_handouts').select(['station_id', 'street_code']).where('handout_id', '=', handoutId).executeTakeFirst();
    if (!handout) throw stationsError('welfare_handout_not_found', `发放记录 ${handoutId} 不存在`, 'id');
    assertMayActAt(principal, { stationId: handout.station_id, streetCode: handout.street_code }, '关爱物资发放');
    return { handoutId, memberCards: await this.vault.open(handoutId, principal.subject) };
  }
}
