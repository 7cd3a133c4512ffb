import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { Equals, IsBoolean, IsIn, IsOptional, IsString, IsUrl, Length, MaxLength, ValidateNested } from 'class-validator';
import { ProvenDto } from '../../inbox/proof.dto';

export class PreferencesDto extends ProvenDto {
  @ApiPropertyOptional({ description: 'true：不再接收短信' }) @IsOptional() @IsBoolean() smsOff?: boolean;
  @ApiPropertyOptional({ description: 'true：不再接收微信订阅通知' }) @IsOptional() @IsBoolean() wechatOff?: boolean;
  @ApiPropertyOptional({ description: 'true：不再接收网页推送' }) @IsOptional() @IsBoolean() pushOff?: boolean;
}

export class PushKeysDto {
  @ApiProperty() @IsString() @Length(20, 200) p256dh!: string;
  @ApiProperty() @IsString() @Length(8, 100) auth!: string;
}

export class PushSubscriptionDto {
  @ApiProperty() @IsUrl({ require_tld: false, protocols: ['https', 'http'], require_protocol: true }) @MaxLength(1000)
  endpoint!: string;

  @ApiProperty({ type: PushKeysDto }) @ValidateNested() @Type(() => PushKeysDto)
  keys!: PushKeysDto;
}

export class BindChannelDto extends ProvenDto {
  @ApiProperty({ enum: ['push', 'wechat'] }) @IsIn(['push', 'wechat'])
  channel!: 'push' | 'wechat';

  @ApiPropertyOptional({ type: PushSubscriptionDto, description: 'push：浏览器的 PushSubscription' }) @IsOptional() @ValidateNested() @Type(() => PushSubscriptionDto)
  subscription?: PushSubscriptionDto;

  @ApiPropertyOptional({ description: 'wechat：公众号网页授权得到的 openid' }) @IsOptional() @IsString() @Length(6, 64)
  openId?: string;

  @ApiProperty({ description: '同意通过该渠道接收通知（个人信息保护法：须本人明确同意）' }) @Equals(true, { message: '须同意接收通知' })
  consent!: true;
}

export class UnbindChannelDto extends ProvenDto {
  @ApiProperty({ enum: ['push', 'wechat'] }) @IsIn(['push', 'wechat'])
  channel!: 'push' | 'wechat';
}
