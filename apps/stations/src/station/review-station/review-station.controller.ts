import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { DISTRICT_AND_ABOVE, StationRoutes } from '../station-routes';
import { ReviewStationDto } from './review-station.dto';
import { ReviewStationHandler } from './review-station.handler';

@StationRoutes()
export class ReviewStationController {
  constructor(private readonly handler: ReviewStationHandler) {}

  @Post(':id/review') @HttpCode(200) @Roles(...DISTRICT_AND_ABOVE)
  @ApiOperation({ summary: '年度星级评定（评分→1–5星，可降星）；使用人次按该年度到站人次和活动场次、劳动者满意度按在本站提交的心愿确认时的评分实测计分' })
  review(@Param('id', uuidParam()) id: string, @Body() dto: ReviewStationDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.review(id, dto, p, v);
  }
}
