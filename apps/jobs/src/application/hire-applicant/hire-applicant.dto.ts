import { ApiProperty } from '@nestjs/swagger';
import { IsInt, IsString, MaxLength } from 'class-validator';

export class HireDto {
  @ApiProperty({ description: '约定工资（分，按招工信息的计薪单位）' }) @IsInt()
  agreedPayFen!: number;

  @ApiProperty({ example: '2026-06-03', description: '上岗日期' }) @IsString() @MaxLength(10)
  startDate!: string;
}
