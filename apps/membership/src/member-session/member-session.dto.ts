import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, IsOptional, IsString, IsUUID, Matches, Max, MaxLength, Min } from 'class-validator';
import { MAX_QUANTITY_PER_REDEMPTION } from '../shop/shop-item.decider';

export class MemberCodeDto {
  @ApiProperty({ example: '33080200000001', description: '会员卡号' }) @IsString() @MaxLength(40)
  cardNumber!: string;

  @ApiProperty({ example: '13812345678', description: '入会时登记的手机号' }) @IsString() @MaxLength(20)
  mobile!: string;
}

export class MemberSignInDto extends MemberCodeDto {
  @ApiProperty({ example: '123456', description: '短信验证码' }) @Matches(/^\d{6}$/, { message: '验证码应为 6 位数字' })
  code!: string;
}

export class MemberRedeemDto {
  @ApiProperty({ description: '兑换编号（UUID，手机上生成）：重复提交只兑换一次' }) @IsUUID()
  redemptionId!: string;

  @ApiProperty() @IsUUID()
  itemId!: string;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_QUANTITY_PER_REDEMPTION, default: 1 })
  @IsOptional() @IsInt() @Min(1) @Max(MAX_QUANTITY_PER_REDEMPTION)
  quantity?: number;
}
