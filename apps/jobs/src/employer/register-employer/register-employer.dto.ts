import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsIn, IsOptional, IsString, Matches, MaxLength } from 'class-validator';
import { EMPLOYER_KINDS } from '@ws/contracts';
import type { EmployerKind } from '@ws/contracts';
import { MobileCodeDto, STREET } from '../../shared/dto';

export class RegisterEmployerDto extends MobileCodeDto {
  @ApiProperty({ enum: EMPLOYER_KINDS }) @IsIn(EMPLOYER_KINDS)
  kind!: EmployerKind;

  @ApiProperty({ description: '单位名称或个人姓名（加密保存）' }) @IsString() @MaxLength(200)
  name!: string;

  @ApiPropertyOptional({ description: '统一社会信用代码（单位必填，校验位核对）' }) @IsOptional() @IsString() @MaxLength(40)
  creditCode?: string;

  @ApiProperty({ example: '500117001' }) @Matches(STREET, { message: 'streetCode 须为 9 位街道代码' })
  streetCode!: string;
}
