import { Body, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, newId, type Principal, Roles, uuidParam } from '@ws/kernel';
import { DELIVERERS, ProgrammeRoutes } from '../programme-routes';
import { RecordDeliveryDto, toRecordDelivery } from './record-delivery.dto';
import { RecordDeliveryHandler } from './record-delivery.handler';

/** Programmes: stations and streets record what they served, at their own venue. */
@ProgrammeRoutes()
export class RecordDeliveryController {
  constructor(private readonly handler: RecordDeliveryHandler) {}

  @Post(':id/deliveries') @Roles(...DELIVERERS)
  @ApiOperation({ summary: '登记服务：日期、人次、其中新就业形态人次、场次；占比规则无法达到时拒绝（programme_quota_unreachable）' })
  deliver(@Param('id', uuidParam()) id: string, @Body() dto: RecordDeliveryDto, @CurrentPrincipal() p: Principal) {
    return this.handler.deliver(toRecordDelivery(id, newId(), dto), p);
  }
}
