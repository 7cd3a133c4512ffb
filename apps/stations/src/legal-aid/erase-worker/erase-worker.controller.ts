import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, uuidParam } from '@ws/kernel';
import { LEGAL_HANDLERS, LegalAidRoutes } from '../legal-aid-routes';
import { EraseWorkerDto } from './erase-worker.dto';
import { EraseWorkerHandler } from './erase-worker.handler';

/** Legal aid: the worker's details erased at their request, by who may read them (the case's station or street). */
@LegalAidRoutes()
export class EraseWorkerController {
  constructor(private readonly handler: EraseWorkerHandler) {}

  @Post(':id/worker/erasure') @HttpCode(200) @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '删除当事人信息（应当事人申请；删除密钥与密文，案件与统计保留；再次删除答 410 personal_data_erased）' })
  erase(@Param('id', uuidParam()) id: string, @Body() dto: EraseWorkerDto, @CurrentPrincipal() p: Principal) {
    return this.handler.erase(id, dto.reason, p);
  }
}
