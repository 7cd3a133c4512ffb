import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Public } from '@ws/kernel';
import { SecondWishDto } from './second-wish.dto';
import { SecondWishHandler } from './second-wish.handler';

@ApiTags('心愿墙 wishes')
@Controller('wishes/no/:wishNo/seconds')
export class SecondWishController {
  constructor(private readonly handler: SecondWishHandler) {}

  @Post()
  @Public()
  @HttpCode(200)
  @ApiOperation({ summary: '附议（我也需要）：每人每条心愿一次' })
  second(@Param('wishNo') wishNo: string, @Body() dto: SecondWishDto) {
    return this.handler.second(wishNo, dto);
  }
}
