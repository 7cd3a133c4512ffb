import { ApiProperty } from '@nestjs/swagger';
import { Matches } from 'class-validator';

export class SecondWishDto {
  @ApiProperty({ description: '附议人标识：会员卡号或设备随机码（只保存其摘要），每人每条心愿一次' })
  @Matches(/^[A-Za-z0-9_-]{6,64}$/, { message: 'seconderKey 须为 6–64 位字母、数字、- 或 _' })
  seconderKey!: string;
}
