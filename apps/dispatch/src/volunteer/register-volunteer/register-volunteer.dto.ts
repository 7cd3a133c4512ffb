import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsBoolean, IsIn, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { VOLUNTEER_SKILLS, VOLUNTEER_TYPES } from '@ws/contracts';
import type { VolunteerSkill, VolunteerType } from '@ws/contracts';
import { MAX_AVAILABILITY_SLOTS } from '../availability';

const CLOCK = /^([01]\d|2[0-3]):[0-5]\d$|^24:00$/;

export class AvailabilitySlotDto {
  @ApiProperty({ description: '星期（1=周一 … 7=周日）', minimum: 1, maximum: 7 })
  @IsInt() @Min(1) @Max(7)
  day!: 1 | 2 | 3 | 4 | 5 | 6 | 7;

  @ApiProperty({ example: '09:00' }) @Matches(CLOCK, { message: 'from must be HH:MM' })
  from!: string;

  @ApiProperty({ example: '12:00' }) @Matches(CLOCK, { message: 'to must be HH:MM' })
  to!: string;
}

export class SkillClaimDto {
  @ApiProperty({ enum: VOLUNTEER_SKILLS }) @IsIn(VOLUNTEER_SKILLS)
  skill!: VolunteerSkill;

  @ApiPropertyOptional({ description: '证书扫描件的引用（不是证书编号）' })
  @IsOptional() @IsString() @MaxLength(200)
  certificateRef?: string;
}

export class AvailabilityDto {
  @ApiProperty({ type: [AvailabilitySlotDto] })
  @ValidateNested({ each: true }) @Type(() => AvailabilitySlotDto) @ArrayMaxSize(MAX_AVAILABILITY_SLOTS)
  availability!: AvailabilitySlotDto[];
}

export class RegisterVolunteerDto extends AvailabilityDto {
  @ApiProperty({ description: '姓名（加密保存，不进入事件）' })
  @IsString() @MinLength(1) @MaxLength(50)
  name!: string;

  @ApiProperty({ description: '手机号（加密保存，不进入事件）', example: '13800001234' })
  @Matches(/^1[3-9]\d{9}$/, { message: 'mobile must be a mainland mobile number' })
  mobile!: string;

  @ApiProperty({ enum: VOLUNTEER_TYPES }) @IsIn(VOLUNTEER_TYPES)
  type!: VolunteerType;

  @ApiProperty({ type: [SkillClaimDto] })
  @ValidateNested({ each: true }) @Type(() => SkillClaimDto) @ArrayMaxSize(VOLUNTEER_SKILLS.length)
  skills!: SkillClaimDto[];

  @ApiProperty({ description: '居住街道代码（9 位）', example: '330802001' })
  @Matches(/^[0-9a-z]{6}\d{3}$/, { message: 'homeStreet must be a 9-character street code' })
  homeStreet!: string;

  @ApiPropertyOptional({ description: '志愿者同意通过手机号接收邀请和提醒短信（个人信息保护法：须本人明确同意，登记表上勾选）', default: false })
  @IsOptional() @IsBoolean()
  smsConsent?: boolean;
}
