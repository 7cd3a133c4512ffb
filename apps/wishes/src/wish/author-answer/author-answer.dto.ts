import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, MaxLength } from 'class-validator';
import type { WishRating } from '@ws/contracts';
import { WISH_REASON_MAX } from '../wish.decider';

export class AuthorKeyDto {
  @ApiProperty({ description: '提交心愿时拿到的作者凭证' })
  @IsString() @MaxLength(64)
  authorKey!: string;
}

export class ConfirmWishDto extends AuthorKeyDto {
  @ApiProperty({ enum: [1, 2, 3, 4, 5], description: '满意度 1–5 星' })
  @IsIn([1, 2, 3, 4, 5])
  rating!: WishRating;

  @ApiPropertyOptional({ maxLength: WISH_REASON_MAX })
  @IsOptional() @IsString() @MaxLength(WISH_REASON_MAX)
  comment?: string;
}

export class ReopenWishDto extends AuthorKeyDto {
  @ApiProperty({ description: '为什么还没解决（交回原街道处理）', maxLength: WISH_REASON_MAX })
  @IsString() @MaxLength(WISH_REASON_MAX)
  reason!: string;
}
