import { ApiProperty } from '@nestjs/swagger';
import { IsIn, Matches } from 'class-validator';
import { STANDARD_CODES } from '@ws/contracts';
import type { StandardCode } from '@ws/contracts';
import type { PlanUpgrade } from './plan-upgrade.command';

export class PlanUpgradeDto {
  @ApiProperty({ enum: [...STANDARD_CODES], description: '目标标准：liu_you（六有）、ba_you（八有）、six_plus_x（6+X）、nine_plus_x（9+X）、ten_plus_x（10+X）' })
  @IsIn(STANDARD_CODES)
  standard!: StandardCode;

  @ApiProperty({ description: '完成期限 YYYY-MM-DD（北京时间，今天或以后）', example: '2026-12-31' })
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'due must be YYYY-MM-DD' })
  due!: string;
}

export function toPlanUpgrade(stationId: string, dto: PlanUpgradeDto): PlanUpgrade {
  return { type: 'PlanUpgrade', stationId, standard: dto.standard, due: dto.due };
}
