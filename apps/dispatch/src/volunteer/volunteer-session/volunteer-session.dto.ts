import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsString, IsUUID, Length, Matches, ValidateIf } from 'class-validator';

const MOBILE = /^1[3-9]\d{9}$/;

/** Either the volunteer id and access code given at registration, or the mobile and an SMS code. */
export class VolunteerSessionDto {
  @ApiPropertyOptional() @ValidateIf((o: VolunteerSessionDto) => o.mobile === undefined) @IsUUID()
  volunteerId?: string;

  @ApiPropertyOptional({ description: '登记时发放的登录码' }) @ValidateIf((o: VolunteerSessionDto) => o.mobile === undefined) @IsString() @Length(6, 32)
  accessCode?: string;

  @ApiPropertyOptional({ description: '登记的手机号（与短信验证码一起）' }) @ValidateIf((o: VolunteerSessionDto) => o.volunteerId === undefined) @Matches(MOBILE, { message: 'mobile 须为 11 位手机号' })
  mobile?: string;

  @ApiPropertyOptional({ description: '短信验证码（POST /volunteer-sessions/codes 获取）' }) @ValidateIf((o: VolunteerSessionDto) => o.volunteerId === undefined) @Matches(/^\d{6}$/, { message: 'code 须为 6 位数字' })
  code?: string;
}

export class VolunteerCodeDto {
  @ApiProperty({ example: '13800001234' }) @Matches(MOBILE, { message: 'mobile 须为 11 位手机号' })
  mobile!: string;
}
