import { Body, Controller, Headers, HttpCode, Param, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiHeader, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { FastifyReply } from 'fastify';
import { CurrentPrincipal, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { checkedClientKey } from '../../shared/idempotency';
import { DecideDemandDto } from './decide-demand.dto';
import { DecideDemandHandler } from './decide-demand.handler';

@ApiTags('需求清单与派单 demand')
@ApiBearerAuth()
@Controller('streets/:streetCode/decisions')
export class DecideDemandController {
  constructor(private readonly handler: DecideDemandHandler) {}

  @Post()
  @HttpCode(201)
  @Roles('street_officer', 'district_officer')
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: '重发同一决定时返回同一结果' })
  @ApiOperation({ summary: '对需求清单中的一组（类别）作出决定：逐条派单、组织活动或只答复' })
  async decide(
    @Param('streetCode') streetCode: string,
    @Body() dto: DecideDemandDto,
    @CurrentPrincipal() principal: Principal,
    @Headers('idempotency-key') key: string | undefined,
    @Res({ passthrough: true }) reply: FastifyReply,
  ) {
    const result = await this.handler.decide(streetCode, dto, principal, checkedClientKey(key));
    if (result.replayed) void reply.status(200);
    return result;
  }
}
