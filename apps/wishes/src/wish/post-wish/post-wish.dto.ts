import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, IsArray, IsBoolean, IsIn, IsOptional, IsString, IsUUID, Matches, MaxLength } from 'class-validator';
import { WISH_CATEGORIES, WISH_KINDS, WISH_URGENCIES } from '@ws/contracts';
import type { WishCategory, WishKind, WishUrgency } from '@ws/contracts';
import { WISH_PHOTOS_MAX, WISH_TEXT_MAX } from '../wish.decider';

/** A reference to a stored photo (object key), never the photo. */
export const PHOTO_REF = /^[A-Za-z0-9][A-Za-z0-9_./:-]{0,199}$/;
/** A union member card number as printed. */
export const MEMBER_CARD = /^[A-Za-z0-9]{6,32}$/;

export class PostWishDto {
  @ApiProperty({ description: '站点编号（扫码得到）' })
  @IsUUID()
  stationId!: string;

  @ApiPropertyOptional({ enum: WISH_KINDS, default: 'wish', description: '心愿（wish）或建议（suggestion）' })
  @IsOptional() @IsIn(WISH_KINDS)
  kind?: WishKind;

  @ApiProperty({ enum: WISH_CATEGORIES })
  @IsIn(WISH_CATEGORIES)
  category!: WishCategory;

  @ApiProperty({ maxLength: WISH_TEXT_MAX })
  @IsString() @MaxLength(WISH_TEXT_MAX)
  text!: string;

  @ApiPropertyOptional({ enum: WISH_URGENCIES, default: 'normal' })
  @IsOptional() @IsIn(WISH_URGENCIES)
  urgency?: WishUrgency;

  @ApiPropertyOptional({ type: [String], maxItems: WISH_PHOTOS_MAX, description: '照片的存储引用' })
  @IsOptional() @IsArray() @ArrayMaxSize(WISH_PHOTOS_MAX) @Matches(PHOTO_REF, { each: true, message: 'photoRefs 须为存储引用' })
  photoRefs?: string[];

  @ApiPropertyOptional({ description: '工会会员卡号（可不填）' })
  @IsOptional() @Matches(MEMBER_CARD, { message: 'memberCard 须为 6–32 位字母或数字' })
  memberCard?: string;

  @ApiPropertyOptional({ description: '愿意留下的联系方式（加密保存，不进入事件）', maxLength: 100 })
  @IsOptional() @IsString() @MaxLength(100)
  contact?: string;

  @ApiPropertyOptional({ description: '同意通过所留手机号接收心愿进度短信（个人信息保护法：须本人明确同意）', default: false })
  @IsOptional() @IsBoolean()
  smsConsent?: boolean;
}
