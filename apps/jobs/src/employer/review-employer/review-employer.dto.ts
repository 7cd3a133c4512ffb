import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional } from 'class-validator';
import { EMPLOYER_STATUSES } from '@ws/contracts';
import type { EmployerStatus } from '@ws/contracts';
import { PageQueryDto } from '../../shared/pages';

export class EmployerListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: EMPLOYER_STATUSES }) @IsOptional() @IsIn(EMPLOYER_STATUSES)
  status?: EmployerStatus;
}
