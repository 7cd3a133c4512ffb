import { Controller, Get, HttpCode, Param, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Roles, OPS_ROLES } from '@ws/kernel';
import { ProjectionsService } from './projections.service';

@ApiTags('运维 ops')
@ApiBearerAuth()
@Controller('admin/projections')
export class ProjectionsAdminController {
  constructor(private readonly projections: ProjectionsService) {}

  @Get()
  @Roles(...OPS_ROLES)
  @ApiOperation({ summary: '读模型及其进度 (projections, positions and lag)' })
  list() {
    return this.projections.lags();
  }

  @Post(':name/rebuild')
  @HttpCode(202)
  @Roles(...OPS_ROLES)
  @ApiOperation({ summary: '重建读模型：清空后从事件流重放 (truncate and replay)' })
  async rebuild(@Param('name') name: string) {
    await this.projections.rebuild(name);
    return { name, status: 'rebuilding' };
  }
}
