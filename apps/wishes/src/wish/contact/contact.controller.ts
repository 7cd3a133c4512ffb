import { Controller, Get, Inject, Param } from '@nestjs/common';
import { Kysely } from 'kysely';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles, uuidParam, authorize } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';
import { WishCommands } from '../wish-commands';
import { ContactVault } from './contact-vault';
import { wishesError } from '../../errors';

@ApiTags('心愿审核 moderation')
@ApiBearerAuth()
@Controller('wishes/:wishId/contact')
export class ContactController {
  constructor(
    private readonly wishes: WishCommands,
    private readonly vault: ContactVault,
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
  ) {}

  @Get()
  @Roles('station_manager', 'street_officer', 'district_officer')
  @ApiOperation({ summary: '查看作者愿意留下的联系方式（仅本站点、本街道或区县；每次查看记入访问日志）' })
  async contact(@Param('wishId', uuidParam('wishId')) wishId: string, @CurrentPrincipal() principal: Principal) {
    const { state } = await this.wishes.load(wishId);
    if (state.status === 'none') throw wishesError('wish_not_found', '没有这条心愿');
    authorize(principal, { station: state.stationId, street: state.streetCode });
    if (!state.contactRef) throw wishesError('contact_erased', '作者没有留下联系方式，或已删除');
    const contact = await this.vault.open(state.contactRef);
    await this.db.insertInto('contact_access_log').values({ actor: principal.subject, wish_id: wishId, purpose: 'answer_author' }).execute();
    return { wishId, contact };
  }
}
