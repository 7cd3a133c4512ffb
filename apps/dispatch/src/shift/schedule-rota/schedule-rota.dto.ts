import { ApiProperty } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayMinSize, IsISO8601, IsUUID, Matches, ValidateNested } from 'class-validator';

export class RotaShiftDto {
  @ApiProperty() @IsUUID()
  volunteerId!: string;

  @ApiProperty({ example: '2026-06-02T01:00:00Z' }) @IsISO8601({ strict: true })
  startsAt!: string;

  @ApiProperty({ example: '2026-06-02T05:00:00Z' }) @IsISO8601({ strict: true })
  endsAt!: string;
}

export class ScheduleRotaDto {
  @ApiProperty() @IsUUID()
  stationId!: string;

  @ApiProperty({ example: '330802001' }) @Matches(/^[0-9a-z]{6}\d{3}$/, { message: 'streetCode must be a 9-character street code' })
  streetCode!: string;

  @ApiProperty({ type: [RotaShiftDto] })
  @ValidateNested({ each: true }) @Type(() => RotaShiftDto) @ArrayMinSize(1) @ArrayMaxSize(200)
  shifts!: RotaShiftDto[];
}
