import { Body, Controller, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, ExpectedVersion, type Principal, Roles, uuidParam } from '@ws/kernel';
import { CreateUnionDto, DissolveUnionDto, MergeUnionDto, RenameUnionDto } from './manage-unions.dto';
import { ManageUnionsHandler } from './manage-unions.handler';

@ApiTags('工会组织 unions')
@ApiBearerAuth()
@Controller('unions')
@Roles('province_officer', 'city_officer', 'district_officer')
export class ManageUnionsController {
  constructor(private readonly unions: ManageUnionsHandler) {}

  @Post()
  @ApiOperation({ summary: '建立工会（总工会、街道、企业、行业、新就业形态联合工会）' })
  create(@Body() dto: CreateUnionDto, @CurrentPrincipal() principal: Principal) {
    return this.unions.create(dto, principal);
  }

  @Post(':unionId/rename')
  @HttpCode(200)
  @ApiOperation({ summary: '更名' })
  rename(@Param('unionId', uuidParam('unionId')) unionId: string, @Body() dto: RenameUnionDto, @CurrentPrincipal() principal: Principal, @ExpectedVersion() version?: number) {
    return this.unions.rename(unionId, dto.name, principal, version);
  }

  @Post(':unionId/merge')
  @HttpCode(200)
  @ApiOperation({ summary: '合并：全体会员随之转入目标工会（同一事务），本工会标记为已合并' })
  merge(@Param('unionId', uuidParam('unionId')) unionId: string, @Body() dto: MergeUnionDto, @CurrentPrincipal() principal: Principal, @ExpectedVersion() version?: number) {
    return this.unions.merge(unionId, dto.intoUnionId, principal, version);
  }

  @Post(':unionId/dissolve')
  @HttpCode(200)
  @ApiOperation({ summary: '撤销：须先转出全部会员和下级工会' })
  dissolve(@Param('unionId', uuidParam('unionId')) unionId: string, @Body() dto: DissolveUnionDto, @CurrentPrincipal() principal: Principal, @ExpectedVersion() version?: number) {
    return this.unions.dissolve(unionId, dto.reason, principal, version);
  }
}
