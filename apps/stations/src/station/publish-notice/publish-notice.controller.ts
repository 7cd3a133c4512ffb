import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, Roles, uuidParam, type Principal } from '@ws/kernel';
import { OFFICERS_AND_MANAGER, StationRoutes } from '../station-routes';
import { PublishNoticeDto } from './publish-notice.dto';
import { PublishNoticeHandler } from './publish-notice.handler';

@StationRoutes()
export class PublishNoticeController {
  constructor(private readonly handler: PublishNoticeHandler) {}

  @Post(':id/notice') @HttpCode(200) @Roles(...OFFICERS_AND_MANAGER)
  @ApiOperation({ summary: '发布公示：服务公约、服务内容和时间、管理人员、服务职工热线（固定电话、400/800 或 12351）、进驻单位' })
  notice(@Param('id', uuidParam()) id: string, @Body() dto: PublishNoticeDto, @CurrentPrincipal() p: Principal, @ExpectedVersion() v?: number) {
    return this.handler.publish(id, dto, p, v);
  }
}
