import { Controller, Get, Inject, Query } from '@nestjs/common';
import { ApiOperation, ApiPropertyOptional, ApiTags } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { Kysely } from 'kysely';
import { STANDARD_CODES } from '@ws/contracts';
import type { StandardCode } from '@ws/contracts';
import { Public } from '@ws/kernel';
import { DB, PLATFORM_CONFIG } from '@ws/platform';
import type { PlatformConfig } from '@ws/platform';
import { STANDARDS } from '../../catalogue/standards';
import type { StationsDatabase } from '../../db/database';
import { adoptedStandard } from '../directory/directory.query';
import { complianceReport } from './compliance.query';
import { stationsError } from '../../errors';

export class ComplianceQueryDto {
  @ApiPropertyOptional({ enum: STANDARD_CODES, description: '默认：本节点（或上级）采用的标准' })
  @IsOptional() @IsIn(STANDARD_CODES)
  standard?: StandardCode;

  @ApiPropertyOptional({ enum: ['street', 'district'], default: 'street' })
  @IsOptional() @IsIn(['street', 'district'])
  by?: 'street' | 'district';
}

@ApiTags('达标情况 compliance')
@Controller('compliance')
export class ComplianceController {
  constructor(
    @Inject(DB) private readonly db: Kysely<StationsDatabase>,
    @Inject(PLATFORM_CONFIG) private readonly config: PlatformConfig,
  ) {}

  // Public: the compliance rate and the facilities missing, by street or district (the dashboard's gauge), no person.
  @Get()
  @Public()
  @ApiOperation({ summary: '达标率：按街道或区县，及缺少的设施' })
  async report(@Query() query: ComplianceQueryDto) {
    const standard = query.standard ?? (await adoptedStandard(this.db, this.config.node.code));
    if (!standard) throw stationsError('no_standard_adopted', '本节点尚未采用建设标准，请指定 standard 参数', 'standard');
    return complianceReport(this.db, STANDARDS[standard as StandardCode], query.by ?? (this.config.node.level === 'district' ? 'street' : 'district'));
  }
}
