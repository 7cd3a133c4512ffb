import { Get, Param } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, uuidParam } from '@ws/kernel';
import { LEGAL_HANDLERS, LegalAidRoutes } from '../legal-aid-routes';
import { ReadWorkerHandler } from './read-worker.handler';

/** Legal aid: a case's worker details, from the vault, for who handles the case. */
@LegalAidRoutes()
export class ReadWorkerController {
  constructor(private readonly handler: ReadWorkerHandler) {}

  @Get(':id/worker') @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '当事人信息（从加密库读取，每次读取记入访问日志）' })
  worker(@Param('id', uuidParam()) id: string, @CurrentPrincipal() p: Principal) {
    return this.handler.worker(id, p);
  }
}
