import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsNumber, IsOptional, IsString, Matches, Max, MaxLength, Min, ValidateNested } from 'class-validator';
import { JOB_CATEGORIES, JOB_SKILLS, PAY_MODES, PAY_UNITS } from '@ws/contracts';
import type { JobCategory, JobSkill, PayMode, PayUnit } from '@ws/contracts';

export const MOBILE = /^1[3-9]\d{9}$/;
export const STREET = /^[0-9a-z]{6}\d{3}$/;

/** Shapes only: the rules (ranges, order, dates) are the deciders', with their own codes. */
export class PointDto {
  @ApiProperty({ description: '经度（WGS-84）', example: 106.276 }) @IsNumber()
  lng!: number;

  @ApiProperty({ description: '纬度（WGS-84）', example: 29.972 }) @IsNumber()
  lat!: number;
}

export class SlotDto {
  @ApiProperty({ minimum: 1, maximum: 7 }) @IsInt()
  day!: 1 | 2 | 3 | 4 | 5 | 6 | 7;

  @ApiProperty({ example: '08:00' }) @IsString() @MaxLength(5)
  from!: string;

  @ApiProperty({ example: '12:00' }) @IsString() @MaxLength(5)
  to!: string;
}

export class MobileCodeDto {
  @ApiProperty({ example: '13800001234' }) @Matches(MOBILE, { message: 'mobile 须为 11 位手机号' })
  mobile!: string;

  @ApiProperty({ description: '短信验证码' }) @Matches(/^\d{6}$/, { message: 'code 须为 6 位数字' })
  code!: string;
}

/** 注销: the code sent to the account's own mobile. */
export class ErasureCodeDto {
  @ApiProperty({ description: '发到本人手机的短信验证码（注销个人信息）' }) @Matches(/^\d{6}$/, { message: 'code 须为 6 位数字' })
  code!: string;
}

export class PayDto {
  @ApiProperty({ description: '最低（分）' }) @IsNumber()
  minFen!: number;

  @ApiProperty({ description: '最高（分）' }) @IsNumber()
  maxFen!: number;

  @ApiProperty({ enum: PAY_UNITS }) @IsIn(PAY_UNITS)
  unit!: PayUnit;
}

export class ScheduleDto {
  @ApiProperty({ type: [SlotDto] }) @IsArray() @ArrayMaxSize(21) @ValidateNested({ each: true }) @Type(() => SlotDto)
  slots!: SlotDto[];

  @ApiPropertyOptional({ example: '2026-06-03' }) @IsOptional() @IsString() @MaxLength(10)
  startDate?: string | null;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(10)
  endDate?: string | null;
}

export class PostingDto {
  @ApiProperty({ enum: JOB_CATEGORIES }) @IsIn(JOB_CATEGORIES)
  category!: JobCategory;

  @ApiProperty({ enum: PAY_MODES }) @IsIn(PAY_MODES)
  payMode!: PayMode;

  @ApiProperty({ type: PayDto }) @ValidateNested() @Type(() => PayDto)
  pay!: PayDto;

  @ApiProperty() @IsNumber()
  headcount!: number;

  @ApiProperty() @IsString() @MaxLength(200)
  title!: string;

  @ApiProperty() @IsString() @MaxLength(4000)
  description!: string;

  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(2000)
  requirements?: string;

  @ApiProperty({ enum: JOB_SKILLS, isArray: true }) @IsArray() @ArrayMaxSize(JOB_SKILLS.length) @IsIn(JOB_SKILLS, { each: true })
  skills!: JobSkill[];

  @ApiProperty({ type: ScheduleDto }) @ValidateNested() @Type(() => ScheduleDto)
  schedule!: ScheduleDto;

  @ApiProperty({ example: '500117001' }) @Matches(STREET, { message: 'streetCode 须为 9 位街道代码' })
  streetCode!: string;

  @ApiProperty({ type: PointDto }) @ValidateNested() @Type(() => PointDto)
  location!: PointDto;

  @ApiProperty({ description: '详细地址（加密保存；个人雇主的地址只给已接受邀请的求职者看）' }) @IsString() @MaxLength(200)
  address!: string;

  @ApiProperty({ example: '2026-07-01T00:00:00+08:00' }) @IsString() @MaxLength(40)
  validUntil!: string;
}

export class PreferencesDto {
  @ApiProperty({ enum: JOB_CATEGORIES, isArray: true }) @IsArray() @ArrayMaxSize(JOB_CATEGORIES.length * 2)
  categories!: JobCategory[];

  @ApiProperty({ enum: JOB_SKILLS, isArray: true }) @IsArray() @ArrayMaxSize(JOB_SKILLS.length * 2)
  skills!: JobSkill[];

  @ApiProperty({ enum: PAY_MODES, isArray: true }) @IsArray() @ArrayMaxSize(PAY_MODES.length * 2)
  payModes!: PayMode[];

  @ApiProperty({ example: '500117001' }) @Matches(STREET, { message: 'homeStreetCode 须为 9 位街道代码' })
  homeStreetCode!: string;

  @ApiProperty({ minimum: 1, maximum: 50 }) @IsNumber()
  travelRadiusKm!: number;

  @ApiProperty({ type: [SlotDto] }) @IsArray() @ArrayMaxSize(21) @ValidateNested({ each: true }) @Type(() => SlotDto)
  availability!: SlotDto[];
}

export class ReasonDto {
  @ApiProperty() @IsString() @MaxLength(1000)
  reason!: string;
}

export const plainSlots = (slots: SlotDto[]) => slots.map(({ day, from, to }) => ({ day, from, to }));

/** Either side's decline of an application before the hire (the seeker's and the employer's routes). */
export class DeclineDto {
  @ApiPropertyOptional() @IsOptional() @IsString() @MaxLength(1000)
  reason?: string;
}
