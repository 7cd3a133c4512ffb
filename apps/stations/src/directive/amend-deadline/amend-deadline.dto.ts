import { ApiProperty } from '@nestjs/swagger';
import { IsString, Matches } from 'class-validator';
import type { AmendDeadline } from './amend-deadline.command';

export class AmendDeadlineDto {
  @ApiProperty({ description: '新的期限 YYYY-MM-DD（北京时间，今天或以后）', example: '2027-06-30' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}$/, { message: 'deadline must be YYYY-MM-DD' })
  deadline!: string;
}

export function toAmendDeadline(directiveId: string, dto: AmendDeadlineDto): AmendDeadline {
  return { type: 'AmendDeadline', directiveId, deadline: dto.deadline };
}
