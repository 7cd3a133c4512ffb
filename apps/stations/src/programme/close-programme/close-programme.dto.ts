import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';
import { DAY } from '../../activity/plan-activity/plan-activity.dto';
import type { CloseProgramme } from './close-programme.command';

export class CloseProgrammeDto {
  @ApiProperty({ example: '2026-12-01' }) @Matches(DAY, { message: 'closedOn must be YYYY-MM-DD' })
  closedOn!: string;
}

export function toCloseProgramme(programmeId: string, dto: CloseProgrammeDto): CloseProgramme {
  return { type: 'CloseProgramme', programmeId, closedOn: dto.closedOn };
}
