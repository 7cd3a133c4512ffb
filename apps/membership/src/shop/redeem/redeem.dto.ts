import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, IsUUID, Max, MaxLength, Min } from 'class-validator';
import { MAX_QUANTITY_PER_REDEMPTION } from '../shop-item.decider';

export class RedeemDto {
  @ApiProperty({ description: '兑换编号（UUID）：同一编号重复提交只兑换一次' }) @IsUUID()
  redemptionId!: string;

  @ApiProperty({ description: '会员卡号（扫码）' }) @IsString() @MaxLength(40)
  cardNumber!: string;

  @ApiProperty() @IsUUID()
  itemId!: string;

  @ApiProperty({ minimum: 1, maximum: MAX_QUANTITY_PER_REDEMPTION }) @IsInt() @Min(1) @Max(MAX_QUANTITY_PER_REDEMPTION)
  quantity!: number;
}
