import { Body, Controller, HttpCode, Inject, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiProperty, ApiTags } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { Kysely } from 'kysely';
import { Public } from '@ws/kernel';
import { DB } from '@ws/platform';
import type { WishesDatabase } from '../../db/database';
import { WishCommands } from '../wish-commands';
import { sha256Hex } from '../wish-identity';
import { wishIdByNo } from '../wish-lookup';

export class SecondWishDto {
  @ApiProperty({ description: '附议人标识：会员卡号或设备随机码（只保存其摘要），每人每条心愿一次' })
  @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'seconderKey 须为 6–64 位字母、数字、- 或 _' })
  seconderKey!: string;
}

@ApiTags('心愿墙 wishes')
@Controller('wishes/no/:wishNo/seconds')
export class SecondWishController {
  constructor(
    @Inject(DB) private readonly db: Kysely<WishesDatabase>,
    private readonly wishes: WishCommands,
  ) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '附议（我也需要）：每人每条心愿一次' })
  async second(@Param('wishNo') wishNo: string, @Body() dto: SecondWishDto) {
    const wishId = await wishIdByNo(this.db, wishNo);
    const seconderHash = sha256Hex(`second:${dto.seconderKey}`);
    const result = await this.wishes.execute(wishId, { type: 'SecondWish', seconderHash }, { retryOnConflict: true, meta: { actor: 'public' } });
    return { wishId, seconds: result.state.seconders.length };
  }
}
