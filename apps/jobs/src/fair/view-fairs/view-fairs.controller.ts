import { Controller, Get, Param, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Public, Roles, uuidParam } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { PageQueryDto } from '../../shared/pages';
import { OFFICER_ROLES } from '../../shared/scope';
import { FairListQueryDto } from './view-fairs.dto';
import { ViewFairsHandler } from './view-fairs.handler';

/** Fairs with their counts for officers; what is coming for anyone. */
@ApiTags('零工之家 jobs')
@ApiBearerAuth()
@Controller('fairs')
export class ViewFairsController {
  constructor(private readonly handler: ViewFairsHandler) {}

  @Get()
  @Roles(...OFFICER_ROLES)
  @ApiOperation({ summary: '招聘会列表（按开始时间），带每场的雇主、岗位、到场、意向数；街道干部只看本街道' })
  list(@Query() query: FairListQueryDto, @CurrentPrincipal() principal: Principal) {
    return this.handler.list(query, principal);
  }

  @Get('upcoming')
  @Public()
  @ApiOperation({ summary: '即将举办和正在举办的招聘会（公开，给求职者看）：名称、形式、驿站、时间、参会岗位数；不含任何人的信息' })
  upcoming(@Query() query: PageQueryDto) {
    return this.handler.upcoming(query);
  }

  @Get(':fairId')
  @Roles(...OFFICER_ROLES)
  @ApiOperation({ summary: '一场招聘会：计数与各岗位达成意向数' })
  show(@Param('fairId', uuidParam('fairId')) fairId: string, @CurrentPrincipal() principal: Principal) {
    return this.handler.show(fairId, principal);
  }
}
