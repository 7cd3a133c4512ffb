import { Body, Controller, HttpCode, Inject, Post } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import { CurrentPrincipal, Roles } from '@ws/kernel';
import type { Principal } from '@ws/kernel';
import { CommandRunner, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { AdoptStandardDto, toAdoptStandard } from './adopt-standard.dto';
import { nodeStandardAggregate } from '../../aggregates';

@ApiTags('达标情况 compliance')
@ApiBearerAuth()
@Controller('standard')
export class AdoptStandardController {
  constructor(
    private readonly commands: CommandRunner,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  @Post()
  @HttpCode(200)
  @Roles('province_officer', 'city_officer', 'district_officer')
  @ApiOperation({ summary: '本节点采用建设标准（六有、八有、6+X、9+X、10+X）' })
  async adopt(@Body() dto: AdoptStandardDto, @CurrentPrincipal() principal: Principal) {
    const nodeCode = this.config.node.code;
    const result = await this.commands.run(
      nodeStandardAggregate,
      nodeCode,
      toAdoptStandard(nodeCode, dto),
      { meta: { actor: principal.subject } },
    );
    return { nodeCode, standard: dto.standard, version: result.version, events: result.events.map((e) => e.type) };
  }
}
