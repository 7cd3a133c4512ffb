import { Body, HttpCode, Param, Post } from '@nestjs/common';
import { ApiOperation } from '@nestjs/swagger';
import { CurrentPrincipal, type Principal, Roles, uuidParam } from '@ws/kernel';
import { LEGAL_HANDLERS, LegalAidRoutes } from '../legal-aid-routes';
import { LegalCaseCommands } from '../legal-case-commands';
import { CaseStepDto, CloseCaseDto, ReferCaseDto, SettleCaseDto } from './progress-case.dto';

/** Legal aid: a case mediated, then settled or referred, then closed, at the caller's station or street. */
@LegalAidRoutes()
export class ProgressCaseController {
  constructor(private readonly cases: LegalCaseCommands) {}

  @Post(':id/mediation') @HttpCode(200) @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '开始调解' })
  mediate(@Param('id', uuidParam()) id: string, @Body() dto: CaseStepDto, @CurrentPrincipal() p: Principal) {
    return this.cases.run({ type: 'StartMediation', caseId: id, on: dto.on }, p);
  }

  @Post(':id/settle') @HttpCode(200) @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '调解成功：挽回金额（分）' })
  settle(@Param('id', uuidParam()) id: string, @Body() dto: SettleCaseDto, @CurrentPrincipal() p: Principal) {
    return this.cases.run({ type: 'SettleLegalCase', caseId: id, on: dto.on, recoveredFen: dto.recoveredFen }, p);
  }

  @Post(':id/refer') @HttpCode(200) @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '转交共享法庭、劳动仲裁、司法所或法律援助中心' })
  refer(@Param('id', uuidParam()) id: string, @Body() dto: ReferCaseDto, @CurrentPrincipal() p: Principal) {
    return this.cases.run({ type: 'ReferLegalCase', caseId: id, on: dto.on, partner: dto.partner }, p);
  }

  @Post(':id/close') @HttpCode(200) @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '结案：结果' })
  close(@Param('id', uuidParam()) id: string, @Body() dto: CloseCaseDto, @CurrentPrincipal() p: Principal) {
    return this.cases.run({ type: 'CloseLegalCase', caseId: id, on: dto.on, outcome: dto.outcome }, p);
  }
}
