import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { DeclineWishDto, MergeWishDto } from './moderate-wish.dto';
import { ModerateWishHandler } from './moderate-wish.handler';

const MODERATORS = ['station_manager', 'street_officer', 'district_officer'] as const;

@ApiTags('心愿审核 moderation')
@ApiBearerAuth()
@Controller('wishes/:wishId')
export class ModerateWishController {
  constructor(private readonly handler: ModerateWishHandler) {}

  @Post('accept')
  @HttpCode(200)
  @Roles(...MODERATORS)
  @ApiOperation({ summary: '受理：上心愿墙，进入街道需求清单，按类别计时' })
  accept(@Param('wishId', uuidParam('wishId')) wishId: string, @CurrentPrincipal() principal: Principal, @ExpectedVersion() expectedVersion?: number) {
    return this.handler.moderate(wishId, principal, { type: 'AcceptWish', moderatorId: principal.subject }, expectedVersion);
  }

  @Post('decline')
  @HttpCode(200)
  @Roles(...MODERATORS)
  @ApiOperation({ summary: '退回，附作者可见的理由' })
  decline(@Param('wishId', uuidParam('wishId')) wishId: string, @Body() dto: DeclineWishDto, @CurrentPrincipal() principal: Principal, @ExpectedVersion() expectedVersion?: number) {
    return this.handler.moderate(wishId, principal, { type: 'DeclineWish', moderatorId: principal.subject, reason: dto.reason }, expectedVersion);
  }

  @Post('merge')
  @HttpCode(200)
  @Roles(...MODERATORS)
  @ApiOperation({ summary: '与相同的心愿合并（计为一次附议）' })
  merge(@Param('wishId', uuidParam('wishId')) wishId: string, @Body() dto: MergeWishDto, @CurrentPrincipal() principal: Principal, @ExpectedVersion() expectedVersion?: number) {
    return this.handler.merge(wishId, dto.intoWishId, principal, expectedVersion);
  }
}
