import { ApiProperty } from '@nestjs/swagger';
import { IsString, IsUUID, MaxLength } from 'class-validator';
import { WISH_REASON_MAX } from '../wish.decider';

export class DeclineWishDto {
  @ApiProperty({ description: '退回理由（作者可见）', maxLength: WISH_REASON_MAX })
  @IsString() @MaxLength(WISH_REASON_MAX)
  reason!: string;
}

export class MergeWishDto {
  @ApiProperty({ description: '合并到的心愿编号（wishId）' })
  @IsUUID()
  intoWishId!: string;
}
