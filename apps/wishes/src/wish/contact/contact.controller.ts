import { Controller, Get, Param } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, DomainError, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { assertActsFor } from '../../shared/scope';
import { WishCommands } from '../wish-commands';
import { ContactVault } from './contact-vault';

@ApiTags('心愿审核 moderation')
@ApiBearerAuth()
@Controller('wishes/:wishId/contact')
export class ContactController {
  constructor(
    private readonly wishes: WishCommands,
    private readonly vault: ContactVault,
  ) {}

  @Get()
  @Roles('station_manager', 'street_officer', 'district_officer')
  @ApiOperation({ summary: '查看作者愿意留下的联系方式（仅本站点、本街道或区县）' })
  async contact(@Param('wishId', uuidParam('wishId')) wishId: string, @CurrentPrincipal() principal: Principal) {
    const { state } = await this.wishes.load(wishId);
    if (state.status === 'none') throw new DomainError('wish_not_found', '没有这条心愿');
    assertActsFor(principal, { stationId: state.stationId, streetCode: state.streetCode });
    if (!state.contactRef) throw new DomainError('contact_erased', '作者没有留下联系方式，或已删除');
    return { wishId, contact: await this.vault.open(state.contactRef) };
  }
}
