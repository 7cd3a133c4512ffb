import { ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength } from 'class-validator';

export class InviteDto {
  @ApiPropertyOptional({ description: '邀请留言（面谈时间、地点）' }) @IsOptional() @IsString() @MaxLength(1000)
  message?: string;
}
