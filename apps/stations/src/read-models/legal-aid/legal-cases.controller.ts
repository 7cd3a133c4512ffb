import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Kysely } from 'kysely';
import { LEGAL_CASE_STATES, type LegalCaseState } from '@ws/contracts';
import { CurrentPrincipal, listScope, type Principal, Roles } from '@ws/kernel';
import { DB, DEFAULT_PAGE_SIZE, PageQueryDto } from '@ws/platform';
import type { StationsDatabase } from '../../db/database';
import { LEGAL_HANDLERS } from '../../legal-aid/legal-aid-routes';
import { legalCasePage } from './legal-cases.query';

export class LegalCaseListDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: [...LEGAL_CASE_STATES] }) @IsOptional() @IsIn(LEGAL_CASE_STATES)
  state?: LegalCaseState;
}

/** Legal-aid cases of the subtree without the workers' details: a street officer sees their street's, a station manager their station's. */
@ApiTags('法律援助 legal aid')
@ApiBearerAuth()
@Controller('legal-aid/cases')
export class LegalCasesController {
  constructor(@Inject(DB) private readonly db: Kysely<StationsDatabase>) {}

  @Get() @Roles(...LEGAL_HANDLERS)
  @ApiOperation({ summary: '案件列表（类型、状态、结果、挽回金额；不含当事人信息），分页' })
  list(@Query() query: LegalCaseListDto, @CurrentPrincipal() p: Principal) {
    return legalCasePage(this.db, listScope(p), query.state, query.after, query.limit ?? DEFAULT_PAGE_SIZE);
  }
}
