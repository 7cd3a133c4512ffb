import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { FAIR_STATUSES } from '@ws/contracts';
import type { FairStatus } from '@ws/contracts';
import { PageQueryDto } from '../../shared/pages';

export class FairListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: FAIR_STATUSES }) @IsOptional() @IsIn(FAIR_STATUSES)
  status?: FairStatus;
}
