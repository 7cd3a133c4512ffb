import { Body, Controller, Get, Inject, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Kysely } from 'kysely';
import { CurrentPrincipal, DomainError, newId, type Role, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { StationsDatabase } from '../db/database';
import { assertMayActAt } from '../station/venue';
import { WelfareCardVault } from './welfare-card-vault';
import { WelfareCommandHandler } from './welfare-command.handler';
import { memberCardsOf } from './welfare.rules';
import { HandOutDto, ReceiveStockDto, toHandOut, toReceiveStock } from './welfare.dto';
import { stationsError } from '../errors';

const KEEPERS: Role[] = ['province_officer', 'city_officer', 'district_officer', 'street_officer', 'station_manager'];

/** The write side of welfare (关爱物资): stock received and handouts, by officers and station managers. */
@ApiTags('关爱物资 welfare')
@ApiBearerAuth()
@Controller('welfare')
export class WelfareController {
  constructor(
    private readonly handler: WelfareCommandHandler,
    private readonly vault: WelfareCardVault,
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
  ) {}

  @Post('stock') @Roles(...KEEPERS)
  @ApiOperation({ summary: '物资入库（清凉礼包、温暖礼包、换电礼包…），金额以分计' })
  async receive(@Body() dto: ReceiveStockDto, @CurrentPrincipal() p: Principal) {
    const receiptId = newId();
    return { receiptId, ...(await this.handler.execute(toReceiveStock(receiptId, dto), p)) };
  }

  @Post('handouts') @Roles(...KEEPERS)
  @ApiOperation({ summary: '登记发放（送清凉、冬送温暖、节日慰问）：数量、受惠人数（不记姓名）、可选出示的会员卡（只计张数，卡号加密存于本节点）、金额；从库存发放时库存不足即拒绝' })
  async handOut(@Body() dto: HandOutDto, @CurrentPrincipal() p: Principal) {
    const cards = memberCardsOf(dto.memberCards ?? []);
    if (cards instanceof DomainError) throw cards;
    const handoutId = newId();
    const sealCards = cards.length > 0 ? (trx: Parameters<WelfareCardVault['store']>[0]) => this.vault.store(trx, handoutId, cards) : undefined;
    return { handoutId, ...(await this.handler.execute(toHandOut(handoutId, dto, cards.length), p, sealCards)) };
  }

  @Get('handouts/:id/member-cards') @Roles(...KEEPERS)
  @ApiOperation({ summary: '一次发放登记的会员卡号（只在登记的节点，从加密库读取，每次读取记入访问日志）' })
  async memberCards(@Param('id', uuidParam()) id: string, @CurrentPrincipal() p: Principal) {
    const handout = await this.db.selectFrom('welfare_handouts').select(['station_id', 'street_code']).where('handout_id', '=', id).executeTakeFirst();
    if (!handout) throw stationsError('welfare_handout_not_found', `发放记录 ${id} 不存在`, 'id');
    assertMayActAt(p, { stationId: handout.station_id, streetCode: handout.street_code }, '关爱物资发放');
    return { handoutId: id, memberCards: await this.vault.open(id, p.subject) };
  }
}
