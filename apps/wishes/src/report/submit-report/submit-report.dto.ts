import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsLatitude, IsLongitude, IsOptional, IsString, Matches, MaxLength, ValidateNested } from 'class-validator';
import { MEMBER_CARD, PHOTO_REF } from '../../wish/post-wish/post-wish.dto';
import { REPORT_PHOTOS_MAX, REPORT_TEXT_MAX } from '../report.decider';

export class ReportLocationDto {
  @ApiProperty({ description: 'WGS-84 经度' })
  @IsLongitude()
  lng!: number;

  @ApiProperty({ description: 'WGS-84 纬度' })
  @IsLatitude()
  lat!: number;
}

export class SubmitReportDto {
  @ApiProperty({ description: '街道代码（9 位）' })
  @Matches(/^[0-9a-z]{9}$/, { message: 'streetCode 须为 9 位街道代码' })
  streetCode!: string;

  @ApiProperty({ type: ReportLocationDto })
  @ValidateNested() @Type(() => ReportLocationDto)
  location!: ReportLocationDto;

  @ApiProperty({ maxLength: REPORT_TEXT_MAX })
  @IsString() @MaxLength(REPORT_TEXT_MAX)
  text!: string;

  @ApiPropertyOptional({ type: [String], maxItems: REPORT_PHOTOS_MAX })
  @IsOptional() @IsArray() @ArrayMaxSize(REPORT_PHOTOS_MAX) @Matches(PHOTO_REF, { each: true, message: 'photoRefs 须为存储引用' })
  photoRefs?: string[];

  @ApiPropertyOptional({ description: '网格员的工会会员卡号（奖励记入）' })
  @IsOptional() @Matches(MEMBER_CARD, { message: 'memberCard 须为 6–32 位字母或数字' })
  memberCard?: string;
}
