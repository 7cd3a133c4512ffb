import { Body, Controller, Get, HttpCode, Inject, Post, Query } from '@nestjs/common';
import { ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { Public } from '@ws/kernel';
import { MEMBERSHIP_CONFIG, type MembershipConfig } from '../../membership-config';
import { AmendApplicationDto, LookupApplicationDto } from './lookup-application.dto';
import { LookupApplicationHandler } from './lookup-application.handler';

/**
 * MEMBERSHIP_LOOKUP_PER_MINUTE per client and route. Decorators are evaluated before any
 * configuration exists, so the limit is a function reading what the controller was given.
 */
let lookupLimit = 30;
const LOOKUP_THROTTLE = { default: { limit: () => lookupLimit, ttl: 60_000 } };

@ApiTags('入会申请 applications')
@Controller('applications')
export class LookupApplicationController {
  constructor(
    private readonly handler: LookupApplicationHandler,
    @Inject(MEMBERSHIP_CONFIG) config: MembershipConfig,
  ) {
    lookupLimit = config.lookupPerMinute;
  }

  @Get('lookup')
  @Public()
  @Throttle(LOOKUP_THROTTLE)
  @ApiOperation({ summary: '凭申请编号和手机号查询进度（限流）', description: '手机号会出现在 URL 中；可用 POST /applications/lookup 把它放进请求体。' })
  lookup(@Query() query: LookupApplicationDto) {
    return this.handler.lookup(query.number, query.mobile);
  }

  @Post('lookup')
  @Public()
  @HttpCode(200)
  @Throttle(LOOKUP_THROTTLE)
  @ApiOperation({ summary: '同上，手机号放在请求体中' })
  lookupByBody(@Body() dto: LookupApplicationDto) {
    return this.handler.lookup(dto.number, dto.mobile);
  }

  @Post('amendments')
  @Public()
  @HttpCode(200)
  @Throttle(LOOKUP_THROTTLE)
  @ApiOperation({ summary: '补充材料：按工会要求更正后重新提交审核' })
  amend(@Body() dto: AmendApplicationDto) {
    return this.handler.amend(dto);
  }
}
