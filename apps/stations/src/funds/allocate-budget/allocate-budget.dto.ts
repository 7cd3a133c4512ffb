import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { TITLE_MAX } from '../../station/station.rules';
import { NOT_BLANK } from '../../station/shared/dto-decorators';

export class AllocateBudgetDto {
  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: '驿站的经费；本级工会的经费不填' }) @IsOptional() @IsUUID()
  stationId?: string | null;

  @ApiProperty({ example: 2026 }) @IsInt()
  year!: number;

  @ApiProperty({ maxLength: TITLE_MAX, example: '驿站活动经费' }) @IsString() @MaxLength(TITLE_MAX) @Matches(NOT_BLANK, { message: 'title must not be blank' })
  title!: string;

  @ApiProperty({ description: '金额（分，整数）', example: 500_000 }) @IsInt()
  amountFen!: number;
}
