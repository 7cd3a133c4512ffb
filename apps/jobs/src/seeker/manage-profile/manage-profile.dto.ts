import { ApiProperty } from '@nestjs/swagger';
import { IsBoolean, IsInt } from 'class-validator';

export class PushesDto {
  @ApiProperty({ description: '接收精准推送' }) @IsBoolean()
  pushes!: boolean;

  @ApiProperty({ description: '每天最多推送几条（1–10）' }) @IsInt()
  dailyCap!: number;
}
