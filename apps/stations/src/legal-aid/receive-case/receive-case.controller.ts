import { Body, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles } from '@ws/kernel';
import { LEGAL_HANDLERS, LegalAidRoutes } from '../legal-aid-routes';
import { ReceiveLegalCaseDto } from './receive-case.dto';
import { ReceiveCaseHandler } from './receive-case.handler';

/** Legal aid (公益法律援助, 共享法庭): stations and streets receive cases; the worker's details stay in the vault. */
@LegalAidRoutes()
export class ReceiveCaseController {
  constructor(private readonly handler: ReceiveCaseHandler) {}

  @Post() @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '受理：法律咨询或劳动争议；当事人姓名、手机、诉求只存于加密库，事件中只有引用' })
  receive(@Body() dto: ReceiveLegalCaseDto, @CurrentPrincipal() p: Principal) {
    return this.handler.receive(dto, p);
  }
}
