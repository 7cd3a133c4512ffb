import { ApiProperty } from '@nestjs/swagger';
import { IsIn } from 'class-validator';

export class RetireVolunteerDto {
  @ApiProperty({ enum: ['withdrew', 'removed'] }) @IsIn(['withdrew', 'removed'])
  reason!: 'withdrew' | 'removed';
}
