import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class ApplyDto {
  @ApiPropertyOptional({ description: '给雇主的留言（不要写手机号、身份证号）' }) @IsOptional() @IsString() @MaxLength(1000)
  note?: string;
}
